// The public half of a key pair in the forms partners ask for: X.509 SubjectPublicKeyInfo PEM (what PACO
// calls "X.509 format"), a JWK whose kid is its RFC 7638 thumbprint, and the SHA-256 of the SPKI.
import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { KeyAlgorithm, KeyPurpose, PublicJwk } from '../../../shared/ipc';
import { CourierError } from '../errors';

/** OpenSSL's names for the curves we accept, mapped to their JOSE / NIST names. */
const CURVES: Record<string, 'P-256' | 'P-384'> = { prime256v1: 'P-256', secp384r1: 'P-384' };

export function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    throw new CourierError('BAD_INPUT', 'This is not an X.509 SubjectPublicKeyInfo.', 'Give the public key as DER or PEM ("BEGIN PUBLIC KEY").');
  }
}

/** The algorithm a public key belongs to, or a BAD_INPUT for any Courier does not hold. */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength === 2048 || details.modulusLength === 3072 || details.modulusLength === 4096)) {
    return { type: 'rsa', bits: details.modulusLength };
  }
  const curve = key.asymmetricKeyType === 'ec' ? CURVES[details.namedCurve ?? ''] : undefined;
  if (curve) return { type: 'ec', curve };
  throw new CourierError('BAD_INPUT', 'Courier holds RSA 2048/3072/4096 and EC P-256/P-384 keys only.');
}

export function spkiSha256(spki: Uint8Array): string {
  return createHash('sha256').update(spki).digest('hex');
}

export function publicKeyPem(spki: Uint8Array): string {
  return publicKeyFromSpki(spki).export({ type: 'spki', format: 'pem' }).toString();
}

/** RFC 7638 §3: SHA-256 over the required members only, in lexicographic order, no whitespace. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const required = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
}

/** RFC 7517 §4.2: a signing purpose (TLS client auth signs too) is `sig`, an encryption purpose `enc`. */
export function jwkUse(purpose: KeyPurpose): 'sig' | 'enc' {
  return purpose.endsWith('-encryption') ? 'enc' : 'sig';
}

export function publicJwk(spki: Uint8Array, purpose: KeyPurpose): PublicJwk {
  const jwk = publicKeyFromSpki(spki).export({ format: 'jwk' });
  const kid = jwkThumbprint(jwk);
  const use = jwkUse(purpose);
  if (jwk.kty === 'RSA') return { kty: 'RSA', kid, use, n: jwk.n!, e: jwk.e! };
  return { kty: 'EC', kid, use, crv: jwk.crv as 'P-256' | 'P-384', x: jwk.x!, y: jwk.y! };
}
