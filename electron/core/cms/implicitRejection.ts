// Why this file exists: Node 20 refuses RSA PKCS#1 v1.5 private decryption (CVE-2023-46809), yet most AS2 partners
// and `openssl cms -encrypt` transport the content key that way. We decrypt raw and decode EME-PKCS1-v1_5 here without
// a padding oracle (Bleichenbacher, Marvin): a bad block yields a pseudo-random key derived from the ciphertext and
// the private key (implicit rejection as in draft-irtf-cfrg-rsa-guidance; the random-key advice of RFC 3218), so the
// failure shows up only at the symmetric layer, exactly like a wrong key.
import { constants, createHash, createHmac, privateDecrypt, type KeyObject } from 'node:crypto';

/** Which content-key lengths (bytes) the content cipher accepts, and the length of the key made up on rejection. */
export interface KeyLengthRule {
  min: number;
  max: number;
  fallback: number;
}

/** 0x00 0x02, eight or more non-zero padding bytes, 0x00. */
const MIN_PADDING = 11;

// Constant-style helpers over small non-negative integers (< 2^30): results are 0 or 1, no branches.
const isZero = (x: number): number => ((x | -x) >>> 31) ^ 1;
const equals = (a: number, b: number): number => isZero(a ^ b);
const lessThan = (a: number, b: number): number => ((a - b) >>> 31) & 1;
const select = (bit: number, a: number, b: number): number => b ^ ((a ^ b) & -bit);

interface RejectionKey {
  /** SHA-256 of the private exponent d, big-endian, k bytes: the HMAC key of the key-derivation key. */
  secret: Buffer;
  /** Modulus length in bytes. */
  k: number;
}

const rejectionKeys = new WeakMap<KeyObject, RejectionKey>();

function rejectionKeyOf(privateKey: KeyObject): RejectionKey {
  const cached = rejectionKeys.get(privateKey);
  if (cached) return cached;
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.d || !jwk.n) throw new TypeError('RSA key transport needs an RSA private key');
  const k = Buffer.from(jwk.n, 'base64url').length;
  const d = Buffer.from(jwk.d, 'base64url');
  const padded = Buffer.alloc(Math.max(k, d.length));
  d.copy(padded, padded.length - d.length);
  const key = { secret: createHash('sha256').update(padded).digest(), k };
  padded.fill(0);
  d.fill(0);
  rejectionKeys.set(privateKey, key);
  return key;
}

/**
 * The pseudo-random key used when the block does not decode: HMAC-SHA256 in counter mode under the key-derivation
 * key KDK = HMAC-SHA256(SHA-256(d), C). The same ciphertext and key always give the same answer, so a retry
 * learns nothing new.
 */
function syntheticKey(rejection: RejectionKey, ciphertext: Uint8Array, length: number): Buffer {
  const kdk = createHmac('sha256', rejection.secret).update(ciphertext).digest();
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) {
    const header = Buffer.from([i >> 8, i & 0xff, (length * 8) >> 8, (length * 8) & 0xff]);
    blocks.push(createHmac('sha256', kdk).update(header).update('cms key transport').digest());
  }
  kdk.fill(0);
  return Buffer.concat(blocks).subarray(0, length);
}

/**
 * Decodes EME-PKCS1-v1_5 (RFC 8017 §7.2.2 step 3) in `em` (k bytes) and returns the message when the block is well
 * formed and its length fits `rule`, otherwise `fallback` (rule.fallback bytes). Every byte is touched the same way
 * whatever the padding holds; the only length-dependent step is the final slice, whose length the symmetric layer
 * reveals anyway.
 */
export function decodePkcs1v15(em: Uint8Array, rule: KeyLengthRule, fallback: Uint8Array): Uint8Array {
  const k = em.length;
  const maxLen = Math.min(rule.max, k - MIN_PADDING);
  let good = isZero(em[0]!) & equals(em[1]!, 2);
  let found = 0;
  let zeroIndex = 0;
  for (let i = 2; i < k; i++) {
    const zero = isZero(em[i]!);
    zeroIndex = select(zero & (found ^ 1), i, zeroIndex);
    found |= zero;
  }
  good &= found & lessThan(MIN_PADDING - 2, zeroIndex); // the separator comes after at least 8 padding bytes
  const mLen = k - 1 - zeroIndex;
  good &= lessThan(rule.min - 1, mLen) & lessThan(mLen, maxLen + 1);

  // Shift the message left to offset MIN_PADDING in log2(k) passes of fixed shape (as OpenSSL does), so no memory
  // access depends on where the separator was.
  const work = Uint8Array.from(em);
  const shift = k - MIN_PADDING - mLen;
  for (let step = 1; step < k - MIN_PADDING; step <<= 1) {
    const bit = isZero(shift & step) ^ 1;
    for (let i = MIN_PADDING; i < k - step; i++) work[i] = select(bit, work[i + step]!, work[i]!);
  }
  const outLen = select(good, mLen, rule.fallback);
  const out = new Uint8Array(Math.max(maxLen, rule.fallback));
  out.set(fallback.subarray(0, out.length));
  for (let i = 0; i < out.length; i++) {
    const fromMessage = good & lessThan(i, maxLen);
    out[i] = select(fromMessage, work[MIN_PADDING + Math.min(i, k - MIN_PADDING - 1)]!, out[i]!);
  }
  work.fill(0);
  const key = out.slice(0, outLen);
  out.fill(0);
  return key;
}

/**
 * RSAES-PKCS1-v1_5 decryption of a content-encryption key with implicit rejection: never throws because of the
 * block's contents, and returns either the transported key or a deterministic pseudo-random one of rule.fallback
 * bytes.
 */
export function decryptKeyPkcs1v15(privateKey: KeyObject, encryptedKey: Uint8Array, rule: KeyLengthRule): Uint8Array {
  const rejection = rejectionKeyOf(privateKey);
  const fallback = syntheticKey(rejection, encryptedKey, rule.fallback);
  // A ciphertext of the wrong length or not below the modulus is public information: reject it the same way.
  if (encryptedKey.length !== rejection.k) return fallback;
  let em: Buffer;
  try {
    em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, encryptedKey);
  } catch {
    return fallback;
  }
  const key = decodePkcs1v15(em, rule, fallback);
  em.fill(0);
  return key;
}
