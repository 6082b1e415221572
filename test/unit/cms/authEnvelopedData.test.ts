// AuthEnvelopedData (RFC 5083) with AES-GCM and AES-CCM (RFC 5084): round trips for every cipher, tag length, key
// transport and with/without authenticated attributes; tampering with ciphertext, tag, attributes or key block; the
// runtime rule for AES-CCM; and malformed or hostile structures and parameters ending in typed errors.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import {
  authAlgorithmIdentifier,
  newAuthContentEncryption,
  openContent,
  readAuthContentAlgorithm,
  sealContent,
  type AuthCipherName,
} from '../../../electron/core/cms/authenticatedCiphers';
import { decryptAuthEnvelopedData, encryptAuthEnvelopedData } from '../../../electron/core/cms/authEnvelopedData';
import { encryptEnvelopedData } from '../../../electron/core/cms/envelopedData';
import { oidAes128Ccm, oidAes128Gcm, oidAes256Cbc, oidContentType, oidSignedData } from '../../../electron/core/cms/oids';
import type { KeyTransport } from '../../../electron/core/cms/rsaKeyTransport';
import { CourierError } from '../../../shared/ipc/errors';
import { cmsFailure, fixtureRecipient, flipBit, oidBytes, replaceLast, toStreamingBer, type RsaIdentity } from '../../support/cms';
import { issueCertificate, makeKey } from '../../support/testPki';

const alice = fixtureRecipient();
const bob: RsaIdentity = (() => {
  const key = makeKey('rsa-2048');
  return { certificate: new X509Certificate(issueCertificate({ commonName: 'Bob', key }).der), privateKey: key.privateKey };
})();
const content = Buffer.from('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\r\nbinary \x00\xff tail\r\n', 'latin1');
const ciphers: AuthCipherName[] = ['aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm', 'aes-128-ccm', 'aes-192-ccm', 'aes-256-ccm'];
const transports: KeyTransport[] = [{ scheme: 'rsa-pkcs1v15' }, { scheme: 'rsa-oaep', hash: 'sha256' }];
const to = (who: RsaIdentity, keyTransport?: KeyTransport) => [{ certificate: who.certificate, keyTransport }];

/** The parameters SEQUENCE of a GCM/CCM AlgorithmIdentifier, built by hand. */
function parameters(oid: string, fields: asn1js.AsnType[]): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: oid, parameters: new asn1js.Sequence({ value: fields }).toBER(false) });
}
const nonce = (length: number): asn1js.OctetString => new asn1js.OctetString({ valueHex: new Uint8Array(length) });

/** Offset of a byte inside the (only) KeyTransRecipientInfo's encryptedKey. */
function keyBlockByte(message: Uint8Array): number {
  const field = (node: asn1js.AsnType, i: number): asn1js.AsnType => (node.valueBlock as { value: asn1js.AsnType[] }).value[i]!;
  const authEnveloped = field(field(asn1js.fromBER(message).result, 1), 0);
  const ktri = field(field(authEnveloped, 1), 0);
  const encryptedKey = (field(ktri, 3) as asn1js.OctetString).valueBlock.valueHexView;
  return Buffer.from(message).indexOf(Buffer.from(encryptedKey)) + 40;
}

