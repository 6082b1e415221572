// RFC 7292 Appendix B: how PKCS#12 turns a password into MAC keys and into the keys and IVs of its own PBE
// schemes (pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC, …). Only hashes are needed, so it runs
// the same on Node and under Electron; the loop yields to the event loop so a slow file never freezes the UI.
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CourierError } from '../errors';

export type Pkcs12Hash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** u = output bytes, v = block bytes of each hash (RFC 7292 B.2). */
const SIZES: Record<Pkcs12Hash, { u: number; v: number }> = {
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
};

/** RFC 7292 B.3: the diversifier says what the derived bytes are for. */
export const PKCS12_KEY = 1;
export const PKCS12_IV = 2;
export const PKCS12_MAC = 3;

const YIELD_EVERY = 8192;

/** The output size of `hash`: the length of a PKCS#12 MAC key (RFC 7292 App. B.4). */
export function pkcs12HashBytes(hash: Pkcs12Hash): number {
  return SIZES[hash].u;
}

/**
 * The key-derivation work one file may ask for, in hash iterations over all its derivations (PKCS#12 KDF and
 * PBKDF2 alike). OpenSSL writes 2048 per derivation and Java 10,000; a file asking for millions is refused
 * rather than left to hold the main process for minutes.
 */
export class IterationBudget {
  static readonly PER_DERIVATION = 1_000_000;
  static readonly PER_FILE = 4_000_000;
  private spent = 0;

  constructor(private readonly what: string) {}

  spend(iterations: number): void {
    if (!Number.isSafeInteger(iterations) || iterations < 1) {
      throw new CourierError('BAD_INPUT', `${this.what} has an iteration count of ${iterations}; it must be at least 1.`, 'The file is damaged; export it again.');
    }
    this.spent += iterations;
    if (iterations > IterationBudget.PER_DERIVATION || this.spent > IterationBudget.PER_FILE) {
      throw new CourierError(
        'BAD_INPUT',
        `${this.what} asks for ${iterations > IterationBudget.PER_DERIVATION ? iterations : this.spent} key-derivation iterations, more than Courier spends on one file (${IterationBudget.PER_DERIVATION} per key, ${IterationBudget.PER_FILE} in all).`,
        'Export the file again with the usual iteration count (OpenSSL and Java use 2048 to 10,000).',
      );
    }
  }
}

/** RFC 7292 B.1: the password as a BMPString with its two-byte terminator; an absent password is empty. */
export function bmpPassword(password: string | undefined): Buffer {
  if (password === undefined) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
}

function repeatTo(source: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let at = 0; at < length; at += source.length) source.copy(out, at, 0, Math.min(source.length, length - at));
  return out;
}

/** RFC 7292 B.2, steps 1–7: `length` bytes for diversifier `id`. */
export async function pkcs12DeriveBytes(hash: Pkcs12Hash, password: Buffer, salt: Uint8Array, id: number, iterations: number, length: number): Promise<Buffer> {
  const { u, v } = SIZES[hash];
  const diversifier = Buffer.alloc(v, id);
  const saltPart = salt.length === 0 ? Buffer.alloc(0) : repeatTo(Buffer.from(salt), v * Math.ceil(salt.length / v));
  const passwordPart = password.length === 0 ? Buffer.alloc(0) : repeatTo(password, v * Math.ceil(password.length / v));
  const input = Buffer.concat([saltPart, passwordPart]);
  const blocks = Math.ceil(length / u);
  const out = Buffer.alloc(blocks * u);
  for (let i = 0; i < blocks; i++) {
    let a = createHash(hash).update(diversifier).update(input).digest();
    for (let r = 1; r < iterations; r++) {
      a = createHash(hash).update(a).digest();
      if (r % YIELD_EVERY === 0) await nextTurn();
    }
    a.copy(out, i * u);
    if (i === blocks - 1) break;
    // Step 6: each v-byte block of I becomes (I_j + B + 1) mod 2^(8v), B being A repeated to v bytes.
    const b = repeatTo(a, v);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k]! + b[k]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  input.fill(0);
  return out.subarray(0, length);
}
