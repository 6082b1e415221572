// Step two of a PACO call: open the answer. Decrypt the JWE with a merchant encryption key (each receiving
// key in turn, so answers to a predecessor still open during a rotation's overlap), verify the inner JWS
// with PACO's signing key found by `kid`, then check `crit`/`exp`, `iss`, `aud`, `exp` and `nbf`.
// jose does the cryptography; every check before and after it is ours and fails with the check's name.
import type { KeyObject } from 'node:crypto';
import { compactDecrypt, compactVerify } from 'jose';
import {
  CLOCK_SKEW_SECONDS,
  isContentEncryption,
  isSigningAlgorithm,
  joseRejected,
  MAX_TOKEN_CHARS,
  PACO_ISSUER,
  PACO_KEY_MANAGEMENT_ALGORITHM,
  type PacoContentEncryption,
} from './pacoJose';

export interface ResponseTokenKeys {
  apiKey: string;
  /** Merchant private encryption keys, the current sending key first. */
  decryptionKeys: readonly { kid: string; key: KeyObject }[];
  /** PACO's public signing keys by kid. */
  verificationKeys: ReadonlyMap<string, KeyObject>;
  /** "Responses will be signed and encrypted using the same algorithms supplied in the requests." */
  contentEncryption: PacoContentEncryption;
  now?: Date;
}

export interface OpenedResponse {
  /** The answer's body: the `response` claim, or the whole claim set when PACO sends none. */
  response: unknown;
  jti: string | null;
  signingKid: string;
  decryptionKid: string;
  /** The answer's JWS algorithm, as its protected header named it. */
  signingAlgorithm: string;
  /** The checked registered claims, for showing how the answer was verified. */
  claims: { iss: string; aud: string | string[]; iat: number | null; nbf: number | null; exp: number; jti: string | null };
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The protected header of a compact JWS (3 parts) or JWE (5 parts), refused as `form` if it does not parse. */
function protectedHeader(token: string, parts: number): Record<string, unknown> {
  const segments = token.split('.');
  if (segments.length !== parts || !segments.every((segment) => BASE64URL.test(segment))) {
    throw joseRejected('form', `expected a compact ${parts === 5 ? 'JWE' : 'JWS'} of ${parts} base64url parts.`);
  }
  try {
    const header: unknown = JSON.parse(utf8.decode(Buffer.from(segments[0]!, 'base64url')));
    if (typeof header === 'object' && header !== null && !Array.isArray(header)) return header as Record<string, unknown>;
  } catch {
    // falls through to the refusal below
  }
  throw joseRejected('form', 'the protected header is not a JSON object.');
}

async function decrypt(token: string, keys: ResponseTokenKeys): Promise<{ jws: string; kid: string }> {
  const header = protectedHeader(token, 5);
  if (header.alg !== PACO_KEY_MANAGEMENT_ALGORITHM) throw joseRejected('encryption algorithm', `alg ${String(header.alg)} is not ${PACO_KEY_MANAGEMENT_ALGORITHM}.`);
  if (!isContentEncryption(header.enc)) throw joseRejected('encryption algorithm', `enc ${String(header.enc)} is not one PACO supports.`);
  if (header.enc !== keys.contentEncryption) throw joseRejected('encryption algorithm', `enc ${header.enc} differs from the request's ${keys.contentEncryption}.`);
  const ordered = [...keys.decryptionKeys].sort((a, b) => Number(b.kid === header.kid) - Number(a.kid === header.kid));
  for (const candidate of ordered) {
    try {
      const { plaintext, protectedHeader: decrypted } = await compactDecrypt(token, candidate.key, {
        keyManagementAlgorithms: [PACO_KEY_MANAGEMENT_ALGORITHM],
        contentEncryptionAlgorithms: [keys.contentEncryption],
      });
      if (typeof decrypted.cty !== 'string' || decrypted.cty.toUpperCase() !== 'JWT') throw joseRejected('content type', `cty is ${String(decrypted.cty)}, not JWT.`);
      return { jws: utf8.decode(plaintext), kid: candidate.kid };
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'JOSE_REJECTED') throw error;
    }
  }
  throw joseRejected('decryption', `none of the ${keys.decryptionKeys.length} merchant encryption key(s) opens it (wrong key or altered ciphertext).`);
}

