// EnvelopedData (RFC 5652 §6): every content cipher × key transport round trip, both recipient identifier forms,
// several recipients, BER input, and malformed or hostile messages ending in typed errors.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import type { ContentCipherName } from '../../../electron/core/cms/contentCiphers';
import { decryptEnvelopedData, encryptEnvelopedData } from '../../../electron/core/cms/envelopedData';
import { oidAes128Cbc, oidRc2Cbc, oidRsaEncryption } from '../../../electron/core/cms/oids';
import type { KeyTransport } from '../../../electron/core/cms/rsaKeyTransport';
import { signData } from '../../../electron/core/cms/signedData';
import { CourierError } from '../../../shared/ipc/errors';
import { cmsFailure, fixtureRecipient, oidBytes, replaceLast, toStreamingBer, type RsaIdentity } from '../../support/cms';
import { issueCertificate, makeKey } from '../../support/testPki';

const ciphers: ContentCipherName[] = [
  'aes-128-cbc',
  'aes-192-cbc',
  'aes-256-cbc',
  'des-ede3-cbc',
  'rc2-40-cbc',
  'rc2-64-cbc',
  'rc2-128-cbc',
  'cast5-cbc',
  'idea-cbc',
];
const transports: KeyTransport[] = [
  { scheme: 'rsa-pkcs1v15' },
  { scheme: 'rsa-oaep', hash: 'sha1' },
  { scheme: 'rsa-oaep', hash: 'sha256' },
  { scheme: 'rsa-oaep', hash: 'sha512' },
];
const describeTransport = (t: KeyTransport): string => (t.scheme === 'rsa-oaep' ? `rsa-oaep-${t.hash}` : t.scheme);

const alice = fixtureRecipient();
function generated(name: string): RsaIdentity {
  const key = makeKey('rsa-2048');
  return { certificate: new X509Certificate(issueCertificate({ commonName: name, key }).der), privateKey: key.privateKey };
}
const bob = generated('Bob (no subject key identifier)');
const content = Buffer.from('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\r\nbinary \x00\xff tail\r\n', 'latin1');

describe('EnvelopedData round trips', () => {
  for (const cipher of ciphers) {
    for (const transport of transports) {
      it(`${cipher} with ${describeTransport(transport)}`, () => {
        const message = encryptEnvelopedData(content, { cipher, recipients: [{ certificate: alice.certificate, keyTransport: transport }] });
        const opened = decryptEnvelopedData(message, [alice]);
        expect(opened.content).toEqual(content);
        expect(opened.contentCipher).toBe(cipher === 'rc2-128-cbc' ? 'rc2-128-cbc' : cipher);
        expect(opened.keyTransport).toEqual(transport);
        expect(opened.recipient).toBe(alice.certificate);
      });
    }
  }

  it('CAST5 in the bare-IV parameter form OpenSSL writes', () => {
    const message = encryptEnvelopedData(content, { cipher: 'cast5-cbc', cast5Parameters: 'iv', recipients: [{ certificate: alice.certificate }] });
    expect(decryptEnvelopedData(message, [alice]).content).toEqual(content);
  });

  it('empty and block-aligned contents', () => {
    for (const size of [0, 8, 16, 4096]) {
      const data = Buffer.alloc(size, 0x41);
      const message = encryptEnvelopedData(data, { cipher: 'aes-256-cbc', recipients: [{ certificate: alice.certificate }] });
      expect(decryptEnvelopedData(message, [alice]).content).toEqual(data);
    }
  });

  it('subjectKeyIdentifier recipients (KeyTransRecipientInfo v2, EnvelopedData v2)', () => {
    const message = encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate, identifier: 'subjectKeyIdentifier' }] });
    const parsed = asn1js.fromBER(message).result as asn1js.Sequence;
    const enveloped = (parsed.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    expect((enveloped.valueBlock.value[0] as asn1js.Integer).valueBlock.valueDec).toBe(2);
    expect(decryptEnvelopedData(message, [alice]).content).toEqual(content);
  });

  it('several recipients: each opens the message with its own key', () => {
    const message = encryptEnvelopedData(content, {
      cipher: 'des-ede3-cbc',
      recipients: [{ certificate: alice.certificate, identifier: 'subjectKeyIdentifier' }, { certificate: bob.certificate, keyTransport: { scheme: 'rsa-oaep', hash: 'sha256' } }],
    });
    expect(decryptEnvelopedData(message, [alice]).content).toEqual(content);
    const forBob = decryptEnvelopedData(message, [alice, bob].reverse());
    expect(forBob.recipient).toBe(bob.certificate);
    expect(forBob.content).toEqual(content);
  });

  it('reads BER with indefinite lengths and chunked encrypted content (as Bouncy Castle writes)', () => {
    const big = Buffer.alloc(5000, 0x5a);
    const der = encryptEnvelopedData(big, { cipher: 'rc2-128-cbc', recipients: [{ certificate: alice.certificate }] });
    const ber = toStreamingBer(der);
    expect(ber[1]).toBe(0x80);
    expect(ber.length).toBeGreaterThan(der.length);
    expect(decryptEnvelopedData(ber, [alice]).content).toEqual(big);
  });

  it('reads BER whose encrypted content comes in more chunks than asn1js allows nodes by default (10 000)', () => {
    const large = Buffer.alloc(1_200_000, 0x33);
    const ber = toStreamingBer(encryptEnvelopedData(large, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate }] }), { chunk: 100 });
    expect(decryptEnvelopedData(ber, [alice]).content.equals(large)).toBe(true);
  });
});

