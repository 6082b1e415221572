// CBC mode with PKCS#7 padding over any BlockCipher: a NIST vector, Node's own CBC as a reference, streaming in
// arbitrary chunks, and the errors a damaged or truncated ciphertext must produce.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  CipherPaddingError,
  createCbcDecryptor,
  createCbcEncryptor,
  type BlockCipher,
  type IncrementalCipher,
} from '../../../../electron/core/cms/ciphers/blockCipher';
import { Cast5 } from '../../../../electron/core/cms/ciphers/cast5';
import { Idea } from '../../../../electron/core/cms/ciphers/idea';
import { Rc2 } from '../../../../electron/core/cms/ciphers/rc2';

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T;
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Deterministic xorshift32 so failures reproduce. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

function bytes(len: number, seed: number): Uint8Array {
  const next = prng(seed);
  return Uint8Array.from({ length: len }, () => next(256));
}

function run(c: IncrementalCipher, ...chunks: Uint8Array[]): Uint8Array {
  return Buffer.concat([...chunks.map((x) => c.update(x)), c.final()]);
}

/** A test-only BlockCipher over one of Node's ECB ciphers, to check our CBC layer against Node's CBC. */
class NodeEcb implements BlockCipher {
  constructor(
    private readonly algorithm: string,
    private readonly key: Uint8Array,
    readonly blockSize: number,
  ) {}

  private run(decrypt: boolean, src: Uint8Array, so: number, dst: Uint8Array, dOff: number): void {
    const c = decrypt
      ? createDecipheriv(this.algorithm, this.key, null)
      : createCipheriv(this.algorithm, this.key, null);
    c.setAutoPadding(false);
    const out = Buffer.concat([c.update(src.subarray(so, so + this.blockSize)), c.final()]);
    dst.set(out, dOff);
  }

  encryptBlock(src: Uint8Array, so: number, dst: Uint8Array, dOff: number): void {
    this.run(false, src, so, dst, dOff);
  }

  decryptBlock(src: Uint8Array, so: number, dst: Uint8Array, dOff: number): void {
    this.run(true, src, so, dst, dOff);
  }
}

const legacy: [string, () => BlockCipher][] = [
  ['RC2', () => new Rc2(hex('88bca90e90875a7f0f79c384627bafb2'), 128)],
  ['CAST5', () => new Cast5(hex('0123456712345678234567893456789a'))],
  ['IDEA', () => new Idea(hex('00010002000300040005000600070008'))],
];
const IV8 = hex('0f1e2d3c4b5a6978');

describe('CBC against references', () => {
  it('matches NIST SP 800-38A F.2.1 (CBC-AES128) with a 16-byte block cipher', () => {
    const v = load<{ key: string; iv: string; plaintext: string; ciphertext: string }>('cbc-aes-sp800-38a.json');
    const aes = new NodeEcb('aes-128-ecb', hex(v.key), 16);
    const ct = run(createCbcEncryptor(aes, hex(v.iv)), hex(v.plaintext));
    expect(ct.length).toBe(64 + 16); // block-aligned input gets a whole block of padding
    expect(toHex(ct.subarray(0, 64))).toBe(v.ciphertext);
    expect(toHex(run(createCbcDecryptor(aes, hex(v.iv)), ct))).toBe(v.plaintext);
  });

  it("matches Node's des-ede3-cbc (PKCS#7) byte for byte at every length 0..48 and a few larger", () => {
    const key = bytes(24, 7);
    const tdes = new NodeEcb('des-ede3', key, 8);
    for (const len of [...Array(49).keys(), 63, 64, 65, 257, 1000]) {
      const pt = bytes(len, 1000 + len);
      const ours = run(createCbcEncryptor(tdes, IV8), pt);
      const nodeEnc = createCipheriv('des-ede3-cbc', key, IV8);
      const theirs = Buffer.concat([nodeEnc.update(pt), nodeEnc.final()]);
      expect(toHex(ours), `length ${len}`).toBe(toHex(theirs));
      expect(toHex(run(createCbcDecryptor(tdes, IV8), theirs)), `length ${len}`).toBe(toHex(pt));
    }
  });
});

