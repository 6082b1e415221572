// Why this file exists: IDEA (Lai & Massey, 1991) still turns up as a CMS content cipher (RFC 3058) from old S/MIME
// and AS2 partners, and the OpenSSL inside Node 20 / Electron is built without it.
import type { BlockCipher } from './blockCipher';

const ROUNDS = 8;
const SUBKEYS = 6 * ROUNDS + 4; // 52

/** Multiplication modulo 2^16 + 1, where the 16-bit value 0 stands for 2^16. Inputs and output are 0..0xffff. */
function mul(a: number, b: number): number {
  if (a === 0) return (0x10001 - b) & 0xffff; // 2^16 · b ≡ −b
  if (b === 0) return (0x10001 - a) & 0xffff;
  const p = Math.imul(a, b); // low 32 bits of a·b < 2^32 are all of it; >>> reads them unsigned
  const lo = p & 0xffff;
  const hi = p >>> 16;
  return (lo - hi + (lo < hi ? 1 : 0)) & 0xffff; // a·b = hi·2^16 + lo ≡ lo − hi (mod 2^16 + 1)
}

/** Multiplicative inverse modulo 2^16 + 1 (0 ≡ 2^16 ≡ −1 and 1 are their own inverses). */
function mulInv(x: number): number {
  if (x <= 1) return x;
  // Extended Euclid on (65537, x); 65537 is prime so the inverse always exists.
  let r0 = 0x10001;
  let r1 = x;
  let s0 = 0;
  let s1 = 1;
  while (r1 !== 1) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s1 % 0x10001) + 0x10001) % 0x10001 & 0xffff;
}

/** The 52 encryption subkeys: the 128-bit key cut into eight 16-bit words, rotated left 25 bits per group of 8. */
function encryptionKeys(key: Uint8Array): Uint16Array {
  const z = new Uint16Array(SUBKEYS);
  for (let i = 0; i < 8; i++) z[i] = (key[2 * i]! << 8) | key[2 * i + 1]!;
  for (let i = 8; i < SUBKEYS; i++) {
    const base = (i & ~7) - 8; // start of the previous group of 8
    const j = i & 7;
    z[i] = (z[base + ((j + 1) & 7)]! << 9) | (z[base + ((j + 2) & 7)]! >>> 7);
  }
  return z;
}

/**
 * The decryption subkeys: the encryption ones in reverse round order, multiplicative keys inverted mod 2^16 + 1,
 * additive keys negated mod 2^16 (and swapped in the inner rounds, undoing the middle swap of each round).
 */
function decryptionKeys(z: Uint16Array): Uint16Array {
  const dk = new Uint16Array(SUBKEYS);
  for (let r = 0; r <= ROUNDS; r++) {
    const src = 6 * (ROUNDS - r); // the key group this decryption step undoes
    const inner = r !== 0 && r !== ROUNDS;
    dk[6 * r] = mulInv(z[src]!);
    dk[6 * r + 1] = -z[src + (inner ? 2 : 1)]!;
    dk[6 * r + 2] = -z[src + (inner ? 1 : 2)]!;
    dk[6 * r + 3] = mulInv(z[src + 3]!);
    if (r < ROUNDS) {
      dk[6 * r + 4] = z[src - 2]!;
      dk[6 * r + 5] = z[src - 1]!;
    }
  }
  return dk;
}

function crypt(k: Uint16Array, src: Uint8Array, so: number, dst: Uint8Array, dOff: number): void {
  let x0 = (src[so]! << 8) | src[so + 1]!;
  let x1 = (src[so + 2]! << 8) | src[so + 3]!;
  let x2 = (src[so + 4]! << 8) | src[so + 5]!;
  let x3 = (src[so + 6]! << 8) | src[so + 7]!;
  let j = 0;
  for (let round = 0; round < ROUNDS; round++, j += 6) {
    x0 = mul(x0, k[j]!);
    x1 = (x1 + k[j + 1]!) & 0xffff;
    x2 = (x2 + k[j + 2]!) & 0xffff;
    x3 = mul(x3, k[j + 3]!);
    // The multiply-add structure, then the output XORs with x1 and x2 swapped.
    const t0 = mul(x0 ^ x2, k[j + 4]!);
    const t1 = mul((t0 + (x1 ^ x3)) & 0xffff, k[j + 5]!);
    const t2 = (t0 + t1) & 0xffff;
    x0 ^= t1;
    x3 ^= t2;
    const a = x1 ^ t2;
    x1 = x2 ^ t1;
    x2 = a;
  }
  // Output transformation (undoes the last swap).
  const y0 = mul(x0, k[j]!);
  const y1 = (x2 + k[j + 1]!) & 0xffff;
  const y2 = (x1 + k[j + 2]!) & 0xffff;
  const y3 = mul(x3, k[j + 3]!);
  dst[dOff] = y0 >>> 8;
  dst[dOff + 1] = y0;
  dst[dOff + 2] = y1 >>> 8;
  dst[dOff + 3] = y1;
  dst[dOff + 4] = y2 >>> 8;
  dst[dOff + 5] = y2;
  dst[dOff + 6] = y3 >>> 8;
  dst[dOff + 7] = y3;
}

/** IDEA: 64-bit block, 128-bit key, 8.5 rounds. */
export class Idea implements BlockCipher {
  readonly blockSize = 8;
  private readonly ek: Uint16Array;
  private readonly dk: Uint16Array;

  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new RangeError(`IDEA key must be 16 bytes (128 bits), got ${key.length}`);
    this.ek = encryptionKeys(key);
    this.dk = decryptionKeys(this.ek);
  }

  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    crypt(this.ek, src, srcOff, dst, dstOff);
  }

  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    crypt(this.dk, src, srcOff, dst, dstOff);
  }
}
