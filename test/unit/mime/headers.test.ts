// Header sections (RFC 5322 §2.2): unfolding, raw bytes kept, bare-LF lines, duplicates, limits as typed errors.
import { describe, expect, it } from 'vitest';
import { Headers, parseHeaderSection } from '../../../electron/core/mime/headers';
import { mimeLimits } from '../../../electron/core/mime/limits';
import type { MimeError } from '../../../electron/core/mime/mimeError';
import { mimeReason } from '../../support/mimeErrors';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const parse = (text: string, limits = mimeLimits()) => {
  const input = bytes(text);
  return { input, ...parseHeaderSection(input, 0, input.length, limits) };
};
describe('header section', () => {
  it('unfolds RFC 5322 §2.2.3 folding: the line break goes, the white space stays', () => {
    const { headers } = parse('Subject: This\r\n is a test\r\nContent-Type: multipart/report;\r\n\tboundary="b"\r\n\r\nbody');
    expect(headers.get('subject')).toBe('This is a test');
    expect(headers.get('content-type')).toBe('multipart/report;\tboundary="b"');
  });

  it('keeps the exact bytes of each field, folding and line ends included, and finds the body start', () => {
    const text = 'A: 1\r\nB: two\r\n  lines\r\n\r\nbody';
    const { headers, bodyStart, input } = parse(text);
    expect(headers.fields.map((field) => field.raw.toString('latin1'))).toEqual(['A: 1\r\n', 'B: two\r\n  lines\r\n']);
    expect(input.subarray(bodyStart).toString()).toBe('body');
  });

  it('reads bare-LF lines, as the Mendelson captures and many HTTP dumps have them', () => {
    const { headers, bodyStart, input } = parse('content-type: text/plain;\n\tcharset=utf-8\nas2-from: mecas2\n\nbody\n');
    expect(headers.get('Content-Type')).toBe('text/plain;\tcharset=utf-8');
    expect(headers.get('AS2-From')).toBe('mecas2');
    expect(input.subarray(bodyStart).toString()).toBe('body\n');
  });

  it('ends at an LF-then-CRLF blank line (HTTP headers with LF, body separator CRLF)', () => {
    const { headers, input, bodyStart } = parse('a: 1\nb: 2\n\r\nBODY');
    expect(headers.getAll('b')).toEqual(['2']);
    expect(input.subarray(bodyStart).toString()).toBe('BODY');
  });

  it('keeps duplicates in order; lookups ignore case; single() refuses a duplicate', () => {
    const { headers } = parse('Received: one\r\nreceived: two\r\nRECEIVED: three\r\n\r\n');
    expect(headers.getAll('Received')).toEqual(['one', 'two', 'three']);
    expect(headers.get('rEcEiVeD')).toBe('one');
    expect(headers.fields.map((field) => field.name)).toEqual(['Received', 'received', 'RECEIVED']);
    expect(mimeReason(() => headers.single('received'))).toBe('duplicate-header');
    expect(headers.single('absent')).toBeUndefined();
  });

  it('accepts white space before the colon (RFC 5322 §4.5 obsolete syntax) and trims the value', () => {
    const { headers } = parse('Subject \t:   spaced out  \t\r\n\r\n');
    expect(headers.get('subject')).toBe('spaced out');
  });

  it('reads UTF-8 values (RFC 6532) and falls back to Latin-1 for other bytes', () => {
    const input = Buffer.concat([bytes('A: '), Buffer.from('Grüße', 'utf8'), bytes('\r\nB: caf\xe9\r\n\r\n')]);
    const { headers } = parseHeaderSection(input, 0, input.length, mimeLimits());
    expect(headers.get('a')).toBe('Grüße');
    expect(headers.get('b')).toBe('café');
  });

  it('lets a section run to the end of the input with no blank line (a body part with no body)', () => {
    const { headers, bodyStart, input } = parse('Content-Type: text/plain\r\n');
    expect(headers.get('content-type')).toBe('text/plain');
    expect(bodyStart).toBe(input.length);
  });

  it('has no fields when the input starts with the blank line', () => {
    const { headers, bodyStart } = parse('\r\nbody');
    expect(headers.fields).toEqual([]);
    expect(bodyStart).toBe(2);
  });

  it('refuses a line that is not "name: value", and a fold with no field before it', () => {
    expect(mimeReason(() => parse('not a header\r\n\r\n'))).toBe('malformed-header');
    expect(mimeReason(() => parse(': no name\r\n\r\n'))).toBe('malformed-header');
    expect(mimeReason(() => parse(' folded: first\r\n\r\n'))).toBe('malformed-header');
  });

  it('enforces the line, field-count and section-size limits with typed errors', () => {
    const limits = mimeLimits({ maxHeaderLineBytes: 100, maxHeaderFields: 3, maxHeaderSectionBytes: 300 });
    expect(mimeReason(() => parse(`X: ${'a'.repeat(200)}\r\n\r\n`, limits))).toBe('header-line-too-long');
    expect(mimeReason(() => parse(`X: ${'a'.repeat(200)}`, limits))).toBe('header-line-too-long');
    expect(mimeReason(() => parse('A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n', limits))).toBe('too-many-header-fields');
    expect(mimeReason(() => parse(`X: 1\r\n${' folded\r\n'.repeat(50)}\r\n`, limits))).toBe('header-section-too-large');
  });

  it('quotes at most a few bytes of hostile input in its error message', () => {
    const secretish = `${'S'.repeat(5000)}\r\n\r\n`;
    const error = (() => {
      try {
        parse(secretish);
      } catch (caught) {
        return caught as MimeError;
      }
      throw new Error('expected an error');
    })();
    expect(error.message.length).toBeLessThan(120);
    expect(error.offset).toBe(0);
  });

  it('builds fields from a transport that already split them (HTTP)', () => {
    const headers = Headers.fromFields([['Content-Type', ' application/pkcs7-mime '], ['AS2-To', 'pyas2lib']]);
    expect(headers.get('content-type')).toBe('application/pkcs7-mime');
    expect(headers.fields[1]!.raw.toString()).toBe('AS2-To: pyas2lib\r\n');
  });
});
