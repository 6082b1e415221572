// Hostile MIME for every parser of the MIME layer: mutated, truncated, oversized and deeply nested input made from
// the Mendelson captures and from messages we build. Each case must end in a correct result or a MimeError
// (BAD_MESSAGE) within a time bound, and a result never holds more decoded bytes than the input had.
// COURIER_FUZZ_CASES raises the count per parser (default 10,000); COURIER_FUZZ_SEED replays another sequence.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMultipartSigned, buildPayloadEntity, buildPkcs7Mime } from '../../electron/core/mime/build';
import { parseDispositionNotification } from '../../electron/core/mime/dispositionNotification';
import { buildDispositionReport, readDispositionReport } from '../../electron/core/mime/dispositionReport';
import { decodeEncodedWords } from '../../electron/core/mime/encodedWords';
import type { MimeEntity } from '../../electron/core/mime/entity';
import { DEFAULT_MIME_LIMITS } from '../../electron/core/mime/limits';
import { MimeError } from '../../electron/core/mime/mimeError';
import { readMultipartSigned } from '../../electron/core/mime/multipartSigned';
import { parseContentDisposition, parseContentType } from '../../electron/core/mime/parameters';
import { parseEntity } from '../../electron/core/mime/parseEntity';
import { isPkcs7Mime, readPkcs7Mime } from '../../electron/core/mime/pkcs7Mime';
import { decodeBase64, decodeQuotedPrintable, encodeBase64Lines, encodeQuotedPrintable } from '../../electron/core/mime/transferEncoding';
import { below, pick, prng, type Random } from '../support/prng';

const CASES = Number(process.env.COURIER_FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.COURIER_FUZZ_SEED ?? 20_260_415);
/** No single case may take longer than this, on a busy 2-core machine; typical cases take well under 1 ms. */
const CASE_BUDGET_MS = 1000;

const CAPTURES = new URL('../../../shared/interop/mendelson-as2/', import.meta.url);
const captures = readdirSync(CAPTURES)
  .filter((name) => /\.(as2|mdn)$/.test(name))
  .map((name) => readFileSync(new URL(name, CAPTURES)));

function builtMessages(): Buffer[] {
  const payload = buildPayloadEntity({ contentType: 'application/edi-x12', filename: 'Faktura_€.x12' }, Buffer.from('ISA*00*~\nIEA*1*1~\n')).bytes;
  const signed = buildMultipartSigned(payload, Buffer.from('3080060b2a864886f70d010702a080', 'hex'), { micalg: 'sha256' }).bytes;
  const enveloped = buildPkcs7Mime({ smimeType: 'enveloped-data', transferEncoding: 'base64' }, Buffer.alloc(300, 0x30)).bytes;
  const report = buildDispositionReport({
    text: 'Entschlüsselung fehlgeschlagen',
    notification: {
      reportingUa: 'Courier',
      finalRecipient: 'A',
      originalMessageId: '<1@x>',
      disposition: { actionMode: 'automatic-action', sendingMode: 'MDN-sent-automatically', type: 'processed' },
      receivedContentMic: { digest: Buffer.alloc(32, 7), algorithm: 'sha256' },
    },
  }).bytes;
  const signedReport = buildMultipartSigned(report, Buffer.alloc(64, 1), { micalg: 'sha1' }).bytes;
  return [payload, signed, enveloped, report, signedReport];
}

