// A throwaway PKI for TLS tests: keys from node:crypto, certificates built field by field by the core's builder
// (electron/core/tls/throwawayCa.ts), so a test can ask for any validity window, SAN, CA flag, key size or hash
// (an expired leaf, a 1024-bit key, a SHA-1 signature) and openssl s_server will serve it as given.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { buildCertificate, certificatePem } from '../../electron/core/tls/throwawayCa';

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

export function issueCertificate(request: CertificateRequest): TestCertificate {
  const now = Date.now();
  const der = buildCertificate({
    subject: request.commonName,
    issuer: request.issuer?.subject ?? request.commonName,
    publicKey: request.key.publicKey,
    signer: (request.issuer?.key ?? request.key).privateKey,
    notBefore: request.notBefore ?? new Date(now - DAY),
    notAfter: request.notAfter ?? new Date(now + 30 * DAY),
    ca: request.ca ?? false,
    ...(request.sans ? { sans: request.sans } : {}),
    ...(request.hash ? { hash: request.hash } : {}),
  });
  return {
    subject: request.commonName,
    key: request.key,
    der,
    pem: certificatePem(der),
    keyPem: request.key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
