// A throwaway PKI for TLS tests: keys from node:crypto, certificates built field by field with the
// @peculiar/asn1-x509 schemas, so a test can ask for any validity window, SAN, CA flag, key size or hash
// (an expired leaf, a 1024-bit key, a SHA-1 signature) and openssl s_server will serve it as given.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
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

export type KeySpec = 'ec-p224' | 'ec-p256' | 'ec-p384' | 'rsa-2048' | 'rsa-1024';

const curves: Partial<Record<KeySpec, string>> = { 'ec-p224': 'secp224r1', 'ec-p256': 'P-256', 'ec-p384': 'P-384' };

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  spec: KeySpec;
}

export interface TestCertificate {
  subject: string;
  key: TestKey;
  der: Buffer;
  pem: string;
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  key: TestKey;
  /** Absent: self-signed. */
  issuer?: TestCertificate;
  notBefore?: Date;
  notAfter?: Date;
  /** DNS names and IP addresses. */
  sans?: string[];
  ca?: boolean;
  hash?: 'sha256' | 'sha1';
}

const DAY = 86_400_000;

export function makeKey(spec: KeySpec): TestKey {
  const curve = curves[spec];
  const pair = curve ? generateKeyPairSync('ec', { namedCurve: curve }) : generateKeyPairSync('rsa', { modulusLength: spec === 'rsa-2048' ? 2048 : 1024 });
  return { ...pair, spec };
}

function name(commonName: string): Name {
  return new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: commonName }) })])]);
}

function signatureAlgorithm(signer: TestKey, hash: 'sha256' | 'sha1'): AlgorithmIdentifier {
  if (signer.spec.startsWith('ec')) return new AlgorithmIdentifier({ algorithm: hash === 'sha256' ? '1.2.840.10045.4.3.2' : '1.2.840.10045.4.1' });
  const NULL = new Uint8Array([0x05, 0x00]).buffer;
  return new AlgorithmIdentifier({ algorithm: hash === 'sha256' ? '1.2.840.113549.1.1.11' : '1.2.840.113549.1.1.5', parameters: NULL });
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export function issueCertificate(request: CertificateRequest): TestCertificate {
  const now = Date.now();
  const signer = request.issuer?.key ?? request.key;
  const hash = request.hash ?? 'sha256';
  const algorithm = signatureAlgorithm(signer, hash);
  const extensions = [extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: request.ca ?? false }))];
  if (request.sans && request.sans.length > 0) {
    const names = request.sans.map((san) => new GeneralName(isIP(san) ? { iPAddress: san } : { dNSName: san }));
    extensions.push(extension(id_ce_subjectAltName, false, new SubjectAlternativeName(names)));
  }
  const serial = randomBytes(8);
  // Positive and minimally encoded (a DER INTEGER may not start with 0x00 followed by a byte below 0x80).
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.length),
    signature: algorithm,
    issuer: name(request.issuer?.subject ?? request.commonName),
    validity: new Validity({ notBefore: request.notBefore ?? new Date(now - DAY), notAfter: request.notAfter ?? new Date(now + 30 * DAY) }),
    subject: name(request.commonName),
    subjectPublicKeyInfo: AsnConvert.parse(request.key.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions(extensions),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign(hash, tbsDer, signer.privateKey);
  const der = Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer })));
  return {
    subject: request.commonName,
    key: request.key,
    der,
    pem: toPem(der),
    keyPem: request.key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

export function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