describe.each(legacy)('CBC with %s', (_name, make) => {
  it('round-trips every length 0..80 and some larger ones, with correct ciphertext sizes', () => {
    const cipher = make();
    for (const len of [...Array(81).keys(), 255, 256, 1023, 4099, 65_536]) {
      const pt = bytes(len, len + 1);
      const ct = run(createCbcEncryptor(cipher, IV8), pt);
      expect(ct.length).toBe((Math.floor(len / 8) + 1) * 8);
      const back = run(createCbcDecryptor(cipher, IV8), ct);
      expect(back.length).toBe(len);
      expect(Buffer.compare(back, pt)).toBe(0);
    }
  });

  it('gives the same bytes for random chunkings (including empty chunks) as for one update', () => {
    const cipher = make();
    const next = prng(0xc0ffee);
    for (let trial = 0; trial < 60; trial++) {
      const len = next(600);
      const pt = bytes(len, trial + 77);
      const whole = run(createCbcEncryptor(cipher, IV8), pt);
      const chunks = (data: Uint8Array): Uint8Array[] => {
        const out: Uint8Array[] = [];
        for (let p = 0; p < data.length; ) {
          const n = next(4) === 0 ? 0 : 1 + next(20);
          out.push(data.subarray(p, p + n));
          p += n;
        }
        out.push(new Uint8Array(0));
        return out;
      };
      const enc = createCbcEncryptor(cipher, IV8);
      expect(toHex(run(enc, ...chunks(pt))), `trial ${trial}`).toBe(toHex(whole));

      const dec = createCbcDecryptor(cipher, IV8);
      let released = 0;
      const parts: Uint8Array[] = [];
      for (const c of chunks(whole)) {
        const out = dec.update(c);
        released += out.length;
        parts.push(out);
      }
      // The decryptor holds back exactly the last block (it carries the padding) until final().
      expect(released).toBe(whole.length - 8);
      parts.push(dec.final());
      expect(toHex(Buffer.concat(parts)), `trial ${trial}`).toBe(toHex(pt));
    }
  });

  it('never modifies the caller\'s chunks or IV, and its outputs do not alias its state', () => {
    const cipher = make();
    const iv = Uint8Array.from(IV8);
    const pt = bytes(100, 5);
    const ptCopy = Uint8Array.from(pt);
    const enc = createCbcEncryptor(cipher, iv);
    const first = enc.update(pt.subarray(0, 37));
    const firstCopy = Uint8Array.from(first);
    first.fill(0xaa); // scribbling on returned output must not disturb the chain
    const ct = Buffer.concat([firstCopy, enc.update(pt.subarray(37)), enc.final()]);
    expect(toHex(pt)).toBe(toHex(ptCopy));
    expect(toHex(iv)).toBe(toHex(IV8));
    const ctCopy = Uint8Array.from(ct);
    expect(toHex(run(createCbcDecryptor(cipher, iv), ct.subarray(0, 50), ct.subarray(50)))).toBe(toHex(pt));
    expect(toHex(ct)).toBe(toHex(ctCopy));
    expect(toHex(iv)).toBe(toHex(IV8));
  });

  it('streams a 1 MiB payload through Node Transforms', async () => {
    const cipher = make();
    const pt = bytes(1 << 20, 42);
    const wrap = (c: IncrementalCipher): Transform =>
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          done(null, c.update(chunk));
        },
        flush(done) {
          try {
            done(null, c.final());
          } catch (err) {
            done(err as Error);
          }
        },
      });
    const ctParts: Buffer[] = [];
    await pipeline(
      Readable.from((function* () {
        for (let p = 0; p < pt.length; p += 65_537) yield Buffer.from(pt.subarray(p, p + 65_537));
      })()),
      wrap(createCbcEncryptor(cipher, IV8)),
      wrap(createCbcDecryptor(cipher, IV8)),
      async function (source: AsyncIterable<Buffer>) {
        for await (const b of source) ctParts.push(b);
      },
    );
    expect(Buffer.compare(Buffer.concat(ctParts), pt)).toBe(0);
  });
});