describe('AuthEnvelopedData round trips', () => {
  for (const cipher of ciphers) {
    for (const transport of transports) {
      for (const tagLength of [12, 16]) {
        it(`${cipher}, ${tagLength}-byte tag, ${transport.scheme}`, () => {
          const message = encryptAuthEnvelopedData(content, { cipher, tagLength, recipients: to(alice, transport) });
          const opened = decryptAuthEnvelopedData(message, [alice]);
          expect(opened.content).toEqual(content);
          expect(opened.contentCipher).toBe(cipher);
          expect(opened.tagLength).toBe(tagLength);
          expect(opened.keyTransport).toEqual(transport);
          expect(opened.authenticatedAttributes).toEqual([]);
        });
      }
    }
  }

  it('authenticated attributes: a content-type attribute travels and is covered by the tag', async () => {
    const message = encryptAuthEnvelopedData(content, { cipher: 'aes-256-gcm', authenticatedAttributes: true, recipients: to(alice) });
    const opened = decryptAuthEnvelopedData(message, [alice]);
    expect(opened.authenticatedAttributes.map((a) => a.attrType)).toEqual([oidContentType]);
    // Renaming the attribute (same length OID) changes the AAD: the tag no longer verifies.
    const renamed = replaceLast(message, oidBytes(oidContentType), oidBytes('1.2.840.113549.1.9.2'));
    expect((await cmsFailure(() => decryptAuthEnvelopedData(renamed, [alice]))).reason).toBe('decryption-failed');
  });

  it('content other than id-data always carries authenticated attributes (RFC 5083 §2.1)', () => {
    const message = encryptAuthEnvelopedData(content, { cipher: 'aes-128-ccm', contentType: oidSignedData, recipients: to(alice) });
    const opened = decryptAuthEnvelopedData(message, [alice]);
    expect(opened.contentType).toBe(oidSignedData);
    expect(opened.authenticatedAttributes).toHaveLength(1);
  });

  it('empty content, 16 KiB content, and the BER form Bouncy Castle streams', () => {
    for (const data of [Buffer.alloc(0), Buffer.alloc(16384, 0x5a)]) {
      const message = encryptAuthEnvelopedData(data, { cipher: 'aes-128-gcm', recipients: to(alice) });
      expect(decryptAuthEnvelopedData(message, [alice]).content).toEqual(data);
      expect(decryptAuthEnvelopedData(toStreamingBer(message), [alice]).content).toEqual(data);
    }
  });

  it('several recipients each open it; a stranger gets no-matching-recipient', async () => {
    const message = encryptAuthEnvelopedData(content, {
      cipher: 'aes-256-ccm',
      recipients: [{ certificate: alice.certificate }, { certificate: bob.certificate, keyTransport: { scheme: 'rsa-oaep', hash: 'sha1' } }],
    });
    expect(decryptAuthEnvelopedData(message, [alice]).content).toEqual(content);
    expect(decryptAuthEnvelopedData(message, [bob]).recipient).toBe(bob.certificate);
    const only = encryptAuthEnvelopedData(content, { cipher: 'aes-128-gcm', recipients: to(alice) });
    expect((await cmsFailure(() => decryptAuthEnvelopedData(only, [bob]))).reason).toBe('no-matching-recipient');
  });

  it('needs a recipient and an RFC 5084 tag length', () => {
    expect(() => encryptAuthEnvelopedData(content, { cipher: 'aes-128-gcm', recipients: [] })).toThrow(CourierError);
    expect(() => encryptAuthEnvelopedData(content, { cipher: 'aes-128-gcm', tagLength: 8, recipients: to(alice) })).toThrow(/RFC 5084/);
    expect(() => encryptAuthEnvelopedData(content, { cipher: 'aes-128-ccm', tagLength: 13, recipients: to(alice) })).toThrow(/RFC 5084/);
  });

  it('CCM with a 12-byte nonce refuses more than 2^24 - 1 bytes before encrypting', () => {
    expect(() => encryptAuthEnvelopedData(Buffer.alloc(2 ** 24), { cipher: 'aes-128-ccm', recipients: to(alice) })).toThrow(/at most 16777215 bytes/);
  });
});

