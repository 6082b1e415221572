// The streaming multipart/signed splitter gives the same first-part bytes and signature part as the buffer parser
// (parseEntity + readMultipartSigned), from any split of the input: built messages, LF-only line ends, preamble,
// epilogue, transport padding and boundary look-alikes; and the same typed refusals for broken shapes.
import { describe, expect, it } from 'vitest';
import { buildMultipartSigned, buildPayloadEntity } from '../../../electron/core/mime/build';
import { readMultipartSigned } from '../../../electron/core/mime/multipartSigned';
import { splitMultipartSigned } from '../../../electron/core/mime/multipartSignedSplitter';
import { parseEntity } from '../../../electron/core/mime/parseEntity';
import { chunked } from '../../support/cms';
import { mimeReasonAsync } from '../../support/mimeErrors';

async function split(message: Uint8Array, chunk: number): Promise<{ content: Buffer; signature: Buffer; micalg: readonly string[] }> {
  const parts = await splitMultipartSigned(chunked(message, chunk));
  const pieces: Buffer[] = [];
  for await (const piece of parts.content) pieces.push(Buffer.from(piece));
  return { content: Buffer.concat(pieces), signature: parts.signature().body, micalg: parts.micalg };
}

function expected(message: Uint8Array): { content: Buffer; signature: Buffer } {
  const signed = readMultipartSigned(parseEntity(message));
  return { content: signed.content.rawBytes, signature: signed.signature.body };
}

const binary = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 31 + (i >> 7)) & 0xff));
const entity = buildPayloadEntity({ contentType: 'application/octet-stream', filename: 'x.bin' }, binary);
const signatureDer = Buffer.from([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0, 0]);
const built = buildMultipartSigned(entity.bytes, signatureDer, { micalg: 'sha256' }).bytes;
const B = '----=_b';
const text = (s: string): Buffer => Buffer.from(s, 'latin1');
const header = `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="${B}"\r\n\r\n`;
const sigPart = 'Content-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\r\n';

describe('splitting multipart/signed as a stream', () => {
  it('a built message: the first part byte for byte and the decoded signature, from any chunking', async () => {
    const want = expected(built);
    expect(want.content.equals(entity.bytes)).toBe(true);
    for (const chunk of [1, 2, 13, 4096, built.length]) {
      const got = await split(built, chunk);
      expect(got.content.equals(want.content)).toBe(true);
      expect(got.signature.equals(signatureDer)).toBe(true);
      expect(got.micalg).toEqual(['sha256']);
    }
  });

  it('preamble, epilogue, transport padding, LF-only line ends and boundary look-alikes inside the content', async () => {
    const content = `Content-Type: text/plain\r\n\r\nline\r\n--${B}X not a delimiter\r\n--${B}- nor this\r\n  --${B}\r\nend`;
    const messages = [
      text(`${header}preamble\r\n--${B}  \r\n${content}\r\n--${B}\t\r\n${sigPart}\r\n--${B}--  \r\nepilogue\r\n`),
      text(`${header}--${B}\r\n${content}\r\n--${B}\r\n${sigPart}\r\n--${B}--`).toString('latin1').replace(/\r\n/g, '\n'),
    ].map((m) => (typeof m === 'string' ? text(m) : m));
    for (const message of messages) {
      const want = expected(message);
      for (const chunk of [1, 3, 64, message.length]) {
        const got = await split(message, chunk);
        expect(got.content.equals(want.content)).toBe(true);
        expect(got.signature.equals(want.signature)).toBe(true);
      }
    }
  });

  it('refuses what the buffer parser refuses: another type, no protocol, one part, three parts, no close delimiter', async () => {
    const cases: [string, string][] = [
      ['Content-Type: text/plain\r\n\r\nhello', 'bad-multipart-signed'],
      [`Content-Type: multipart/signed; boundary="${B}"\r\n\r\n--${B}\r\n\r\nx\r\n--${B}\r\n${sigPart}--${B}--\r\n`, 'bad-multipart-signed'],
      [`${header}--${B}\r\n\r\nx\r\n--${B}--\r\n`, 'bad-multipart-signed'],
      [`${header}--${B}\r\n\r\nx\r\n--${B}\r\n${sigPart}\r\n--${B}\r\n\r\ny\r\n--${B}--\r\n`, 'bad-multipart-signed'],
      [`${header}--${B}\r\n\r\nx\r\n--${B}\r\nContent-Type: text/plain\r\n\r\ny\r\n--${B}--\r\n`, 'bad-multipart-signed'],
      [`${header}--${B}\r\n\r\nx\r\n--${B}\r\n${sigPart}`, 'missing-close-delimiter'],
      [`${header}no delimiter at all`, 'missing-close-delimiter'],
      [`${header}--${B}--\r\n`, 'boundary-not-found'],
      ['Content-Type: multipart/signed; protocol="application/pkcs7-signature"', 'malformed-header'],
    ];
    for (const [message, reason] of cases) expect(await mimeReasonAsync(() => split(text(message), 7))).toBe(reason);
  });

  it('a signature part over its limit is refused without buffering the rest', async () => {
    const big = text(`${header}--${B}\r\n\r\nx\r\n--${B}\r\n${sigPart}${'A'.repeat(5000)}\r\n--${B}--\r\n`);
    const parts = await splitMultipartSigned(chunked(big, 100), { maxSignaturePartBytes: 1000 });
    expect(await mimeReasonAsync(async () => {
      for await (const _ of parts.content);
    })).toBe('too-large');
  });
});
