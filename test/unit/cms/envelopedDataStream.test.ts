// Streamed EnvelopedData (RFC 5652 §6): encryption writes indefinite-length BER chunk by chunk (DER when the length
// is known), decryption reads the head from any split of the input and streams the rest; truncation, hostile
// structure and wrong keys end in the same typed errors as the whole-buffer functions.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { CmsError } from '../../../electron/core/cms/cmsError';
import { decryptEnvelopedData, decryptEnvelopedStream, encryptEnvelopedData, encryptEnvelopedStream } from '../../../electron/core/cms/envelopedData';
import { chunked, cmsFailure, fixtureFile, fixtureRecipient, toStreamingBer, type RsaIdentity } from '../../support/cms';
import { issueCertificate, makeKey } from '../../support/testPki';

const alice = fixtureRecipient();
const content = Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 7919) & 0xff));

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function decryptStreamed(message: Uint8Array, chunk: number, identities: RsaIdentity[] = [alice]): Promise<Buffer> {
  const opened = await decryptEnvelopedStream(chunked(message, chunk), identities);
  return collect(opened.content);
}

async function encryptStreamed(data: Uint8Array, chunk: number, contentLength?: number): Promise<Buffer> {
  return collect(encryptEnvelopedStream(chunked(data, chunk), { cipher: 'aes-256-cbc', recipients: [{ certificate: alice.certificate }], contentLength }));
}

describe('streamed EnvelopedData encryption', () => {
  it('writes indefinite-length BER with one OCTET STRING chunk per content chunk', async () => {
    const message = await encryptStreamed(content, 16_384);
    expect(message.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]));
    expect(message.subarray(-10)).toEqual(Buffer.alloc(10));
    const tree = asn1js.fromBER(message).result as asn1js.Sequence;
    const enveloped = (tree.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    const encryptedContentInfo = enveloped.valueBlock.value[2] as asn1js.Sequence;
    const encrypted = encryptedContentInfo.valueBlock.value[2] as asn1js.Constructed;
    expect(encrypted.idBlock.isConstructed).toBe(true);
    const chunks = encrypted.valueBlock.value.filter((node) => !(node instanceof asn1js.EndOfContent));
    expect(chunks.length).toBe(Math.ceil(content.length / 16_384) + 1); // the last, padded block comes from final()
    expect(decryptEnvelopedData(message, [alice]).content.equals(content)).toBe(true);
  });

  it('writes DER when the content length is announced, and refuses content of another length', async () => {
    const message = await encryptStreamed(content, 10_000, content.length);
    const reencoded = Buffer.from(asn1js.fromBER(message).result.toBER(false));
    expect(reencoded.equals(message)).toBe(true);
    expect(decryptEnvelopedData(message, [alice]).content.equals(content)).toBe(true);
    const failure = await encryptStreamed(content, 10_000, content.length + 1).then(() => undefined, (e: unknown) => e);
    expect((failure as CmsError).code).toBe('BAD_INPUT');
  });

  it('empty and block-aligned contents, streamed', async () => {
    for (const size of [0, 15, 16, 32]) {
      const data = Buffer.alloc(size, 0x41);
      expect((await decryptStreamed(await encryptStreamed(data, 5), 3)).equals(data)).toBe(true);
    }
  });
});

describe('streamed EnvelopedData decryption', () => {
  const der = encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate }] });
  const ber = toStreamingBer(der, { chunk: 1000 });
  const nested = toStreamingBer(toStreamingBer(der, { chunk: 4000 }), { depth: 5, chunk: 333, chunkAbove: 400 });

  it('reads DER, chunked BER and nested chunks from any split of the input, down to single bytes', async () => {
    for (const message of [der, ber, nested]) {
      for (const split of [1, 7, 1000, 65_536, message.length]) {
        expect((await decryptStreamed(message, split)).equals(content)).toBe(true);
      }
    }
  });

  it('reports the envelope before any content is read', async () => {
    const opened = await decryptEnvelopedStream(chunked(ber, 100), [alice]);
    expect(opened.contentCipher).toBe('aes-128-cbc');
    expect(opened.keyTransport).toEqual({ scheme: 'rsa-pkcs1v15' });
    expect(opened.recipient).toBe(alice.certificate);
  });

  it('a message for someone else fails before any plaintext, naming the recipients', async () => {
    const key = makeKey('rsa-2048');
    const bob = { certificate: new X509Certificate(issueCertificate({ commonName: 'Bob', key }).der), privateKey: key.privateKey };
    const failure = await cmsFailure(() => decryptEnvelopedStream(chunked(ber, 100), [bob]));
    expect(failure.reason).toBe('no-matching-recipient');
  });

  it('truncation anywhere is malformed, whether it cuts the head, the chunks or the closing end-of-contents', async () => {
    for (const cut of [0, 5, 40, 400, ber.length / 2, ber.length - 1003, ber.length - 12, ber.length - 6, ber.length - 1]) {
      const failure = await cmsFailure(() => decryptStreamed(ber.subarray(0, Math.floor(cut)), 4096));
      expect(failure.reason).toBe('malformed');
    }
  });

  it('bytes after the ContentInfo are ignored, as OpenSSL does', async () => {
    expect((await decryptStreamed(Buffer.concat([ber, Buffer.from('trailing garbage')]), 50)).equals(content)).toBe(true);
  });

  it('hostile structure: a chunk that is not an OCTET STRING, an element after the content, a head over 1 MiB', async () => {
    const notOctets = Buffer.from(ber);
    const firstChunk = notOctets.indexOf(Buffer.from([0x04, 0x82, 0x03, 0xe8]));
    notOctets[firstChunk] = 0x05;
    expect((await cmsFailure(() => decryptStreamed(notOctets, 512))).message).toMatch(/chunk that is not an OCTET STRING/);

    const extra = Buffer.concat([ber.subarray(0, ber.length - 8), Buffer.from([0x02, 0x01, 0x00]), ber.subarray(ber.length - 8)]);
    expect((await cmsFailure(() => decryptStreamed(extra, 512))).message).toMatch(/unexpected element follows the encrypted content/);

    const huge = Buffer.concat([Buffer.from([0x30, 0x80, 0x06, 0x09]), ber.subarray(4, 15), Buffer.from([0xa0, 0x80, 0x30, 0x80, 0x02, 0x01, 0x00, 0x31, 0x80]), Buffer.alloc(1.5 * 1024 * 1024, 0x30)]);
    const failure = await cmsFailure(() => decryptStreamed(huge, 65_536));
    expect(failure.reason).toBe('malformed');
  });

  it('a wrong content key (corrupted key-transport block, implicit rejection) fails only at the padding, at the end', async () => {
    const message = fixtureFile('envelope-aes128.der');
    const keyAt = message.indexOf(Buffer.from([0x04, 0x82, 0x01, 0x00])) + 4;
    const expected = await cmsFailure(() => decryptEnvelopedData(Buffer.from(message).fill(0x5a, keyAt, keyAt + 1), [alice]));
    for (const offset of [0, 17, 255]) {
      const corrupted = Buffer.from(message);
      corrupted[keyAt + offset] = corrupted[keyAt + offset]! ^ 0x01;
      const opened = await decryptEnvelopedStream(chunked(corrupted, 9), [alice]);
      const failure = await cmsFailure(() => collect(opened.content));
      expect(failure.reason).toBe('decryption-failed');
      expect(failure.message).toBe(expected.message);
    }
  });
});
