// CAST-128 (RFC 2144) against the RFC's Appendix B vectors, including the 1,000,000-iteration maintenance test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cast5 } from '../../../../electron/core/cms/ciphers/cast5';

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T;
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface Single { keyBits: number; key: string; plaintext: string; ciphertext: string }
interface Maintenance { iterations: number; initialA: string; initialB: string; finalA: string; finalB: string }
const rfc = load<{ singlePlaintext: Single[]; maintenance: Maintenance }>('cast5-rfc2144.json');

describe('CAST5 block (RFC 2144 Appendix B.1)', () => {
  for (const v of rfc.singlePlaintext) {
    it(`${v.keyBits}-bit key`, () => {
      const key = hex(v.key);
      expect(key.length * 8).toBe(v.keyBits);
      const cast = new Cast5(key);
      expect(cast.rounds).toBe(v.keyBits <= 80 ? 12 : 16);
      const out = new Uint8Array(8);
      cast.encryptBlock(hex(v.plaintext), 0, out, 0);
      expect(toHex(out)).toBe(v.ciphertext);
      cast.decryptBlock(hex(v.ciphertext), 0, out, 0);
      expect(toHex(out)).toBe(v.plaintext);
    });
  }

  it('works in place and at offsets', () => {
    const v = rfc.singlePlaintext[0]!;
    const cast = new Cast5(hex(v.key));
    const buf = new Uint8Array(24);
    buf.set(hex(v.plaintext), 3);
    cast.encryptBlock(buf, 3, buf, 3);
    expect(toHex(buf.subarray(3, 11))).toBe(v.ciphertext);
    cast.decryptBlock(buf, 3, buf, 13);
    expect(toHex(buf.subarray(13, 21))).toBe(v.plaintext);
  });

  it('zero-pads short keys (§2.5): an 88-bit key is the same cipher as its 128-bit zero-padded form', () => {
    const short = hex('0123456712345678234567');
    const padded = new Uint8Array(16);
    padded.set(short);
    const a = new Uint8Array(8);
    const b = new Uint8Array(8);
    new Cast5(short).encryptBlock(hex('0123456789abcdef'), 0, a, 0);
    new Cast5(padded).encryptBlock(hex('0123456789abcdef'), 0, b, 0);
    expect(toHex(a)).toBe(toHex(b));
    // ...but an 80-bit key runs 12 rounds, so it differs from its padded 16-round form.
    const v80 = rfc.singlePlaintext.find((v) => v.keyBits === 80)!;
    const padded80 = new Uint8Array(16);
    padded80.set(hex(v80.key));
    new Cast5(padded80).encryptBlock(hex(v80.plaintext), 0, b, 0);
    expect(toHex(b)).not.toBe(v80.ciphertext);
  });

  it('round-trips every key size from 5 to 16 bytes', () => {
    const block = hex('fedcba9876543210');
    for (let len = 5; len <= 16; len++) {
      const key = Uint8Array.from({ length: len }, (_, i) => (i * 37 + len) & 255);
      const cast = new Cast5(key);
      expect(cast.rounds).toBe(len <= 10 ? 12 : 16);
      const ct = new Uint8Array(8);
      const pt = new Uint8Array(8);
      cast.encryptBlock(block, 0, ct, 0);
      cast.decryptBlock(ct, 0, pt, 0);
      expect(toHex(ct)).not.toBe(toHex(block));
      expect(toHex(pt)).toBe(toHex(block));
    }
  });

  it('rejects keys outside 40..128 bits', () => {
    expect(() => new Cast5(new Uint8Array(4))).toThrow(RangeError);
    expect(() => new Cast5(new Uint8Array(17))).toThrow(RangeError);
  });
});

describe('CAST5 full maintenance test (RFC 2144 Appendix B.2)', () => {
  it(`${rfc.maintenance.iterations} iterations`, () => {
    const m = rfc.maintenance;
    const a = hex(m.initialA);
    const b = hex(m.initialB);
    for (let i = 0; i < m.iterations; i++) {
      const kb = new Cast5(b);
      kb.encryptBlock(a, 0, a, 0);
      kb.encryptBlock(a, 8, a, 8);
      const ka = new Cast5(a);
      ka.encryptBlock(b, 0, b, 0);
      ka.encryptBlock(b, 8, b, 8);
    }
    expect(toHex(a)).toBe(m.finalA);
    expect(toHex(b)).toBe(m.finalB);
  }, 60_000);
});
