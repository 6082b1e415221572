// What Courier sends: payload entities, multipart/signed, application/pkcs7-mime, built then parsed back by our own
// reader; the signed part must come back byte for byte, and the streamed forms must equal the buffered ones.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildMultipartSigned,
  buildPayloadEntity,
  buildPkcs7Mime,
  entityChunks,
  streamMultipartSigned,
  streamPayloadEntity,
  streamPkcs7Mime,
} from '../../../electron/core/mime/build';
import { collect } from '../../../electron/core/mime/chunks';
import { formatHeaderField } from '../../../electron/core/mime/headerFormat';
import { readMultipartSigned } from '../../../electron/core/mime/multipartSigned';
import { parseContentDisposition } from '../../../electron/core/mime/parameters';
import { parseHeaderSection } from '../../../electron/core/mime/headers';
import { mimeLimits } from '../../../electron/core/mime/limits';
import { parseEntity } from '../../../electron/core/mime/parseEntity';
import { readPkcs7Mime } from '../../../electron/core/mime/pkcs7Mime';
import { mimeReason, mimeReasonAsync } from '../../support/mimeErrors';

const EDI = Buffer.from("UNB+UNOA:2+SENDER:14+RECEIVER:14+140407:0910+5'\nUNZ+1+5'\n");

