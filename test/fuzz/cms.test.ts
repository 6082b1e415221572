// Hostile CMS: mutated EnvelopedData (whole and streamed), SignedData, AuthEnvelopedData, CompressedData and
// multipart/signed (split as it streams) — DER and Bouncy-Castle-style BER; bytes overwritten, truncated, inserted,
// ranges duplicated — plus hand-made hostile shapes: a constructed OCTET STRING nested 10,000 deep, indefinite
// lengths never closed, a length claiming 2^40 bytes. Every case must be accepted or end in the reader's typed error
// (CmsError, MimeError for the splitter); no TypeError, RangeError or library exception may escape, no case may
// take longer than CASE_LIMIT_MS, and decompression stops at a small maxBytes. COURIER_FUZZ_CASES sets the count.
import { describe, expect, it } from 'vitest';
import { encryptAuthEnvelopedData, decryptAuthEnvelopedData } from '../../electron/core/cms/authEnvelopedData';
import { CmsError } from '../../electron/core/cms/cmsError';
import { compressData, decompressData } from '../../electron/core/cms/compressedData';
import { decryptEnvelopedData, decryptEnvelopedStream, encryptEnvelopedData } from '../../electron/core/cms/envelopedData';
import { oidAuthEnvelopedData, oidCompressedData, oidEnvelopedData, oidSignedData } from '../../electron/core/cms/oids';
import { signData } from '../../electron/core/cms/signedData';
import { verifySignedData } from '../../electron/core/cms/signedDataVerification';
import { buildMultipartSigned, buildPayloadEntity } from '../../electron/core/mime/build';
import { MimeError } from '../../electron/core/mime/mimeError';
import { splitMultipartSigned } from '../../electron/core/mime/multipartSignedSplitter';
import { fixtureRecipient, oidBytes, toStreamingBer } from '../support/cms';
import { below, prng, type Random } from '../support/prng';

const CASES = Number(process.env.COURIER_FUZZ_CASES ?? 10_000);
/** A hang shows up as one slow case long before the suite's timeout. */
const CASE_LIMIT_MS = 2_000;
const TIMEOUT = 60_000 + CASES * 5;
const alice = fixtureRecipient();
const content = Buffer.from('UNB+UNOA:2+SENDER+RECEIVER+240101:1200+1\r\n'.repeat(30));

function mutate(next: Random, input: Uint8Array): Buffer {
  const bytes = Buffer.from(input);
  const at = below(next, bytes.length);
  switch (below(next, 5)) {
    case 0:
      bytes[at] = below(next, 256);
      return bytes;
    case 1:
      return bytes.subarray(0, at);
    case 2:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([[below(next, 256), 0x80, 0x84, 0xff][below(next, 4)]!]), bytes.subarray(at)]);
    case 3: {
      const length = 1 + below(next, 40);
      return Buffer.concat([bytes.subarray(0, at + length), bytes.subarray(at, at + length), bytes.subarray(at + length)]);
    }
    default:
      for (let i = 0; i < 4; i++) bytes[below(next, bytes.length)] = below(next, 256);
      return bytes;
  }
}

const repeat = (bytes: number[], times: number): Buffer => Buffer.alloc(bytes.length * times, Buffer.from(bytes));

/** Hostile shapes, each inside a ContentInfo of the reader's type: `[SEQUENCE, OID, [0] …]`. */
function hostile(oid: string): Buffer[] {
  const head = (inner: Buffer, close: boolean): Buffer =>
    Buffer.concat([Buffer.from([0x30, 0x80]), oidBytes(oid), Buffer.from([0xa0, 0x80]), inner, close ? Buffer.from([0, 0, 0, 0]) : Buffer.alloc(0)]);
  const deepOctets = Buffer.concat([repeat([0x24, 0x80], 10_000), Buffer.from([0x04, 0x01, 0x41]), repeat([0, 0], 10_000)]);
  const deepSequences = Buffer.concat([repeat([0x30, 0x80], 10_000), repeat([0, 0], 10_000)]);
  const huge = Buffer.from([0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00]);
  return [
    head(deepOctets, true),
    head(Buffer.concat([Buffer.from([0x30, 0x80, 0x02, 0x01, 0x00, 0x31, 0x80]), deepOctets]), true),
    head(deepSequences, true),
    head(Buffer.from([0x30, 0x80, 0x02, 0x01, 0x00, 0x31, 0x80]), false),
    head(repeat([0x30, 0x80], 10_000), false),
    head(huge, true),
    Buffer.concat([Buffer.from([0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00]), oidBytes(oid), Buffer.from([0xa0, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00])]),
  ];
}

type Outcome = 'accepted' | 'rejected';

interface Tally {
  accepted: number;
  rejected: number;
  slowestMs: number;
}