/** Re-encodes an EnvelopedData after `change` edited its contentEncryptionAlgorithm parameters. */
function rewriteContentEncryption(message: Uint8Array, change: (parameters: asn1js.Sequence) => void): Uint8Array {
  const tree = asn1js.fromBER(message).result as asn1js.Sequence;
  const enveloped = (tree.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const encryptedContentInfo = enveloped.valueBlock.value.at(-1) as asn1js.Sequence;
  change((encryptedContentInfo.valueBlock.value[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.Sequence);
  return new Uint8Array(tree.toBER());
}

describe('EnvelopedData failures are typed', () => {
  const message = encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate }] });

  it('no recipient matches our certificate: names the recipients it has', async () => {
    const failure = await cmsFailure(() => decryptEnvelopedData(message, [bob]));
    expect(failure.reason).toBe('no-matching-recipient');
    expect(failure.code).toBe('CRYPTO_FAILED');
    expect(failure.message).toMatch(/^Decryption failed: no recipient matches our certificate; it names issuer "CN=Courier CMS test recipient, O=Courier tests", serial [0-9A-F]+$/);
  });

  it('truncated DER at every tenth byte', async () => {
    for (let length = 0; length < message.length; length += 10) {
      const failure = await cmsFailure(() => decryptEnvelopedData(message.subarray(0, length), [alice]));
      expect(failure.reason).toBe('malformed');
    }
  });

  it('truncated BER (indefinite lengths without their end-of-contents)', async () => {
    const ber = toStreamingBer(encryptEnvelopedData(Buffer.alloc(2000, 1), { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate }] }));
    for (const cut of [ber.length - 2, ber.length - 6, ber.length - 106]) {
      expect((await cmsFailure(() => decryptEnvelopedData(ber.subarray(0, cut), [alice]))).reason).toBe('malformed');
    }
  });

  it('a length field larger than the message', async () => {
    const oversized = Buffer.from(message);
    oversized.writeUInt8(0x84, 1);
    const hostile = Buffer.concat([Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]), message.subarray(4)]);
    for (const bytes of [oversized, hostile]) expect((await cmsFailure(() => decryptEnvelopedData(bytes, [alice]))).reason).toBe('malformed');
  });

  it('garbage and non-CMS input', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('not a CMS message'), Buffer.from([0x30, 0x00]), Buffer.from([0x05, 0x00])]) {
      const failure = await cmsFailure(() => decryptEnvelopedData(bytes, [alice]));
      expect(failure.reason).toBe('malformed');
      expect(failure.code).toBe('BAD_MESSAGE');
    }
  });

  it('signed data where enveloped data was expected', async () => {
    const signed = await signData(content, { signer: alice, digest: 'sha256', detached: false });
    const failure = await cmsFailure(() => decryptEnvelopedData(signed, [alice]));
    expect(failure.reason).toBe('unexpected-content-type');
    expect(failure.message).toBe('The encrypted message is CMS signed-data, not enveloped-data');
  });

  it('an unknown content-encryption OID', async () => {
    const tampered = replaceLast(message, oidBytes(oidAes128Cbc), oidBytes('2.16.840.1.101.3.4.1.6'));
    const failure = await cmsFailure(() => decryptEnvelopedData(tampered, [alice]));
    expect(failure.reason).toBe('unsupported-algorithm');
    expect(failure.message).toMatch(/content cipher 2\.16\.840\.1\.101\.3\.4\.1\.6 is not supported/);
  });

  it('an unknown key-transport OID', async () => {
    const tampered = replaceLast(message, oidBytes(oidRsaEncryption), oidBytes('1.2.840.113549.1.1.2'));
    expect((await cmsFailure(() => decryptEnvelopedData(tampered, [alice]))).reason).toBe('unsupported-algorithm');
  });

  it('RC2 parameters: unknown version, wrong IV length, not a sequence', async () => {
    const rc2 = Buffer.from(encryptEnvelopedData(content, { cipher: 'rc2-40-cbc', recipients: [{ certificate: alice.certificate }] }));
    const params = rc2.indexOf(Buffer.concat([oidBytes(oidRc2Cbc), Buffer.from([0x30, 0x0e, 0x02, 0x02, 0x00, 0xa0])]));
    expect(params).toBeGreaterThan(0);
    const versionAt = params + oidBytes(oidRc2Cbc).length + 4;

    const version7 = Buffer.from(rc2);
    version7.writeUInt16BE(0x0007, versionAt);
    const seven = await cmsFailure(() => decryptEnvelopedData(version7, [alice]));
    expect(seven.reason).toBe('bad-parameters');
    expect(seven.message).toBe('RC2 parameter version 7 is not a known effective key size');

    const notSequence = Buffer.from(rc2);
    notSequence[params + oidBytes(oidRc2Cbc).length] = 0x31;
    expect((await cmsFailure(() => decryptEnvelopedData(notSequence, [alice]))).reason).toBe('bad-parameters');

    const shortIv = rewriteContentEncryption(rc2, (parameters) => {
      const iv = parameters.valueBlock.value[1] as asn1js.OctetString;
      iv.valueBlock.valueHexView = iv.valueBlock.valueHexView.slice(1);
    });
    const short = await cmsFailure(() => decryptEnvelopedData(shortIv, [alice]));
    expect(short.reason).toBe('bad-parameters');
    expect(short.message).toBe('The RC2-CBC IV is 7 bytes; it must be 8 (the block size)');
  });

  it('RSA-OAEP whose block does not decode: the content key is unrecoverable', async () => {
    const oaep = Buffer.from(
      encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate, keyTransport: { scheme: 'rsa-oaep', hash: 'sha256' } }] }),
    );
    const at = oaep.indexOf(Buffer.from([0x04, 0x82, 0x01, 0x00])) + 50;
    const corrupted = Buffer.from(oaep);
    corrupted[at] = corrupted[at]! ^ 1;
    const failure = await cmsFailure(() => decryptEnvelopedData(corrupted, [alice]));
    expect(failure.reason).toBe('key-unrecoverable');
    expect(failure.message).toBe('Decryption failed: the content-encryption key could not be recovered (RSA-OAEP decoding failed)');
  });

  it('encrypted content that is not a whole number of blocks', async () => {
    const tree = asn1js.fromBER(message).result as asn1js.Sequence;
    const enveloped = (tree.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    const encryptedContentInfo = enveloped.valueBlock.value.at(-1) as asn1js.Sequence;
    const encrypted = encryptedContentInfo.valueBlock.value[2] as asn1js.Primitive;
    encrypted.valueBlock.valueHexView = encrypted.valueBlock.valueHexView.slice(0, -1);
    const failure = await cmsFailure(() => decryptEnvelopedData(new Uint8Array(tree.toBER()), [alice]));
    expect(failure.reason).toBe('malformed');
    expect(failure.message).toBe('The encrypted content is 63 bytes, not a whole number of 16-byte blocks: it is truncated');
  });

  it('our side: no recipients, a non-RSA certificate, SKI form without the extension', () => {
    const ec = makeKey('ec-p256');
    const ecCert = new X509Certificate(issueCertificate({ commonName: 'EC', key: ec }).der);
    const attempts = [
      () => encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [] }),
      () => encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: ecCert }] }),
      () => encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: bob.certificate, identifier: 'subjectKeyIdentifier' }] }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(CourierError);
      try {
        attempt();
      } catch (error) {
        expect((error as CourierError).code).toBe('BAD_INPUT');
      }
    }
  });
});