/** Oversized and deep inputs, made once: each exercises one limit. */
function monsters(): Buffer[] {
  let deep = '\r\nleaf';
  for (let i = 10_000; i > 0; i--) deep = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${deep}\r\n--b${i}--`;
  const sections = Array.from({ length: 12_000 }, (_, i) => ` t*${i}*=%41%42`).join(';\r\n');
  return [
    Buffer.from(deep),
    Buffer.from(`X-Long: ${'a'.repeat(300_000)}\r\n\r\nbody`),
    Buffer.from(`${'X-Field: 1\r\n'.repeat(5_000)}\r\nbody`),
    Buffer.from(`X-Folded: 1\r\n${' more\r\n'.repeat(60_000)}\r\nbody`),
    Buffer.from(`Content-Type: text/plain;\r\n${sections}\r\n\r\nbody`),
    Buffer.from(`Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\n\r\nx\r\n'.repeat(3_000)}--b--`),
    Buffer.from(`Content-Transfer-Encoding: base64\r\n\r\n${'QUJD\r\n'.repeat(50_000)}`),
    Buffer.from(`Content-Transfer-Encoding: quoted-printable\r\n\r\n${'=  \t'.repeat(100_000)}`),
    Buffer.from(`Content-Type: multipart/mixed; boundary=b\r\n\r\n${'x--b'.repeat(250_000)}\r\n--b\r\n\r\nx\r\n--b--`),
    Buffer.from(`Content-Type: text/plain;${`${' '.repeat(1000)}\r\n`.repeat(200)} ${'('.repeat(10_000)}\r\n\r\nbody`),
  ];
}

const INTERESTING = Buffer.from('\r\n\t -=;:"\\\'%*()?_/0aZ\x00\x80\xff');

const ALL_MUTATIONS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/** For a single header value: byte flips, truncation, inserted noise, repeated slices, parameter continuations. */
const VALUE_MUTATIONS = [0, 1, 4, 6, 9];

/**
 * One mutation of a message: byte flips, truncation, removed or duplicated (boundary) lines, inserted noise, line
 * ends swapped, repeated slices, a huge header, extra nesting, enormous parameter continuations.
 */