describe('CBC errors', () => {
  const cipher = new Cast5(hex('0123456712345678234567893456789a'));

  /** A single CBC block whose decryption is exactly `plain` (no padding added). */
  function blockDecryptingTo(plain: string): Uint8Array {
    const x = hex(plain);
    for (let i = 0; i < 8; i++) x[i]! ^= IV8[i]!;
    const c = new Uint8Array(8);
    cipher.encryptBlock(x, 0, c, 0);
    return c;
  }

  function caught(f: () => unknown): CipherPaddingError {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(CipherPaddingError);
      expect(err).toBeInstanceOf(Error);
      return err as CipherPaddingError;
    }
    throw new Error('expected a CipherPaddingError');
  }

  it('accepts well-formed padding of every size 1..8', () => {
    for (let pad = 1; pad <= 8; pad++) {
      const plain = '41'.repeat(8 - pad) + pad.toString(16).padStart(2, '0').repeat(pad);
      expect(toHex(run(createCbcDecryptor(cipher, IV8), blockDecryptingTo(plain)))).toBe('41'.repeat(8 - pad));
    }
  });

  it.each([
    ['last byte 0', '4141414141414100'],
    ['last byte 9 (larger than the block)', '4141414141414109'],
    ['last byte 0xff', '41414141414141ff'],
    ['pad 3 with a wrong padding byte', '4141414141020303'],
    ['pad 8 with a wrong first byte', '0708080808080808'],
    ['pad 2 with a wrong padding byte', '4141414141410102'],
  ])('rejects bad padding: %s', (_label, plain) => {
    const err = caught(() => run(createCbcDecryptor(cipher, IV8), blockDecryptingTo(plain)));
    expect(err.name).toBe('CipherPaddingError');
    expect(err.reason).toBe('bad-padding');
    expect(err.message).toMatch(/invalid PKCS#7 padding/);
  });

  it('rejects bad padding after good blocks, fed in pieces', () => {
    const good = run(createCbcEncryptor(cipher, IV8), bytes(40, 3));
    const bad = Uint8Array.from(good);
    bad[bad.length - 9]! ^= 0x5a; // damages the padding byte of the last block via the CBC chain
    const dec = createCbcDecryptor(cipher, IV8);
    dec.update(bad.subarray(0, 13));
    dec.update(bad.subarray(13));
    expect(caught(() => dec.final()).reason).toBe('bad-padding');
  });

  it.each([
    ['empty input', 0],
    ['one byte', 1],
    ['seven bytes', 7],
    ['a block and one byte', 9],
    ['one byte short', 47],
    ['one byte long', 49],
  ])('rejects a length that is not a positive multiple of the block: %s', (_label, len) => {
    const ct = run(createCbcEncryptor(cipher, IV8), bytes(40, 9)); // 48 bytes
    const data = len <= ct.length ? ct.subarray(0, len) : Buffer.concat([ct, new Uint8Array(len - ct.length)]);
    const err = caught(() => run(createCbcDecryptor(cipher, IV8), data));
    expect(err.reason).toBe('bad-length');
    expect(err.message).toMatch(len === 0 ? /empty/ : /not a multiple of the 8-byte block size/);
  });

  it('refuses use after final() and IVs of the wrong size', () => {
    const enc = createCbcEncryptor(cipher, IV8);
    enc.final();
    expect(() => enc.update(new Uint8Array(1))).toThrow(/already finalized/);
    expect(() => enc.final()).toThrow(/already finalized/);
    const dec = createCbcDecryptor(cipher, IV8);
    expect(() => dec.final()).toThrow(CipherPaddingError);
    expect(() => dec.update(new Uint8Array(8))).toThrow(/already finalized/);
    expect(() => createCbcEncryptor(cipher, new Uint8Array(16))).toThrow(RangeError);
    expect(() => createCbcDecryptor(cipher, new Uint8Array(7))).toThrow(RangeError);
  });
});