describe('tampering: every change ends in decryption-failed, never in plaintext', () => {
  for (const cipher of ['aes-128-gcm', 'aes-128-ccm'] as const) {
    it(`${cipher}: ciphertext, tag, and PKCS#1 v1.5 key block (implicit rejection)`, async () => {
      const message = encryptAuthEnvelopedData(content, { cipher, recipients: to(alice) });
      const tagStart = message.length - 16;
      const ciphertextByte = tagStart - 2 - 10;
      expect((await cmsFailure(() => decryptAuthEnvelopedData(flipBit(message, ciphertextByte), [alice]))).reason).toBe('decryption-failed');
      expect((await cmsFailure(() => decryptAuthEnvelopedData(flipBit(message, -1), [alice]))).reason).toBe('decryption-failed');
      // A damaged RSA block yields a pseudo-random content key: the failure shows at the tag, like a wrong key.
      expect((await cmsFailure(() => decryptAuthEnvelopedData(flipBit(message, keyBlockByte(message)), [alice]))).reason).toBe('decryption-failed');
    });
  }

  it('RSA-OAEP: a damaged key block is key-unrecoverable', async () => {
    const message = encryptAuthEnvelopedData(content, { cipher: 'aes-256-gcm', recipients: to(alice, { scheme: 'rsa-oaep', hash: 'sha256' }) });
    expect((await cmsFailure(() => decryptAuthEnvelopedData(flipBit(message, keyBlockByte(message)), [alice]))).reason).toBe('key-unrecoverable');
  });
});

describe('the runtime rule for AES-CCM (DESIGN §4: Electron’s BoringSSL lacks it)', () => {
  const withoutCcm: ReadonlySet<string> = new Set(['aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm']);

  for (const cipher of ['aes-128-ccm', 'aes-192-ccm', 'aes-256-ccm'] as const) {
    it(`${cipher}: the composed CCM and Node's native one open each other's output`, () => {
      const { algorithm, key } = newAuthContentEncryption(cipher, 12);
      const aad = Buffer.from('31 authenticated attributes');
      const composed = sealContent(algorithm, key, content, aad, withoutCcm);
      expect(Buffer.concat([composed.ciphertext, composed.tag])).toEqual(Buffer.concat(Object.values(sealContent(algorithm, key, content, aad))));
      expect(openContent(algorithm, key, composed.ciphertext, composed.tag, aad)).toEqual(content);
      expect(openContent(algorithm, key, composed.ciphertext, composed.tag, aad, withoutCcm)).toEqual(content);
    });
  }

  it('a wrong tag through the composed CCM is decryption-failed too', async () => {
    const { algorithm, key } = newAuthContentEncryption('aes-256-ccm');
    const sealed = sealContent(algorithm, key, content, new Uint8Array(0), withoutCcm);
    const error = await cmsFailure(() => openContent(algorithm, key, sealed.ciphertext, flipBit(sealed.tag, 0), new Uint8Array(0), withoutCcm));
    expect(error.reason).toBe('decryption-failed');
  });

  it('empty content under CCM (where Node’s native CCM can fail with "tag not set") round-trips', () => {
    for (const empty of [new Uint8Array(0), Buffer.alloc(0), content.subarray(0, 0)]) {
      const message = encryptAuthEnvelopedData(empty, { cipher: 'aes-128-ccm', recipients: to(alice) });
      expect(decryptAuthEnvelopedData(message, [alice]).content).toHaveLength(0);
    }
  });
});

