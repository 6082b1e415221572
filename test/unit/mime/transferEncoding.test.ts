// Transfer encodings (RFC 2045 §6): base64 tolerant of line breaks and strict about garbage, quoted-printable per the
// §6.7 rules and its own example, identity encodings, and the AS2 default of binary (RFC 4130 §5.2.1).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Base64LineEncoder,
  decodeBase64,
  decodeQuotedPrintable,
  decodeTransferEncoding,
  encodeBase64Lines,
  encodeQuotedPrintable,
  transferEncodingOf,
} from '../../../electron/core/mime/transferEncoding';
import { MimeError } from '../../../electron/core/mime/mimeError';
import { mimeReason } from '../../support/mimeErrors';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('Content-Transfer-Encoding names', () => {
  it('reads a missing header as binary (RFC 4130 §5.2.1) and names case-insensitively', () => {
    expect(transferEncodingOf(undefined)).toBe('binary');
    expect(transferEncodingOf(' Base64 ')).toBe('base64');
    expect(transferEncodingOf('QUOTED-PRINTABLE')).toBe('quoted-printable');
    expect(transferEncodingOf('7BIT')).toBe('7bit');
  });

  it('refuses an encoding it does not know', () => {
    expect(mimeReason(() => transferEncodingOf('x-uuencode'))).toBe('bad-transfer-encoding');
  });

  it('passes identity encodings through without copying', () => {
    const body = latin1('\x00\xff raw');
    expect(decodeTransferEncoding('binary', body)).toBe(body);
    expect(decodeTransferEncoding('8bit', body)).toBe(body);
  });
});

describe('base64', () => {
  it('decodes across CRLF, LF, spaces and tabs, with or without padding', () => {
    expect(decodeBase64(latin1('SGVs\r\nbG8s\n IHdv\tcmxk\r\nIQ==\r\n')).toString()).toBe('Hello, world!');
    expect(decodeBase64(latin1('SGVsbG8')).toString()).toBe('Hello');
    expect(decodeBase64(latin1('')).length).toBe(0);
  });

  it('is strict about garbage, and says where it is', () => {
    for (const [text, offset] of [['SGVs*bG8=', 4], ['SGVsbG8-', 7], ['SGVsbA==QQ==', 8], ['SGVsbA===', 8]] as const) {
      try {
        decodeBase64(latin1(text), 100);
        throw new Error(`accepted ${text}`);
      } catch (error) {
        expect(error).toBeInstanceOf(MimeError);
        expect((error as MimeError).reason).toBe('bad-base64');
        expect((error as MimeError).offset).toBe(100 + offset);
      }
    }
    expect(mimeReason(() => decodeBase64(latin1('SGVsb')))).toBe('bad-base64');
    expect(mimeReason(() => decodeBase64(latin1('SGVsbG8=A')))).toBe('bad-base64');
  });

  it('writes 76-character CRLF lines with no break after the last, the same in one piece or in chunks', () => {
    const data = randomBytes(1000);
    const whole = encodeBase64Lines(data).toString('latin1');
    const lines = whole.split('\r\n');
    expect(lines.slice(0, -1).every((line) => line.length === 76)).toBe(true);
    expect(lines.at(-1)!.length).toBeLessThanOrEqual(76);
    expect(whole.endsWith('\r\n')).toBe(false);
    const encoder = new Base64LineEncoder();
    const pieces: Buffer[] = [];
    for (let at = 0; at < data.length; at += 37) pieces.push(encoder.push(data.subarray(at, at + 37)));
    pieces.push(encoder.end());
    expect(Buffer.concat(pieces).toString('latin1')).toBe(whole);
    expect(decodeBase64(Buffer.concat(pieces)).equals(data)).toBe(true);
  });
});

describe('quoted-printable (RFC 2045 §6.7)', () => {
  it("decodes the RFC's own soft line break example", () => {
    const encoded = "Now's the time =\r\nfor all folk to come=\r\n to the aid of their country.";
    expect(decodeQuotedPrintable(latin1(encoded)).toString()).toBe("Now's the time for all folk to come to the aid of their country.");
  });

  it('decodes =XX (either case), drops trailing white space and transport padding after a soft break', () => {
    expect(decodeQuotedPrintable(latin1('caf=E9 =3D =3d\t  \r\nnext=  \r\nline')).toString('latin1')).toBe('café = =\r\nnextline');
    expect(decodeQuotedPrintable(latin1('keep=20\r\n')).toString()).toBe('keep \r\n');
    expect(decodeQuotedPrintable(latin1('end   ')).toString()).toBe('end');
  });

  it('keeps an "=" that starts no escape, as §6.7 note (2) advises, and keeps LF line ends', () => {
    expect(decodeQuotedPrintable(latin1('a=Zb =\n=4\nc=')).toString()).toBe('a=Zb =4\nc');
  });

  it('encodes rule by rule: "=" and non-ASCII escaped, trailing white space escaped, lines ≤ 76 characters', () => {
    expect(encodeQuotedPrintable(latin1('a=b café \r\nend\t')).toString()).toBe('a=3Db caf=E9=20\r\nend=09');
    const long = encodeQuotedPrintable(Buffer.from('x'.repeat(200) + 'é'.repeat(50), 'utf8')).toString('latin1');
    for (const line of long.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeQuotedPrintable(latin1(long)).toString('utf8')).toBe('x'.repeat(200) + 'é'.repeat(50));
  });

  it('round-trips any bytes exactly in binary mode', () => {
    const data = randomBytes(4096);
    const encoded = encodeQuotedPrintable(data, 'binary');
    expect(/^[\t\x20-\x7e\r\n]*$/.test(encoded.toString('latin1'))).toBe(true);
    expect(decodeQuotedPrintable(encoded).equals(data)).toBe(true);
  });
});
