// Content ciphers by OID: the runtime rule of DESIGN §4 (Node where it has the cipher, TypeScript where it does not),
// and the parameter syntaxes of RFC 3370, RFC 3565, RFC 2984 and RFC 3058, including the forms OpenSSL writes.
import { createCipheriv, getCiphers } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import {
  contentAlgorithmIdentifier,
  createContentDecryptor,
  createContentEncryptor,
  implementationOf,
  keyLengthRule,
  newContentEncryption,
  readContentAlgorithm,
  type ContentAlgorithm,
  type ContentCipherName,
} from '../../../electron/core/cms/contentCiphers';
import { oidAes128Cbc, oidCast5Cbc, oidIdeaCbc, oidRc2Cbc } from '../../../electron/core/cms/oids';
import { cmsFailure } from '../../support/cms';

const iv8 = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
const der = (node: asn1js.AsnType): ArrayBuffer => node.toBER(false);
const octets = (bytes: Uint8Array): asn1js.OctetString => new asn1js.OctetString({ valueHex: bytes });

describe('the runtime rule: ask getCiphers() once, TypeScript where the runtime has no cipher', () => {
  const rc2 = (bits: number): ContentAlgorithm => ({ cipher: 'rc2-cbc', effectiveBits: bits, iv: iv8 });

  it('this Node (OpenSSL without the legacy provider) runs AES and 3DES natively, RC2/CAST5/IDEA in TypeScript', () => {
    expect(getCiphers()).not.toContain('rc2-cbc');
    for (const name of ['aes-128-cbc', 'aes-256-cbc', 'des-ede3-cbc'] as const) {
      const { algorithm, key } = newContentEncryption(name);
      expect(implementationOf(algorithm, key)).toEqual({ kind: 'node', name });
    }
    for (const name of ['rc2-40-cbc', 'rc2-128-cbc', 'cast5-cbc', 'idea-cbc'] as const) {
      const { algorithm, key } = newContentEncryption(name);
      expect(implementationOf(algorithm, key).kind).toBe('typescript');
    }
  });

  it('a runtime that has the legacy ciphers gets them by their OpenSSL names, for the key sizes those names mean', () => {
    const legacy = new Set(['rc2-40-cbc', 'rc2-64-cbc', 'rc2-cbc', 'cast5-cbc', 'idea-cbc']);
    expect(implementationOf(rc2(40), new Uint8Array(5), legacy)).toEqual({ kind: 'node', name: 'rc2-40-cbc' });
    expect(implementationOf(rc2(64), new Uint8Array(8), legacy)).toEqual({ kind: 'node', name: 'rc2-64-cbc' });
    expect(implementationOf(rc2(128), new Uint8Array(16), legacy)).toEqual({ kind: 'node', name: 'rc2-cbc' });
    // A 16-byte key with 40 effective bits has no OpenSSL name: TypeScript runs it.
    expect(implementationOf(rc2(40), new Uint8Array(16), legacy).kind).toBe('typescript');
    expect(implementationOf({ cipher: 'cast5-cbc', keyBits: 80, iv: iv8, parameterForm: 'rfc2984' }, new Uint8Array(10), legacy).kind).toBe('typescript');
  });

  it('a runtime without 3DES or AES is a typed error, not a crash', async () => {
    const { algorithm, key } = newContentEncryption('des-ede3-cbc');
    const failure = await cmsFailure(() => implementationOf(algorithm, key, new Set()));
    expect(failure.reason).toBe('unsupported-algorithm');
  });

  it('3DES keys are generated with odd parity, as OpenSSL and Bouncy Castle do', () => {
    const { key } = newContentEncryption('des-ede3-cbc');
    for (const byte of key) expect(byte.toString(2).split('1').length - 1).toSatisfy((ones: number) => ones % 2 === 1);
  });

  it('the AES path is Node itself: same bytes as createCipheriv', () => {
    const { algorithm, key } = newContentEncryption('aes-192-cbc');
    const data = Buffer.from('sixteen byte blk and more');
    const ours = createContentEncryptor(algorithm, key);
    const node = createCipheriv('aes-192-cbc', key, algorithm.iv);
    expect(Buffer.concat([ours.update(data), ours.final()])).toEqual(Buffer.concat([node.update(data), node.final()]));
  });

  it('every cipher decrypts what it encrypted, fed in odd-sized chunks', () => {
    const names: ContentCipherName[] = ['aes-128-cbc', 'des-ede3-cbc', 'rc2-40-cbc', 'rc2-64-cbc', 'rc2-128-cbc', 'cast5-cbc', 'idea-cbc'];
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i & 0xff));
    for (const name of names) {
      const { algorithm, key } = newContentEncryption(name);
      const encryptor = createContentEncryptor(algorithm, key);
      const parts = [encryptor.update(data.subarray(0, 7)), encryptor.update(data.subarray(7, 500)), encryptor.update(data.subarray(500)), encryptor.final()];
      const decryptor = createContentDecryptor(algorithm, key);
      const ciphertext = Buffer.concat(parts);
      expect(Buffer.concat([decryptor.update(ciphertext.subarray(0, 13)), decryptor.update(ciphertext.subarray(13)), decryptor.final()]), name).toEqual(data);
    }
  });
});

