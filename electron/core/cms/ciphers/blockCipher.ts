// Why this file exists: Node 20 and Electron ship OpenSSL without RC2, CAST5 and IDEA, yet CMS EnvelopedData
// (S/MIME, AS2) still arrives encrypted with them. This is the shared block-cipher shape and the CBC/PKCS#7 mode.

/** A raw block cipher (ECB on a single block). Implementations must allow src and dst to be the same bytes. */
export interface BlockCipher {
  /** Block size in bytes (8 for RC2, CAST5 and IDEA). */
  readonly blockSize: number;
  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void;
  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void;
}

/** Incremental cipher: feed chunks to update(), then call final() exactly once. Each call returns the output it can. */
export interface IncrementalCipher {
  update(chunk: Uint8Array): Uint8Array;
  final(): Uint8Array;
}

export type CipherPaddingFailure = 'bad-length' | 'bad-padding';

/**
 * Decryption could not be completed: the ciphertext length is not a positive multiple of the block size, or the
 * PKCS#7 padding of the last block is malformed (most often a wrong key or corrupted data).
 */
export class CipherPaddingError extends Error {
  override readonly name = 'CipherPaddingError';
  readonly reason: CipherPaddingFailure;

  constructor(reason: CipherPaddingFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

function checkIv(cipher: BlockCipher, iv: Uint8Array): Uint8Array {
  if (iv.length !== cipher.blockSize) {
    throw new RangeError(`CBC IV must be ${cipher.blockSize} bytes (the cipher's block size), got ${iv.length}`);
  }
  return Uint8Array.from(iv);
}

const EMPTY = new Uint8Array(0);

function finished(): never {
  throw new Error('CBC cipher already finalized; create a new one for the next message');
}

/** CBC encryption with PKCS#7 padding. The IV is copied; the caller's buffers are never modified. */
export function createCbcEncryptor(cipher: BlockCipher, iv: Uint8Array): IncrementalCipher {
  const bs = cipher.blockSize;
  const chain = checkIv(cipher, iv); // previous ciphertext block (the IV at first)
  const pending = new Uint8Array(bs); // plaintext bytes that do not yet fill a block
  let pendingLen = 0;
  let done = false;

  // XOR one plaintext block into the chain, encrypt into out at o, and keep it as the next chain value.
  const encryptBlock = (src: Uint8Array, so: number, out: Uint8Array, o: number): void => {
    for (let i = 0; i < bs; i++) out[o + i] = src[so + i]! ^ chain[i]!;
    cipher.encryptBlock(out, o, out, o);
    for (let i = 0; i < bs; i++) chain[i] = out[o + i]!;
  };

  return {
    update(chunk: Uint8Array): Uint8Array {
      if (done) finished();
      const total = pendingLen + chunk.length;
      if (total < bs) {
        pending.set(chunk, pendingLen);
        pendingLen = total;
        return EMPTY;
      }
      const out = new Uint8Array(total - (total % bs));
      let o = 0;
      let p = 0;
      if (pendingLen > 0) {
        p = bs - pendingLen;
        pending.set(chunk.subarray(0, p), pendingLen);
        encryptBlock(pending, 0, out, 0);
        o = bs;
      }
      for (; p + bs <= chunk.length; p += bs, o += bs) encryptBlock(chunk, p, out, o);
      pendingLen = chunk.length - p;
      pending.set(chunk.subarray(p), 0);
      return out;
    },

    final(): Uint8Array {
      if (done) finished();
      done = true;
      const pad = bs - pendingLen; // 1..bs: a full block of padding when the input was block-aligned
      pending.fill(pad, pendingLen);
      const out = new Uint8Array(bs);
      encryptBlock(pending, 0, out, 0);
      pending.fill(0);
      chain.fill(0);
      return out;
    },
  };
}

/**
 * CBC decryption with PKCS#7 padding. The last block is held back until final(), which strips and checks the padding
 * and throws CipherPaddingError when the total length or the padding is wrong.
 */
export function createCbcDecryptor(cipher: BlockCipher, iv: Uint8Array): IncrementalCipher {
  const bs = cipher.blockSize;
  const chain = checkIv(cipher, iv); // previous ciphertext block (the IV at first)
  const pending = new Uint8Array(bs); // ciphertext held back: a partial block, or the last full block seen
  let pendingLen = 0;
  let done = false;

  // Decrypt one ciphertext block into out at o, XOR in the chain, and keep the ciphertext as the next chain value.
  const decryptBlock = (src: Uint8Array, so: number, out: Uint8Array, o: number): void => {
    cipher.decryptBlock(src, so, out, o);
    for (let i = 0; i < bs; i++) {
      out[o + i] = out[o + i]! ^ chain[i]!;
      chain[i] = src[so + i]!;
    }
  };

  return {
    update(chunk: Uint8Array): Uint8Array {
      if (done) finished();
      const total = pendingLen + chunk.length;
      // Release every complete block except the last one, which may carry the padding.
      const release = total === 0 ? 0 : Math.floor((total - 1) / bs) * bs;
      if (release === 0) {
        pending.set(chunk, pendingLen);
        pendingLen = total;
        return EMPTY;
      }
      const out = new Uint8Array(release);
      let o = 0;
      let p = 0;
      if (pendingLen > 0) {
        // pendingLen < bs here, or the held block is exactly full and released now.
        p = bs - pendingLen;
        pending.set(chunk.subarray(0, p), pendingLen);
        decryptBlock(pending, 0, out, 0);
        o = bs;
      }
      for (; o < release; p += bs, o += bs) decryptBlock(chunk, p, out, o);
      pendingLen = chunk.length - p;
      pending.set(chunk.subarray(p), 0);
      return out;
    },

    final(): Uint8Array {
      if (done) finished();
      done = true;
      try {
        if (pendingLen !== bs) {
          throw new CipherPaddingError(
            'bad-length',
            pendingLen === 0
              ? `CBC ciphertext is empty; PKCS#7 padding needs at least one ${bs}-byte block`
              : `CBC ciphertext length is not a multiple of the ${bs}-byte block size (${pendingLen} trailing ` +
                'bytes); the data is truncated or not ciphertext',
          );
        }
        const last = new Uint8Array(bs);
        decryptBlock(pending, 0, last, 0);
        const pad = last[bs - 1]!;
        // Check every padding byte without an early exit.
        let bad = pad === 0 || pad > bs ? 1 : 0;
        const start = bs - Math.min(Math.max(pad, 1), bs);
        for (let i = start; i < bs; i++) bad |= last[i]! ^ pad;
        if (bad !== 0) {
          last.fill(0);
          throw new CipherPaddingError(
            'bad-padding',
            'CBC decryption produced invalid PKCS#7 padding; the key or IV is wrong, or the ciphertext is corrupted',
          );
        }
        return last.subarray(0, bs - pad);
      } finally {
        pending.fill(0);
        chain.fill(0);
      }
    },
  };
}