describe('GCMParameters and CCMParameters (RFC 5084 §3)', () => {
  it('writes aes-ICVlen only when it is not the DEFAULT 12', () => {
    const twelve = authAlgorithmIdentifier({ cipher: 'aes-128-gcm', nonce: new Uint8Array(12), tagLength: 12 });
    const sixteen = authAlgorithmIdentifier({ cipher: 'aes-128-gcm', nonce: new Uint8Array(12), tagLength: 16 });
    expect(Buffer.from(twelve.parameters!).toString('hex')).toBe(`300e040c${'00'.repeat(12)}`);
    expect(Buffer.from(sixteen.parameters!).toString('hex')).toBe(`3011040c${'00'.repeat(12)}020110`);
    expect(readAuthContentAlgorithm(twelve).tagLength).toBe(12);
    expect(readAuthContentAlgorithm(sixteen)).toEqual({ cipher: 'aes-128-gcm', nonce: new Uint8Array(12), tagLength: 16 });
  });

  const bad: Array<[string, AlgorithmIdentifier, string]> = [
    ['an unknown OID', new AlgorithmIdentifier({ algorithm: '2.16.840.1.101.3.4.1.8', parameters: null }), 'unsupported-algorithm'],
    ['no parameters', new AlgorithmIdentifier({ algorithm: oidAes128Gcm }), 'bad-parameters'],
    ['a bare OCTET STRING', new AlgorithmIdentifier({ algorithm: oidAes128Gcm, parameters: nonce(12).toBER(false) }), 'bad-parameters'],
    ['a 6-byte CCM nonce', parameters(oidAes128Ccm, [nonce(6)]), 'bad-parameters'],
    ['a 14-byte CCM nonce', parameters(oidAes128Ccm, [nonce(14)]), 'bad-parameters'],
    ['an empty GCM nonce', parameters(oidAes128Gcm, [nonce(0)]), 'bad-parameters'],
    ['GCM aes-ICVlen 8', parameters(oidAes128Gcm, [nonce(12), new asn1js.Integer({ value: 8 })]), 'bad-parameters'],
    ['CCM aes-ICVlen 5', parameters(oidAes128Ccm, [nonce(12), new asn1js.Integer({ value: 5 })]), 'bad-parameters'],
    ['a huge aes-ICVlen', parameters(oidAes128Gcm, [nonce(12), new asn1js.Integer({ value: 0x10010 })]), 'bad-parameters'],
    ['an extra field', parameters(oidAes128Gcm, [nonce(12), new asn1js.Integer({ value: 16 }), new asn1js.Null()]), 'bad-parameters'],
    ['truncated parameters', new AlgorithmIdentifier({ algorithm: oidAes128Gcm, parameters: new Uint8Array([0x30, 0x0e, 0x04, 0x0c, 1]).buffer }), 'malformed'],
  ];
  for (const [name, identifier, reason] of bad) {
    it(`rejects ${name} (${reason})`, async () => {
      expect((await cmsFailure(() => readAuthContentAlgorithm(identifier))).reason).toBe(reason);
    });
  }
});

describe('malformed and hostile AuthEnvelopedData', () => {
  const message = encryptAuthEnvelopedData(content, { cipher: 'aes-128-gcm', authenticatedAttributes: true, recipients: to(alice) });

  it('truncated anywhere: malformed, never a crash', async () => {
    for (const cut of [0, 1, 2, 20, 100, message.length - 20, message.length - 1]) {
      const error = await cmsFailure(() => decryptAuthEnvelopedData(message.subarray(0, cut), [alice]));
      expect(error.reason).toBe('malformed');
    }
  });

  it('EnvelopedData handed to the AuthEnvelopedData reader: unexpected-content-type', async () => {
    const enveloped = encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: to(alice) });
    expect((await cmsFailure(() => decryptAuthEnvelopedData(enveloped, [alice]))).reason).toBe('unexpected-content-type');
  });

  it('version 1, a tag of the wrong length, a content-type attribute naming another type, a CBC cipher', async () => {
    const versionOne = replaceLast(message, Buffer.from([0x02, 0x01, 0x00, 0x31]), Buffer.from([0x02, 0x01, 0x01, 0x31]));
    expect((await cmsFailure(() => decryptAuthEnvelopedData(versionOne, [alice]))).reason).toBe('malformed');

    const shortTag = Buffer.from(message);
    shortTag[shortTag.length - 17] = 15; // mac OCTET STRING length 16 → 15, one byte left over
    expect((await cmsFailure(() => decryptAuthEnvelopedData(shortTag, [alice]))).reason).toBe('malformed');

    const otherType = replaceLast(message, oidBytes('1.2.840.113549.1.7.1'), oidBytes('1.2.840.113549.1.7.2'));
    expect((await cmsFailure(() => decryptAuthEnvelopedData(otherType, [alice]))).reason).toBe('malformed');

    const cbc = replaceLast(message, oidBytes(oidAes128Gcm), oidBytes(oidAes256Cbc));
    expect((await cmsFailure(() => decryptAuthEnvelopedData(cbc, [alice]))).reason).toBe('unsupported-algorithm');
  });
});