describe('content-encryption parameters', () => {
  it('round-trips every algorithm identifier we write', () => {
    for (const name of ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'des-ede3-cbc', 'rc2-40-cbc', 'rc2-64-cbc', 'rc2-128-cbc', 'cast5-cbc', 'idea-cbc'] as const) {
      const { algorithm } = newContentEncryption(name);
      expect(readContentAlgorithm(contentAlgorithmIdentifier(algorithm))).toEqual({ ...algorithm, iv: Uint8Array.from(algorithm.iv) });
    }
  });

  it('RC2CBCParameter versions 160, 120, 58 mean 40, 64 and 128 effective bits (RFC 2268 §6)', () => {
    for (const [version, bits] of [[160, 40], [120, 64], [58, 128], [256, 256]] as const) {
      const params = der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: version }), octets(iv8)] }));
      const algorithm = readContentAlgorithm(new AlgorithmIdentifier({ algorithm: oidRc2Cbc, parameters: params }));
      expect(algorithm).toEqual({ cipher: 'rc2-cbc', effectiveBits: bits, iv: iv8 });
      expect(keyLengthRule(algorithm)).toEqual({ min: 1, max: 128, fallback: bits / 8 });
    }
  });

  it('garbage RC2 parameters are typed errors', async () => {
    const cases: [ArrayBuffer | null | undefined, RegExp][] = [
      [undefined, /has no parameters/],
      [null, /has no parameters/],
      [der(octets(iv8)), /not an RC2CBCParameter/],
      [der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 7 }), octets(iv8)] })), /^RC2 parameter version 7 is not a known effective key size$/],
      [der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: -1 }), octets(iv8)] })), /negative or out of range/],
      [der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1025 }), octets(iv8)] })), /version 1025 is not a known/],
      [der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 58 }), octets(iv8.subarray(1))] })), /IV is 7 bytes/],
      [new Uint8Array([0x30, 0x05, 0x02]).buffer, /not valid BER/],
    ];
    for (const [parameters, message] of cases) {
      const failure = await cmsFailure(() => readContentAlgorithm(new AlgorithmIdentifier({ algorithm: oidRc2Cbc, parameters })));
      expect(failure.message).toMatch(message);
      expect(['bad-parameters', 'malformed']).toContain(failure.reason);
    }
  });

  it('CAST5: RFC 2984 SEQUENCE { iv, keyLength }, IV defaulting to zeros, and OpenSSL\'s bare IV', () => {
    const read = (parameters: ArrayBuffer): ContentAlgorithm => readContentAlgorithm(new AlgorithmIdentifier({ algorithm: oidCast5Cbc, parameters }));
    expect(read(der(new asn1js.Sequence({ value: [octets(iv8), new asn1js.Integer({ value: 80 })] })))).toEqual({ cipher: 'cast5-cbc', iv: iv8, keyBits: 80, parameterForm: 'rfc2984' });
    expect(read(der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 128 })] })))).toEqual({ cipher: 'cast5-cbc', iv: new Uint8Array(8), keyBits: 128, parameterForm: 'rfc2984' });
    expect(read(der(octets(iv8)))).toEqual({ cipher: 'cast5-cbc', iv: iv8, keyBits: 128, parameterForm: 'iv' });
    expect(keyLengthRule(read(der(new asn1js.Sequence({ value: [octets(iv8), new asn1js.Integer({ value: 80 })] }))))).toEqual({ min: 10, max: 10, fallback: 10 });
  });

  it('CAST5 key lengths outside 40..128 bits are refused', async () => {
    for (const bits of [0, 32, 44, 136]) {
      const parameters = der(new asn1js.Sequence({ value: [octets(iv8), new asn1js.Integer({ value: bits })] }));
      expect((await cmsFailure(() => readContentAlgorithm(new AlgorithmIdentifier({ algorithm: oidCast5Cbc, parameters })))).reason).toBe('bad-parameters');
    }
  });

  it('IDEA: RFC 3058 IDEA-CBCPar with and without the IV, and a bare IV', () => {
    const read = (parameters: ArrayBuffer): ContentAlgorithm => readContentAlgorithm(new AlgorithmIdentifier({ algorithm: oidIdeaCbc, parameters }));
    expect(read(der(new asn1js.Sequence({ value: [octets(iv8)] })))).toEqual({ cipher: 'idea-cbc', iv: iv8 });
    expect(read(der(new asn1js.Sequence({ value: [] })))).toEqual({ cipher: 'idea-cbc', iv: new Uint8Array(8) });
    expect(read(der(octets(iv8)))).toEqual({ cipher: 'idea-cbc', iv: iv8 });
  });

  it('AES needs a 16-byte IV', async () => {
    const failure = await cmsFailure(() => readContentAlgorithm(new AlgorithmIdentifier({ algorithm: oidAes128Cbc, parameters: der(octets(iv8)) })));
    expect(failure.message).toBe('The aes-128-cbc IV is 8 bytes; it must be 16 (the block size)');
  });
});