async function survives(run: () => unknown, typed: new (...args: never[]) => Error, tally: Tally): Promise<Outcome> {
  const started = performance.now();
  let outcome: Outcome = 'accepted';
  try {
    await run();
  } catch (error) {
    if (!(error instanceof typed)) throw error;
    outcome = 'rejected';
  }
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  tally[outcome]++;
  return outcome;
}

/** Runs CASES mutations of the seeds, then the hostile shapes (all of which must be refused). */
async function fuzz(seed: number, seeds: readonly Uint8Array[], oid: string | undefined, read: (input: Buffer) => unknown, typed: new (...args: never[]) => Error = CmsError): Promise<void> {
  const next = prng(seed);
  const tally: Tally = { accepted: 0, rejected: 0, slowestMs: 0 };
  for (let i = 0; i < CASES; i++) await survives(() => read(mutate(next, seeds[i % seeds.length]!)), typed, tally);
  expect(tally.rejected).toBeGreaterThan(CASES / 2);
  for (const input of oid ? hostile(oid) : []) expect(await survives(() => read(input), typed, tally)).toBe('rejected');
  expect(tally.slowestMs).toBeLessThan(CASE_LIMIT_MS);
}

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) void chunk;
}

/** Feeds `bytes` in pieces of 1…256 bytes, so chunk seams fall everywhere. */
async function* pieces(bytes: Buffer, next: Random): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + below(next, 256);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe(`fuzz: ${CASES} mutated messages per CMS reader`, () => {
  it('EnvelopedData: decrypt never throws anything but CmsError', async () => {
    const der = encryptEnvelopedData(content, { cipher: 'des-ede3-cbc', recipients: [{ certificate: alice.certificate }] });
    const oaep = encryptEnvelopedData(content, { cipher: 'rc2-40-cbc', recipients: [{ certificate: alice.certificate, keyTransport: { scheme: 'rsa-oaep', hash: 'sha256' } }] });
    await fuzz(5652, [der, oaep, toStreamingBer(der, { chunkAbove: 200 })], oidEnvelopedData, (input) => decryptEnvelopedData(input, [alice]));
  }, TIMEOUT);

  it('EnvelopedData streamed: decryptEnvelopedStream and reading its content never throw anything but CmsError', async () => {
    const der = encryptEnvelopedData(content, { cipher: 'aes-128-cbc', recipients: [{ certificate: alice.certificate }] });
    const next = prng(5656);
    await fuzz(5655, [toStreamingBer(der, { chunkAbove: 200 }), der], oidEnvelopedData, async (input) => {
      await drain((await decryptEnvelopedStream(pieces(input, next), [alice])).content);
    });
  }, TIMEOUT);

  it('SignedData: verify never throws anything but CmsError', async () => {
    const attached = await signData(content, { signer: alice, digest: 'sha256', detached: false });
    const pss = await signData(content, { signer: alice, digest: 'sha384', detached: false, signature: { scheme: 'rsa-pss' } });
    await fuzz(5653, [attached, pss, toStreamingBer(attached, { chunkAbove: 200 })], oidSignedData, (input) => verifySignedData(input));
  }, TIMEOUT);

  it('AuthEnvelopedData: decrypt never throws anything but CmsError', async () => {
    const gcm = encryptAuthEnvelopedData(content, { cipher: 'aes-256-gcm', recipients: [{ certificate: alice.certificate }] });
    const ccm = encryptAuthEnvelopedData(content, { cipher: 'aes-128-ccm', tagLength: 12, authenticatedAttributes: true, recipients: [{ certificate: alice.certificate }] });
    await fuzz(5657, [gcm, ccm, toStreamingBer(gcm, { chunkAbove: 200 })], oidAuthEnvelopedData, (input) => decryptAuthEnvelopedData(input, [alice]));
  }, TIMEOUT);

  it('CompressedData: decompress (maxBytes 64 KiB) never throws anything but CmsError; a bomb stops at the limit', async () => {
    const small = await compressData(content);
    const bomb = await compressData(Buffer.alloc(4 << 20));
    await fuzz(5658, [small, toStreamingBer(small, { chunkAbove: 100 }), bomb], oidCompressedData, (input) => decompressData(input, { maxBytes: 64 * 1024 }));
    await expect(decompressData(bomb, { maxBytes: 64 * 1024 })).rejects.toMatchObject({ reason: 'content-too-large' });
  }, TIMEOUT);

  it('multipart/signed: splitMultipartSigned never throws anything but MimeError', async () => {
    const entity = buildPayloadEntity({ contentType: 'application/edifact' }, content);
    const signature = await signData(entity.bytes, { signer: alice, digest: 'sha256', detached: true });
    const message = buildMultipartSigned(entity.bytes, signature, { micalg: 'sha256' }).bytes;
    const next = prng(5660);
    await fuzz(5659, [message], undefined, async (input) => {
      const split = await splitMultipartSigned(pieces(input, next), { maxSignaturePartBytes: 16 * 1024 });
      await drain(split.content);
      split.signature();
    }, MimeError);
  }, TIMEOUT);
});
