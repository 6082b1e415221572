// A throwaway CA made at start (EC P-256, valid 90 days, so a demo's certificates raise no expiry warning) that
// issues server certificates: every simulator serves real HTTPS on 127.0.0.1 with it, and `courier serve` uses it
// for an AS2 listener given no certificate of its own. Clients trust that CA per profile scope, never globally.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
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

export interface ServerIdentity {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Another certificate from the same CA, e.g. an AS2 station's RSA signing and encryption certificate. */
  issue(commonName: string, publicKey: KeyObject): string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const HOUR = 3_600_000;

function name(commonName: string): Name {
  return new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: commonName }) })])]);
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function certificate(subject: string, issuer: string, publicKey: KeyObject, signer: KeyObject, ca: boolean): string {
  const serial = randomBytes(8);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const algorithm = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const extensions = [extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: ca }))];
  if (!ca) extensions.push(extension(id_ce_subjectAltName, false, new SubjectAlternativeName([new GeneralName({ iPAddress: '127.0.0.1' }), new GeneralName({ dNSName: 'localhost' })])));
  const now = Date.now();
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.length),
    signature: algorithm,
    issuer: name(issuer),
    validity: new Validity({ notBefore: new Date(now - HOUR), notAfter: new Date(now + 90 * 24 * HOUR) }),
    subject: name(subject),
    subjectPublicKeyInfo: AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions(extensions),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), signer);
  const der = Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer })));
  return `-----BEGIN CERTIFICATE-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
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