async function verify(jws: string, keys: ResponseTokenKeys): Promise<{ payload: Uint8Array; kid: string; alg: string; headerExp: unknown }> {
  const header = protectedHeader(jws, 3);
  if (!isSigningAlgorithm(header.alg)) throw joseRejected('signature algorithm', `alg ${String(header.alg)} is not one PACO signs with.`);
  if (typeof header.kid !== 'string') throw joseRejected('kid', 'the signature names no kid.');
  const key = keys.verificationKeys.get(header.kid);
  if (!key) throw joseRejected('kid', `no PACO signing key on the profile has kid ${header.kid}.`);
  try {
    const { payload } = await compactVerify(jws, key, { algorithms: [header.alg], crit: { exp: true } });
    return { payload, kid: header.kid, alg: header.alg, headerExp: header.exp };
  } catch {
    throw joseRejected('signature', `the ${header.alg} signature does not verify with PACO key ${header.kid}.`);
  }
}

function claimsOf(payload: Uint8Array): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(utf8.decode(payload));
    if (typeof claims === 'object' && claims !== null && !Array.isArray(claims)) return claims as Record<string, unknown>;
  } catch {
    // falls through to the refusal below
  }
  throw joseRejected('payload', 'the signed payload is not a JSON object.');
}

function checkTimes(claims: Record<string, unknown>, headerExp: unknown, now: number): void {
  if (typeof claims.exp !== 'number') throw joseRejected('exp', 'the token has no numeric exp.');
  if (headerExp !== undefined && headerExp !== claims.exp) throw joseRejected('exp', 'the exp named in crit differs from the exp claim.');
  if (now - CLOCK_SKEW_SECONDS >= claims.exp) throw joseRejected('exp', `it expired at ${new Date(claims.exp * 1000).toISOString()}.`);
  if (claims.nbf !== undefined) {
    if (typeof claims.nbf !== 'number') throw joseRejected('nbf', 'nbf is not a number.');
    if (now + CLOCK_SKEW_SECONDS < claims.nbf) throw joseRejected('nbf', `it is not valid before ${new Date(claims.nbf * 1000).toISOString()}.`);
  }
}

export async function openResponseToken(token: string, keys: ResponseTokenKeys): Promise<OpenedResponse> {
  if (token.length > MAX_TOKEN_CHARS) throw joseRejected('size', `${token.length} characters is more than the ${MAX_TOKEN_CHARS} allowed.`);
  const { jws, kid: decryptionKid } = await decrypt(token.trim(), keys);
  const { payload, kid: signingKid, alg: signingAlgorithm, headerExp } = await verify(jws, keys);
  const claims = claimsOf(payload);
  if (claims.iss !== PACO_ISSUER) throw joseRejected('iss', `iss is ${JSON.stringify(claims.iss)}, not ${PACO_ISSUER}.`);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(keys.apiKey)) throw joseRejected('aud', 'aud is not this profile\'s API key.');
  checkTimes(claims, headerExp, Math.floor((keys.now ?? new Date()).getTime() / 1000));
  const jti = typeof claims.jti === 'string' ? claims.jti : null;
  const checked = {
    iss: PACO_ISSUER,
    aud: audiences.every((audience) => typeof audience === 'string') ? (claims.aud as string | string[]) : keys.apiKey,
    iat: typeof claims.iat === 'number' ? claims.iat : null,
    nbf: typeof claims.nbf === 'number' ? claims.nbf : null,
    exp: claims.exp as number,
    jti,
  };
  return { response: 'response' in claims ? claims.response : claims, jti, signingKid, decryptionKid, signingAlgorithm, claims: checked };
}
