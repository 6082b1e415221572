// A throwaway CA made at start (EC P-256, valid 90 days, so a demo's certificates raise no expiry warning) that
// issues server certificates: every simulator serves real HTTPS on 127.0.0.1 with it, and `courier serve` uses it
// for an AS2 listener given no certificate of its own. Clients trust that CA per profile scope, never globally.
// Its certificate builder is also the test PKI's (test/support/testPki.ts), which asks for odd fields on purpose.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  GeneralName,
  id_ce_basicConstraints,
  id_ce_subjectAltName,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { randomSerialNumber } from '../certificates/selfSigned';

export interface ServerIdentity {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Another certificate from the same CA, e.g. an AS2 station's RSA signing and encryption certificate. */
  issue(commonName: string, publicKey: KeyObject): string;
}

const HOUR = 3_600_000;

/** One certificate as a throwaway CA (or a test's PKI) issues it: a common name for subject and issuer, no more. */
export interface CertificateFields {
  subject: string;
  /** The issuer's common name; the subject's own for a self-signed certificate. */
  issuer: string;
  publicKey: KeyObject;
  /** The issuer's private key, EC (ECDSA) or RSA (PKCS#1 v1.5). */
  signer: KeyObject;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** DNS names and IP addresses for subjectAltName; none: no such extension. */
  sans?: readonly string[];
  /** SHA-1 exists so tests can show such a certificate refused. Default sha256. */
  hash?: 'sha256' | 'sha1';
}

function name(commonName: string): Name {
  return new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: commonName }) })])]);
}

function signatureAlgorithm(signer: KeyObject, hash: 'sha256' | 'sha1'): AlgorithmIdentifier {
  if (signer.asymmetricKeyType === 'ec') return new AlgorithmIdentifier({ algorithm: hash === 'sha256' ? '1.2.840.10045.4.3.2' : '1.2.840.10045.4.1' });
  if (signer.asymmetricKeyType !== 'rsa') throw new Error(`throwawayCa: cannot sign with a ${signer.asymmetricKeyType} key`);
  const NULL = new Uint8Array([0x05, 0x00]).buffer;
  return new AlgorithmIdentifier({ algorithm: hash === 'sha256' ? '1.2.840.113549.1.1.11' : '1.2.840.113549.1.1.5', parameters: NULL });
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/** DER of the certificate, built field by field so every field is exactly what was asked for. */
export function buildCertificate(fields: CertificateFields): Buffer {
  const hash = fields.hash ?? 'sha256';
  const algorithm = signatureAlgorithm(fields.signer, hash);
  const extensions = [extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: fields.ca }))];
  if (fields.sans && fields.sans.length > 0) {
    const names = fields.sans.map((san) => new GeneralName(isIP(san) ? { iPAddress: san } : { dNSName: san }));
    extensions.push(extension(id_ce_subjectAltName, false, new SubjectAlternativeName(names)));
  }
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: randomSerialNumber(),
    signature: algorithm,
    issuer: name(fields.issuer),
    validity: new Validity({ notBefore: fields.notBefore, notAfter: fields.notAfter }),
    subject: name(fields.subject),
    subjectPublicKeyInfo: AsnConvert.parse(fields.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions(extensions),
  });
  const signature = sign(hash, Buffer.from(AsnConvert.serialize(tbs)), fields.signer);
  return Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer })));
}

/** RFC 7468 textual form of a certificate. */
export function certificatePem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A certificate of the throwaway CA: valid from an hour ago for 90 days; a leaf names 127.0.0.1 and localhost. */
function certificate(subject: string, issuer: string, publicKey: KeyObject, signer: KeyObject, ca: boolean): string {
  const now = Date.now();
  const sans = ca ? [] : ['127.0.0.1', 'localhost'];
  return certificatePem(buildCertificate({ subject, issuer, publicKey, signer, ca, sans, notBefore: new Date(now - HOUR), notAfter: new Date(now + 90 * 24 * HOUR) }));
}

export function makeServerIdentity(simulator: string): ServerIdentity {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caName = `${simulator} simulator CA`;
  return {
    caPem: certificate(caName, caName, ca.publicKey, ca.privateKey, true),
    certPem: certificate('127.0.0.1', caName, server.publicKey, ca.privateKey, false),
    keyPem: server.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    issue: (commonName, publicKey) => certificate(commonName, caName, publicKey, ca.privateKey, false),
  };
}