function mutate(next: Random, input: Buffer, operations: readonly number[]): Buffer {
  switch (pick(next, operations)) {
    case 0: {
      const out = Buffer.from(input);
      for (let k = 1 + below(next, 8); k > 0 && out.length > 0; k--) {
        out[below(next, out.length)] = next() < 0.5 ? below(next, 256) : pick(next, [...INTERESTING]);
      }
      return out;
    }
    case 1:
      return input.subarray(0, below(next, input.length + 1));
    case 2:
    case 3: {
      const lines = input.toString('latin1').split('\n');
      const boundaryLines = lines.map((line, i) => (line.startsWith('--') ? i : -1)).filter((i) => i >= 0);
      const at = boundaryLines.length > 0 && next() < 0.8 ? pick(next, boundaryLines) : below(next, lines.length);
      if (below(next, 2) === 0) lines.splice(at, 1);
      else lines.splice(at, 0, lines[at]!);
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 4: {
      const at = below(next, input.length + 1);
      const noise = Buffer.from(Array.from({ length: 1 + below(next, 16) }, () => pick(next, [...INTERESTING])));
      return Buffer.concat([input.subarray(0, at), noise, input.subarray(at)]);
    }
    case 5: {
      const text = input.toString('latin1');
      return Buffer.from(next() < 0.5 ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n'), 'latin1');
    }
    case 6: {
      const start = below(next, input.length + 1);
      const slice = input.subarray(start, start + below(next, 200));
      return Buffer.concat([input.subarray(0, start), ...Array.from({ length: 1 + below(next, 50) }, () => slice), input.subarray(start)]);
    }
    case 7:
      return Buffer.concat([Buffer.from(`X-Huge: ${'h'.repeat(below(next, 40_000))}\r\n`), input]);
    case 8: {
      let out = input;
      for (let depth = below(next, 60); depth > 0; depth--) {
        out = Buffer.concat([Buffer.from(`Content-Type: multipart/mixed; boundary=w${depth}\r\n\r\n--w${depth}\r\n`), out, Buffer.from(`\r\n--w${depth}--\r\n`)]);
      }
      return out;
    }
    default: {
      const text = input.toString('latin1');
      const found = text.search(/content-type:/i);
      const at = found === -1 ? 0 : found;
      const lineEnd = text.indexOf('\n', at);
      const cut = lineEnd === -1 ? text.length : lineEnd;
      const sections = Array.from({ length: below(next, 3000) }, (_, i) => `; p*${i}="${'v'.repeat(below(next, 8))}"`).join('\r\n ');
      return Buffer.from(text.slice(0, cut) + sections + text.slice(cut), 'latin1');
    }
  }
}

function mutateTimes(next: Random, input: Buffer, operations: readonly number[] = ALL_MUTATIONS): Buffer {
  let out = input;
  for (let k = 1 + below(next, 3); k > 0; k--) out = mutate(next, out, operations);
  return out;
}

interface Tally {
  parsed: number;
  refused: Map<string, number>;
  slowestMs: number;
}

/** Runs one case: it must return or throw a MimeError, in time. Anything else fails with the case number. */
function runCase(tally: Tally, label: string, work: () => void): void {
  const started = performance.now();
  try {
    work();
    tally.parsed++;
  } catch (error) {
    if (!(error instanceof MimeError) || error.code !== 'BAD_MESSAGE') {
      throw new Error(`${label}: escaped as ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
    }
    if (error.message.length > 240) throw new Error(`${label}: a ${error.message.length}-character message quotes too much input`);
    tally.refused.set(error.reason, (tally.refused.get(error.reason) ?? 0) + 1);
  }
  const took = performance.now() - started;
  tally.slowestMs = Math.max(tally.slowestMs, took);
  if (took > CASE_BUDGET_MS) throw new Error(`${label}: took ${took.toFixed(0)} ms, over the ${CASE_BUDGET_MS} ms budget`);
}

/** A parsed tree must be consistent with its input, within limits, and no larger when decoded than when received. */
function checkTree(input: Buffer, root: MimeEntity): void {
  let leafBytes = 0;
  let parts = 0;
  const walk = (entity: MimeEntity, depth: number): void => {
    expect(depth).toBeLessThanOrEqual(DEFAULT_MIME_LIMITS.maxDepth);
    expect(input.subarray(entity.offset, entity.offset + entity.rawBytes.length).equals(entity.rawBytes)).toBe(true);
    expect(entity.rawHeaderBytes.length + entity.rawBodyBytes.length).toBe(entity.rawBytes.length);
    if (entity.parts.length === 0) leafBytes += entity.body.length;
    parts += entity.parts.length;
    for (const part of entity.parts) walk(part, depth + 1);
  };
  walk(root, 0);
  expect(parts).toBeLessThanOrEqual(DEFAULT_MIME_LIMITS.maxParts);
  expect(leafBytes).toBeLessThanOrEqual(input.length);
}

/** The readers callers apply next must also end in a result or a MimeError. */
function readAs2Structures(entity: MimeEntity): void {
  const attempt = (read: () => void): void => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof MimeError)) throw error;
    }
  };
  if (entity.contentType.mediaType === 'multipart/signed') attempt(() => readAs2Structures(readMultipartSigned(entity).content));
  if (entity.contentType.mediaType === 'multipart/report') attempt(() => readDispositionReport(entity));
  if (isPkcs7Mime(entity)) attempt(() => readPkcs7Mime(entity));
}

function summary(tally: Tally): string {
  const refused = [...tally.refused].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `${reason} ${count}`);
  return `${tally.parsed} parsed; refused: ${refused.join(', ') || 'none'}; slowest ${tally.slowestMs.toFixed(1)} ms`;
}

const newTally = (): Tally => ({ parsed: 0, refused: new Map(), slowestMs: 0 });

describe(`fuzz: ${CASES} hostile inputs per MIME parser (seed ${SEED})`, () => {
  it('parseEntity and the AS2 readers: mutated captures, built messages and monsters', () => {
    const next = prng(SEED);
    const seeds = [...captures, ...builtMessages()];
    const giants = monsters();
    const tally = newTally();
    for (let i = 0; i < CASES; i++) {
      const base = next() < 0.01 ? pick(next, giants) : pick(next, seeds);
      const input = next() < 0.05 ? base : mutateTimes(next, base);
      runCase(tally, `entity case ${i}`, () => {
        const entity = parseEntity(input);
        checkTree(input, entity);
        readAs2Structures(entity);
      });
    }
    for (const [i, giant] of giants.entries()) runCase(tally, `monster ${i}`, () => checkTree(giant, parseEntity(giant)));
    console.info(`parseEntity: ${summary(tally)}`);
    expect(tally.parsed).toBeGreaterThan(CASES / 20);
    expect(tally.refused.size).toBeGreaterThan(5);
  });

  it('Content-Type and Content-Disposition parameters (RFC 2045, RFC 2231)', () => {
    const next = prng(SEED + 1);
    const seeds = [
      'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha256; \tboundary="----=_Part_211_306083396.1641304626706"',
      'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
      "application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"",
      'text/plain (comment (nested \\) here)) ; charset = "us-\\"ascii"',
      "attachment; filename*=UTF-8''Faktura_%E2%82%AC.x12; filename=\"Faktura_.x12\"",
    ];
    const tally = newTally();
    for (let i = 0; i < CASES; i++) {
      const value = mutateTimes(next, Buffer.from(pick(next, seeds), 'latin1'), VALUE_MUTATIONS).toString('latin1');
      runCase(tally, `parameter case ${i}`, () => {
        const parsed = next() < 0.5 ? parseContentType(value) : parseContentDisposition(value);
        for (const [name, param] of parsed.params) expect(name.length + param.length).toBeLessThanOrEqual(value.length * 3);
      });
    }
    runCase(tally, 'deep comment', () => parseContentType(`text/plain ${'('.repeat(100_000)}`));
    console.info(`parameters: ${summary(tally)}`);
    expect(tally.parsed).toBeGreaterThan(CASES / 20);
  });

  it('RFC 2047 encoded-words never throw and never grow', () => {
    const next = prng(SEED + 2);
    const seeds = [
      '=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=',
      '(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=) =?US-ASCII*EN?Q?Keith_Moore?=',
      '=?UTF-8?B?w6TDtsO8?= =?utf-8?q?=E2=82=AC?= plain',
    ];
    const tally = newTally();
    for (let i = 0; i < CASES; i++) {
      const text = mutateTimes(next, Buffer.from(pick(next, seeds), 'latin1'), VALUE_MUTATIONS).toString('latin1');
      runCase(tally, `encoded-word case ${i}`, () => {
        expect(decodeEncodedWords(text).length).toBeLessThanOrEqual(text.length);
      });
    }
    console.info(`encoded-words: ${summary(tally)}`);
    expect(tally.refused.size).toBe(0);
  });

  it('base64 and quoted-printable bodies', () => {
    const next = prng(SEED + 3);
    const tally = newTally();
    for (let i = 0; i < CASES; i++) {
      const data = Buffer.from(Array.from({ length: below(next, 400) }, () => below(next, 256)));
      const base64 = next() < 0.5;
      const encoded = mutateTimes(next, base64 ? encodeBase64Lines(data) : encodeQuotedPrintable(data, next() < 0.5 ? 'text' : 'binary'));
      runCase(tally, `${base64 ? 'base64' : 'quoted-printable'} case ${i}`, () => {
        const decoded = base64 ? decodeBase64(encoded) : decodeQuotedPrintable(encoded);
        expect(decoded.length).toBeLessThanOrEqual(encoded.length);
      });
    }
    console.info(`transfer encodings: ${summary(tally)}`);
    expect(tally.refused.get('bad-base64')).toBeGreaterThan(0);
  });

  it('message/disposition-notification fields', () => {
    const next = prng(SEED + 4);
    const seeds = captures
      .map((capture) => capture.toString('latin1'))
      .flatMap((text) => {
        const at = text.indexOf('Reporting-UA:');
        return at === -1 ? [] : [Buffer.from(text.slice(at, text.indexOf('------', at)), 'latin1')];
      });
    expect(seeds).toHaveLength(2);
    const tally = newTally();
    for (let i = 0; i < CASES; i++) {
      const block = mutateTimes(next, pick(next, seeds));
      runCase(tally, `notification case ${i}`, () => parseDispositionNotification(block));
    }
    console.info(`disposition-notification: ${summary(tally)}`);
    expect(tally.parsed).toBeGreaterThan(CASES / 20);
  });
});
