// CompressedData (RFC 3274, zlib): round trips from bytes and from streams, streamed decompression, the
// decompression-bomb limit, and corrupted, truncated and hostile structures ending in typed errors.
import { deflateSync } from 'node:zlib';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { compressData, decompressData, openCompressedData } from '../../../electron/core/cms/compressedData';
import { writeContentInfo } from '../../../electron/core/cms/contentInfo';
import { encryptEnvelopedData } from '../../../electron/core/cms/envelopedData';
import { oidCompressedData, oidData, oidSignedData, oidZlibCompress } from '../../../electron/core/cms/oids';
import { chunked, cmsFailure, fixtureRecipient, toStreamingBer } from '../../support/cms';

const content = Buffer.from('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\r\n'.repeat(200) + 'binary \x00\xff tail', 'latin1');

/** CompressedData assembled from parts, to make structures our writer never would. */
function handMade(parts: { version?: number; algorithm?: string; compressed?: Uint8Array; eContent?: asn1js.AsnType }): Uint8Array {
  return writeContentInfo(
    oidCompressedData,
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: parts.version ?? 0 }),
        new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: parts.algorithm ?? oidZlibCompress })] }),
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: oidData }),
            new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 0 },
              value: [parts.eContent ?? new asn1js.OctetString({ valueHex: parts.compressed ?? deflateSync(content) })],
            }),
          ],
        }),
      ],
    }),
  );
}

/** Zeros as a stream, so a bomb is made without holding its expansion. */
async function* zeros(total: number, chunk = 1 << 20): AsyncGenerator<Uint8Array> {
  const block = new Uint8Array(chunk);
  for (let sent = 0; sent < total; sent += chunk) yield block;
}

describe('CompressedData round trips', () => {
  it('bytes in, bytes out; it really compresses', async () => {
    const message = await compressData(content);
    expect(message.length).toBeLessThan(content.length / 10);
    const opened = await decompressData(message);
    expect(opened.content).toEqual(content);
    expect(opened.contentType).toBe(oidData);
  });

  it('a streamed source, another content type, empty content, and the BER form Bouncy Castle writes', async () => {
    const streamed = await compressData(chunked(content, 100), { contentType: oidSignedData, level: 9 });
    expect(await decompressData(streamed)).toEqual({ contentType: oidSignedData, content });
    expect((await decompressData(await compressData(Buffer.alloc(0)))).content).toHaveLength(0);
    expect((await decompressData(toStreamingBer(streamed, { chunkAbove: 20, chunk: 7 }))).content).toEqual(content);
  });

  it('openCompressedData yields the content in several chunks as it inflates', async () => {
    const big = Buffer.alloc(1 << 20, 0x41);
    const opened = openCompressedData(await compressData(big));
    const chunks: Buffer[] = [];
    for await (const chunk of opened.chunks) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
  });
});

describe('the decompression-bomb guard', () => {
  it('64 MiB of zeros (~64 KiB compressed) stops at a 1 MiB limit with content-too-large', async () => {
    const bomb = await compressData(zeros(64 << 20));
    expect(bomb.length).toBeLessThan(100_000);
    const error = await cmsFailure(() => decompressData(bomb, { maxBytes: 1 << 20 }));
    expect(error.reason).toBe('content-too-large');
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.message).toMatch(/more than 1048576 bytes/);
  });

  it('content exactly at the limit passes; one byte over does not', async () => {
    const message = await compressData(content);
    expect((await decompressData(message, { maxBytes: content.length })).content).toEqual(content);
    expect((await cmsFailure(() => decompressData(message, { maxBytes: content.length - 1 }))).reason).toBe('content-too-large');
  });
});

describe('malformed and hostile CompressedData', () => {
  it('corrupted or truncated zlib data: malformed', async () => {
    const zlib = deflateSync(content);
    const corrupted = Buffer.from(zlib);
    corrupted[10]! ^= 0xff;
    for (const compressed of [corrupted, zlib.subarray(0, zlib.length - 8), Buffer.from('not zlib at all')]) {
      expect((await cmsFailure(() => decompressData(handMade({ compressed })))).reason).toBe('malformed');
    }
  });

  it('another compression algorithm: unsupported-algorithm; version 1: malformed', async () => {
    expect((await cmsFailure(() => openCompressedData(handMade({ algorithm: '1.2.840.113549.1.9.16.3.9' })))).reason).toBe('unsupported-algorithm');
    expect((await cmsFailure(() => openCompressedData(handMade({ version: 1 })))).reason).toBe('malformed');
    expect((await decompressData(handMade({}))).content).toEqual(content);
  });

  it('truncated DER anywhere: malformed', async () => {
    const message = await compressData(content);
    for (const cut of [0, 1, 5, 20, message.length - 1]) {
      expect((await cmsFailure(() => openCompressedData(message.subarray(0, cut)))).reason).toBe('malformed');
    }
  });

  it('EnvelopedData handed to the CompressedData reader: unexpected-content-type', async () => {
    const enveloped = encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: fixtureRecipient().certificate }] });
    expect((await cmsFailure(() => openCompressedData(enveloped))).reason).toBe('unexpected-content-type');
  });

  it('an eContent that is not an OCTET STRING: malformed', async () => {
    const notOctets = handMade({ eContent: new asn1js.Utf8String({ value: 'x' }) });
    expect((await cmsFailure(() => openCompressedData(notOctets))).reason).toBe('malformed');
  });
});
