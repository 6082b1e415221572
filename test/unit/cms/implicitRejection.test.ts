// RSA PKCS#1 v1.5 key transport with implicit rejection: well-formed blocks give the key, every malformed block gives
// a deterministic pseudo-random key of the expected length, and a corrupted key-transport block fails at the
// symmetric layer exactly like a wrong key (no padding oracle).
import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptEnvelopedData } from '../../../electron/core/cms/envelopedData';
import { decodePkcs1v15, decryptKeyPkcs1v15, type KeyLengthRule } from '../../../electron/core/cms/implicitRejection';
import { cmsFailure, fixtureFile, fixtureRecipient } from '../../support/cms';

const K = 256;
const aes128: KeyLengthRule = { min: 16, max: 16, fallback: 16 };
const fallback = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i);

/** EME-PKCS1-v1_5 block of K bytes: 00 02 PS 00 M, with PS of nonzero bytes. */
function block(message: Uint8Array, psLength = K - 3 - message.length): Uint8Array {
  const em = new Uint8Array(K);
  em[1] = 2;
  for (let i = 0; i < psLength; i++) em[2 + i] = 1 + (i % 255);
  em.set(message, 3 + psLength);
  return em;
}

describe('EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2) without an oracle', () => {
  const message = Uint8Array.from({ length: 16 }, (_, i) => i + 1);

  it('returns the message of a well-formed block', () => {
    expect(Buffer.from(decodePkcs1v15(block(message), aes128, fallback))).toEqual(Buffer.from(message));
  });

  it('accepts any length the rule allows (RC2 takes 1..128-byte keys)', () => {
    const rc2: KeyLengthRule = { min: 1, max: 128, fallback: 5 };
    for (const length of [1, 5, 8, 16, 100, 128]) {
      const m = randomBytes(length);
      expect(Buffer.from(decodePkcs1v15(block(m), rc2, new Uint8Array(5)))).toEqual(m);
    }
  });

  const malformed: [string, (em: Uint8Array) => void][] = [
    ['first byte not 0x00', (em) => (em[0] = 1)],
    ['block type 1 instead of 2', (em) => (em[1] = 1)],
    ['no zero separator', (em) => em.fill(7, 2)],
    ['separator after only 7 padding bytes', (em) => { em.fill(0); em[1] = 2; em.fill(9, 2, 9); em[9] = 0; }],
  ];
  for (const [name, damage] of malformed) {
    it(`${name}: returns the fallback key, same length`, () => {
      const em = block(message);
      damage(em);
      expect(Buffer.from(decodePkcs1v15(em, aes128, fallback))).toEqual(Buffer.from(fallback));
    });
  }

  it('a well-formed block carrying a key of the wrong length also yields the fallback', () => {
    expect(Buffer.from(decodePkcs1v15(block(randomBytes(24)), aes128, fallback))).toEqual(Buffer.from(fallback));
    expect(Buffer.from(decodePkcs1v15(block(randomBytes(0)), aes128, fallback))).toEqual(Buffer.from(fallback));
  });

  it('a separator after exactly 8 padding bytes is well formed', () => {
    const m = randomBytes(K - 11);
    const rule: KeyLengthRule = { min: 1, max: K, fallback: 16 };
    expect(Buffer.from(decodePkcs1v15(block(m, 8), rule, fallback))).toEqual(m);
  });
});

describe('RSA PKCS#1 v1.5 key transport decryption', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cek = randomBytes(16);
  const encrypted = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, cek);

  it('recovers the content-encryption key that Node encrypted', () => {
    expect(Buffer.from(decryptKeyPkcs1v15(privateKey, encrypted, aes128))).toEqual(cek);
  });

  it('a corrupted block never throws: a 16-byte key that is not ours, the same on every attempt', () => {
    const seen = new Set<string>();
    for (const position of [0, 1, 37, 128, 200, 255]) {
      const corrupted = Buffer.from(encrypted);
      corrupted[position] = corrupted[position]! ^ 0x40;
      const first = Buffer.from(decryptKeyPkcs1v15(privateKey, corrupted, aes128));
      const again = Buffer.from(decryptKeyPkcs1v15(privateKey, corrupted, aes128));
      expect(first).toHaveLength(16);
      expect(first.equals(cek)).toBe(false);
      expect(again).toEqual(first);
      seen.add(first.toString('hex'));
    }
    expect(seen.size).toBe(6); // derived from the ciphertext: different blocks, different keys
  });

  it('ciphertext of the wrong length or not below the modulus is rejected the same way', () => {
    for (const bad of [encrypted.subarray(1), Buffer.concat([encrypted, Buffer.alloc(1)]), Buffer.alloc(256, 0xff)]) {
      const key = decryptKeyPkcs1v15(privateKey, bad, aes128);
      expect(key).toHaveLength(16);
      expect(Buffer.from(key).equals(cek)).toBe(false);
    }
  });
});

describe('implicit rejection, end to end (fixed openssl-made EnvelopedData, AES-128-CBC)', () => {
  const recipient = fixtureRecipient();
  const message = fixtureFile('envelope-aes128.der');
  const header = Buffer.from([0x04, 0x82, 0x01, 0x00]); // the 256-byte encryptedKey OCTET STRING
  const keyAt = message.indexOf(header) + header.length;

  it('the untouched fixture decrypts to its plaintext', () => {
    expect(decryptEnvelopedData(message, [recipient]).content).toEqual(fixtureFile('envelope-plaintext.txt'));
  });

  it('a corrupted key-transport block fails at the symmetric layer with the same error as a wrong key', async () => {
    const wrongKey = Buffer.from(message);
    publicEncrypt({ key: recipient.certificate.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.alloc(16, 0x5a)).copy(wrongKey, keyAt);
    const wrong = await cmsFailure(() => decryptEnvelopedData(wrongKey, [recipient]));
    expect(wrong.reason).toBe('decryption-failed');
    expect(wrong.code).toBe('CRYPTO_FAILED');

    for (const offset of [0, 1, 2, 17, 100, 254, 255]) {
      const corrupted = Buffer.from(message);
      corrupted[keyAt + offset] = corrupted[keyAt + offset]! ^ 0x01;
      const failure = await cmsFailure(() => decryptEnvelopedData(corrupted, [recipient]));
      expect({ reason: failure.reason, code: failure.code, message: failure.message, hint: failure.hint }).toEqual({
        reason: wrong.reason,
        code: wrong.code,
        message: wrong.message,
        hint: wrong.hint,
      });
    }
  });
});
