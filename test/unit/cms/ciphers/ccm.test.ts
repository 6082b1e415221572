// AES-CCM composed from CBC and CTR (the fallback for runtimes without aes-*-ccm) against RFC 3610's packet vector
// and against Node's native aes-*-ccm for every key size, nonce length, tag length and AAD shape CMS can produce.
import { createCipheriv, randomBytes, randomFillSync, type CipherCCM } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ccmOpen, ccmSeal } from '../../../../electron/core/cms/ciphers/ccm';

interface Vector { name: string; key: string; nonce: string; aad: string; plaintext: string; tagLength: number; ciphertextAndTag: string }
const { vectors } = JSON.parse(readFileSync(new URL('./vectors/ccm-rfc3610.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
const hex = (s: string): Buffer => Buffer.from(s, 'hex');

function nodeSeal(key: Buffer, nonce: Buffer, plaintext: Buffer, aad: Buffer, tagLength: number): Buffer {
  const cipher = createCipheriv(`aes-${key.length * 8}-ccm` as 'aes-128-ccm', key, nonce, { authTagLength: tagLength }) as CipherCCM;
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

describe('CCM (RFC 3610 §8)', () => {
  for (const v of vectors) {
    it(v.name, () => {
      const sealed = ccmSeal(hex(v.key), hex(v.nonce), hex(v.plaintext), hex(v.aad), v.tagLength);
      expect(Buffer.concat([sealed.ciphertext, sealed.tag]).toString('hex')).toBe(v.ciphertextAndTag);
      expect(nodeSeal(hex(v.key), hex(v.nonce), hex(v.plaintext), hex(v.aad), v.tagLength).toString('hex')).toBe(v.ciphertextAndTag);
      expect(ccmOpen(hex(v.key), hex(v.nonce), sealed.ciphertext, hex(v.aad), sealed.tag)).toEqual(hex(v.plaintext));
    });
  }
});

describe('CCM agrees with Node’s aes-*-ccm', () => {
  const shapes = [
    { keyBytes: 16, nonceBytes: 12, tagLength: 16, aad: 0, size: 0 },
    { keyBytes: 16, nonceBytes: 12, tagLength: 12, aad: 0, size: 1000 },
    { keyBytes: 24, nonceBytes: 7, tagLength: 4, aad: 15, size: 33 },
    { keyBytes: 32, nonceBytes: 13, tagLength: 16, aad: 70, size: 4096 },
    { keyBytes: 32, nonceBytes: 12, tagLength: 8, aad: 0xff00, size: 17 }, // the 6-byte AAD length form
  ];
  for (const s of shapes) {
    it(`AES-${s.keyBytes * 8}, ${s.nonceBytes}-byte nonce, ${s.tagLength}-byte tag, ${s.aad}-byte AAD, ${s.size} bytes`, () => {
      // Buffer.alloc: Node's native CCM fails ("tag not set") on a zero-length buffer without a backing store.
      const [key, nonce, aad, plaintext] = [randomBytes(s.keyBytes), randomBytes(s.nonceBytes), randomBytes(s.aad), randomFillSync(Buffer.alloc(s.size))];
      const sealed = ccmSeal(key, nonce, plaintext, aad, s.tagLength);
      expect(Buffer.concat([sealed.ciphertext, sealed.tag])).toEqual(nodeSeal(key, nonce, plaintext, aad, s.tagLength));
      expect(ccmOpen(key, nonce, sealed.ciphertext, aad, sealed.tag)).toEqual(plaintext);
      const badTag = Buffer.from(sealed.tag);
      badTag[0]! ^= 1;
      expect(ccmOpen(key, nonce, sealed.ciphertext, aad, badTag)).toBeUndefined();
      if (s.aad > 0) expect(ccmOpen(key, nonce, sealed.ciphertext, Buffer.alloc(s.aad), sealed.tag)).toBeUndefined();
    });
  }
});