describe('payload entity', () => {
  it('binary: content type and encoding declared, content carried byte for byte', () => {
    const built = buildPayloadEntity({ contentType: 'Application/EDIFACT', filename: 'order.edi' }, EDI);
    const parsed = parseEntity(built.bytes);
    expect(parsed.contentType.mediaType).toBe('application/edifact');
    expect(parsed.headers.get('content-transfer-encoding')).toBe('binary');
    expect(parsed.body.equals(EDI)).toBe(true);
    expect(parseContentDisposition(parsed.headers.get('content-disposition')!).params.get('filename')).toBe('order.edi');
  });

  it('base64: 76-character lines that decode to the content', () => {
    const content = randomBytes(3000);
    const built = buildPayloadEntity({ contentType: 'application/octet-stream', transferEncoding: 'base64' }, content);
    for (const line of built.body.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(parseEntity(built.bytes).body.equals(content)).toBe(true);
  });

  it('writes a non-ASCII filename as RFC 2231 with an ASCII fallback, and reads it back', () => {
    const filename = 'Faktura_Øresund_2024_åäö_€.xml';
    const built = buildPayloadEntity({ contentType: 'application/xml', filename }, EDI);
    const disposition = parseEntity(built.bytes).headers.get('content-disposition')!;
    expect(disposition).toContain('filename="Faktura_');
    expect(parseContentDisposition(disposition).params.get('filename')).toBe(filename);
    for (const line of built.bytes.toString('latin1').split('\r\n\r\n')[0]!.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('canonicalises text line ends when asked (content to be signed), never otherwise', () => {
    const asked = buildPayloadEntity({ contentType: 'text/plain', canonicalizeText: true }, Buffer.from('a\nb\n'));
    expect(asked.body.toString()).toBe('a\r\nb\r\n');
    expect(buildPayloadEntity({ contentType: 'text/plain' }, Buffer.from('a\nb\n')).body.toString()).toBe('a\nb\n');
  });

  it('streams the same bytes it builds, pulling the source only as it is read', async () => {
    const content = randomBytes(200_000);
    const options = { contentType: 'application/octet-stream', transferEncoding: 'base64' as const };
    let pulled = 0;
    async function* source(): AsyncIterable<Uint8Array> {
      for (let at = 0; at < content.length; at += 10_000) {
        pulled++;
        yield content.subarray(at, at + 10_000);
      }
    }
    const streamed = streamPayloadEntity(options, source());
    const iterator = entityChunks(streamed)[Symbol.asyncIterator]();
    const chunks: Buffer[] = [];
    for (let i = 0; i < 2; i++) chunks.push((await iterator.next()).value as Buffer);
    expect(pulled).toBeLessThanOrEqual(2);
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) chunks.push(step.value);
    expect(pulled).toBe(20);
    expect(Buffer.concat(chunks).equals(buildPayloadEntity(options, content).bytes)).toBe(true);
  });
});

describe('multipart/signed', () => {
  const signed = buildPayloadEntity({ contentType: 'application/edi-consent', filename: 'payload.txt' }, EDI).bytes;
  const signature = randomBytes(700);

  it('carries the signed entity byte for byte as the first part, and the signature as the second', () => {
    const built = buildMultipartSigned(signed, signature, { micalg: 'sha256' });
    const parsed = readMultipartSigned(parseEntity(built.bytes));
    expect(parsed.content.rawBytes.equals(signed)).toBe(true);
    expect(parsed.signature.body.equals(signature)).toBe(true);
    expect(parsed.protocol).toBe('application/pkcs7-signature');
    expect(parsed.micalg).toEqual(['sha256']);
  });

  it('keeps signed bytes exact even when they end in line breaks or hold bare LFs and CRs', () => {
    const awkward = Buffer.from('Content-Type: text/plain\r\n\r\nline\n\r\n\r\r\n\r\n');
    const parsed = readMultipartSigned(parseEntity(buildMultipartSigned(awkward, signature, { micalg: 'sha1' }).bytes));
    expect(parsed.content.rawBytes.equals(awkward)).toBe(true);
  });

  it('spells micalg per RFC 5751 by default, per RFC 3851 on request, one per signer', () => {
    expect(buildMultipartSigned(signed, signature, { micalg: 'sha256' }).headerFields[0]![1]).toContain('micalg=sha-256');
    expect(buildMultipartSigned(signed, signature, { micalg: 'sha256', micalgSpelling: 'rfc3851' }).headerFields[0]![1]).toContain('micalg=sha256');
    const two = buildMultipartSigned(signed, signature, { micalg: ['sha384', 'sha1'] });
    expect(readMultipartSigned(parseEntity(two.bytes)).micalg).toEqual(['sha384', 'sha1']);
  });

  it('picks a new random boundary each time and refuses a requested one found in the content', () => {
    const a = buildMultipartSigned(signed, signature, { micalg: 'sha256' }).headerFields[0]![1];
    const b = buildMultipartSigned(signed, signature, { micalg: 'sha256' }).headerFields[0]![1];
    expect(a).not.toBe(b);
    const trap = Buffer.concat([signed, Buffer.from('\r\n--trap\r\n')]);
    expect(mimeReason(() => buildMultipartSigned(trap, signature, { micalg: 'sha256', boundary: 'trap' }))).toBe('boundary-collision');
  });

  it('streams the same bytes as it builds, asking for the signature after the content has passed', async () => {
    const order: string[] = [];
    async function* content(): AsyncIterable<Uint8Array> {
      order.push('content');
      yield signed.subarray(0, 10);
      yield signed.subarray(10);
    }
    const streamed = streamMultipartSigned(content(), () => (order.push('signature'), signature), { micalg: 'sha256', boundary: 'fixed-boundary' });
    const bytes = await collect(entityChunks(streamed));
    expect(order).toEqual(['content', 'signature']);
    expect(bytes.equals(buildMultipartSigned(signed, signature, { micalg: 'sha256', boundary: 'fixed-boundary' }).bytes)).toBe(true);
  });

  it('fails a stream whose content turns out to hold the boundary, even split across chunks', async () => {
    async function* content(): AsyncIterable<Uint8Array> {
      yield Buffer.from('abc\r\n--fix');
      yield Buffer.from('ed-boundary\r\n');
    }
    const streamed = streamMultipartSigned(content(), () => signature, { micalg: 'sha256', boundary: 'fixed-boundary' });
    expect(await mimeReasonAsync(() => collect(streamed.body))).toBe('boundary-collision');
  });
});

describe('application/pkcs7-mime', () => {
  const der = Buffer.concat([Buffer.from([0x30, 0x80]), randomBytes(500), Buffer.from([0, 0])]);

  it('labels each CMS type with its smime-type and file name, binary by default', () => {
    const enveloped = buildPkcs7Mime({ smimeType: 'enveloped-data' }, der);
    expect(enveloped.headerFields.map(([name, value]) => `${name}: ${value}`)).toEqual([
      'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
      'Content-Transfer-Encoding: binary',
      'Content-Disposition: attachment; filename=smime.p7m',
    ]);
    expect(enveloped.body.equals(der)).toBe(true);
    expect(buildPkcs7Mime({ smimeType: 'compressed-data' }, der).headerFields[0]![1]).toContain('name=smime.p7z');
  });

  it('round-trips every smime-type, binary and base64, streamed or not', async () => {
    for (const smimeType of ['enveloped-data', 'signed-data', 'compressed-data', 'authEnveloped-data'] as const) {
      for (const transferEncoding of ['binary', 'base64'] as const) {
        const built = buildPkcs7Mime({ smimeType, transferEncoding }, der);
        const read = readPkcs7Mime(parseEntity(built.bytes));
        expect(read.smimeType).toBe(smimeType);
        expect(read.der.equals(der)).toBe(true);
        expect((await collect(entityChunks(streamPkcs7Mime({ smimeType, transferEncoding }, der)))).equals(built.bytes)).toBe(true);
      }
    }
  });
});

describe('header fields', () => {
  it('folds long values at spaces under 78 characters and unfolds to the same value', () => {
    const value = 'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="----=_Courier_abcdefghijklmnopqrstuv"';
    const field = formatHeaderField('Content-Type', value);
    for (const line of field.split('\r\n').slice(0, -1)) expect(line.length).toBeLessThanOrEqual(78);
    const bytes = Buffer.from(`${field}\r\n`);
    expect(parseHeaderSection(bytes, 0, bytes.length, mimeLimits()).headers.get('content-type')).toBe(value);
  });

  it('encodes non-ASCII unstructured text as RFC 2047 words and refuses header injection', () => {
    expect(formatHeaderField('Subject', 'Bestellung für März')).toMatch(/^Subject: =\?UTF-8\?B\?/);
    expect(formatHeaderField('Content-Disposition', 'attachment; filename="a=?b?=.edi"')).toBe('Content-Disposition: attachment; filename="a=?b?=.edi"\r\n');
    expect(mimeReason(() => formatHeaderField('Subject', 'x\r\nBcc: someone'))).toBe('bad-header-value');
    expect(mimeReason(() => formatHeaderField('Bad:Name', 'x'))).toBe('bad-header-value');
  });
});
