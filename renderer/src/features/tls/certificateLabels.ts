// The words the inspector shows for a certificate and its problems: its place in the chain, its key as
// people say it ("RSA 2048", "EC P-256") and a short title for each problem code. The problem's message
// and hint come from Courier as they are, the same ones `courier tls inspect` prints.
import type { CertificateSummary, TlsProblemCode } from '../../../../shared/ipc';

export type LinkRole = 'Leaf' | 'Intermediate' | 'Root';

/** Index 0 is the server's own certificate; a self-signed one further up ends the chain. */
export function linkRole(index: number, certificate: CertificateSummary): LinkRole {
  if (index === 0) return 'Leaf';
  return certificate.selfSigned ? 'Root' : 'Intermediate';
}

const curveNames: Record<string, string> = {
  prime256v1: 'P-256',
  secp256r1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

const keyTypeNames: Record<string, string> = {
  rsa: 'RSA',
  'rsa-pss': 'RSA-PSS',
  ec: 'EC',
  dsa: 'DSA',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
};

export function keyLabel({ keyType, keyBits, curve }: Pick<CertificateSummary, 'keyType' | 'keyBits' | 'curve'>): string {
  const type = keyTypeNames[keyType] ?? keyType;
  if (curve !== null) return `${type} ${curveNames[curve] ?? curve}`;
  if (keyBits !== null && (keyType === 'rsa' || keyType === 'rsa-pss' || keyType === 'dsa')) return `${type} ${keyBits}`;
  return type;
}

export const problemTitles: Record<TlsProblemCode, string> = {
  expired: 'Expired',
  'not-yet-valid': 'Not yet valid',
  'self-signed': 'Self-signed and not trusted',
  'unknown-issuer': 'Unknown issuer',
  'not-a-ca': 'Not a CA',
  'hostname-mismatch': 'Wrong host name',
  'weak-key': 'Weak key',
  'weak-signature': 'Weak signature',
  'pin-mismatch': 'Key not pinned',
  'verification-failed': 'Verification failed',
  'protocol-too-old': 'Protocol too old',
  'handshake-failed': 'Handshake failed',
};
