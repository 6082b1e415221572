// RC2 (RFC 2268) against the RFC's own test vectors, the CMS parameter-version mapping, and one CBC vector.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCbcDecryptor, createCbcEncryptor } from '../../../../electron/core/cms/ciphers/blockCipher';
import {
  Rc2,
  rc2EffectiveBitsFromVersion,
  rc2VersionFromEffectiveBits,
} from '../../../../electron/core/cms/ciphers/rc2';

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T;
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface EcbVector {
  keyLengthBytes: number;
  effectiveKeyBits: number;
  key: string;
  plaintext: string;
  ciphertext: string;
}
interface VersionPair { effectiveKeyBits: number; version: number }
interface CbcVector { key: string; effectiveKeyBits: number; iv: string; plaintext: string; ciphertext: string }

const rfc = load<{ vectors: EcbVector[] }>('rc2-rfc2268.json');
const versions = load<{ pairs: VersionPair[] }>('rc2-parameter-version.json');
const pyca = load<{ vectors: CbcVector[] }>('rc2-cbc-pyca.json');

describe('RC2 block (RFC 2268 §5 test vectors)', () => {
  it('has all eight RFC vectors', () => {
    expect(rfc.vectors).toHaveLength(8);
  });

  for (const v of rfc.vectors) {
    it(`key ${v.keyLengthBytes} bytes, ${v.effectiveKeyBits} effective bits: ${v.key}`, () => {
      const key = hex(v.key);
      expect(key.length).toBe(v.keyLengthBytes);
      const rc2 = new Rc2(key, v.effectiveKeyBits);
      const out = new Uint8Array(8);
      rc2.encryptBlock(hex(v.plaintext), 0, out, 0);
      expect(toHex(out)).toBe(v.ciphertext);
      rc2.decryptBlock(hex(v.ciphertext), 0, out, 0);
      expect(toHex(out)).toBe(v.plaintext);
    });
  }

  it('defaults the effective key size to 8 x key length', () => {
    const v = rfc.vectors.find((x) => x.keyLengthBytes === 16 && x.effectiveKeyBits === 128)!;
    const out = new Uint8Array(8);
    new Rc2(hex(v.key)).encryptBlock(hex(v.plaintext), 0, out, 0);
    expect(toHex(out)).toBe(v.ciphertext);
  });

  it('works in place and at offsets', () => {
    const v = rfc.vectors[2]!;
    const rc2 = new Rc2(hex(v.key), v.effectiveKeyBits);
    const buf = new Uint8Array(20);
    buf.set(hex(v.plaintext), 5);
    rc2.encryptBlock(buf, 5, buf, 5);
    expect(toHex(buf.subarray(5, 13))).toBe(v.ciphertext);
    expect(buf[4]).toBe(0);
    expect(buf[13]).toBe(0);
    rc2.decryptBlock(buf, 5, buf, 11);
    expect(toHex(buf.subarray(11, 19))).toBe(v.plaintext);
  });

  it('rejects keys and effective sizes outside RFC 2268 limits', () => {
    expect(() => new Rc2(new Uint8Array(0))).toThrow(RangeError);
    expect(() => new Rc2(new Uint8Array(129))).toThrow(RangeError);
    expect(() => new Rc2(new Uint8Array(16), 0)).toThrow(RangeError);
    expect(() => new Rc2(new Uint8Array(16), 1025)).toThrow(RangeError);
    expect(() => new Rc2(new Uint8Array(16), 40.5)).toThrow(RangeError);
    expect(new Rc2(new Uint8Array(128), 1024).effectiveBits).toBe(1024);
  });
});

describe('RC2 CMS parameter version (RFC 3370 §5.2, RFC 2268 §6)', () => {
  for (const p of versions.pairs) {
    it(`${p.effectiveKeyBits} effective bits <-> version ${p.version}`, () => {
      expect(rc2VersionFromEffectiveBits(p.effectiveKeyBits)).toBe(p.version);
      expect(rc2EffectiveBitsFromVersion(p.version)).toBe(p.effectiveKeyBits);
    });
  }

  it('round-trips every effective size 1..1024, and versions below 256 are a permutation', () => {
    const seen = new Set<number>();
    for (let bits = 1; bits <= 1024; bits++) {
      const version = rc2VersionFromEffectiveBits(bits);
      expect(rc2EffectiveBitsFromVersion(version)).toBe(bits);
      if (bits < 256) {
        expect(version).toBeLessThan(256);
        seen.add(version);
      }
    }
    expect(seen.size).toBe(255);
  });

  it('rejects versions and sizes it cannot represent', () => {
    expect(() => rc2VersionFromEffectiveBits(0)).toThrow(RangeError);
    expect(() => rc2VersionFromEffectiveBits(1025)).toThrow(RangeError);
    expect(() => rc2EffectiveBitsFromVersion(-1)).toThrow(RangeError);
    expect(() => rc2EffectiveBitsFromVersion(1025)).toThrow(RangeError);
    expect(() => rc2EffectiveBitsFromVersion(1.5)).toThrow(RangeError);
    // The one version below 256 that would mean 0 effective bits.
    const unused = [...Array(256).keys()].filter((v) => {
      try {
        rc2EffectiveBitsFromVersion(v);
        return false;
      } catch {
        return true;
      }
    });
    expect(unused).toHaveLength(1);
  });
});

describe('RC2-CBC (pyca/cryptography vector)', () => {
  for (const v of pyca.vectors) {
    it(`key ${v.key}, iv ${v.iv}`, () => {
      const rc2 = new Rc2(hex(v.key), v.effectiveKeyBits);
      const enc = createCbcEncryptor(rc2, hex(v.iv));
      const ct = Buffer.concat([enc.update(hex(v.plaintext)), enc.final()]);
      const pt = hex(v.plaintext);
      expect(ct.length).toBe(pt.length + 8);
      expect(ct.subarray(0, pt.length).toString('hex')).toBe(v.ciphertext);
      const dec = createCbcDecryptor(rc2, hex(v.iv));
      const back = Buffer.concat([dec.update(ct), dec.final()]);
      expect(back.toString('hex')).toBe(v.plaintext);
    });
  }
});
