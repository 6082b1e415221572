// Content-Type and Content-Disposition parameters: RFC 2045 §5.1 syntax, RFC 2231 §3/§4/§4.1 examples, the values
// real AS2 senders write, and the forms we write back.
import { describe, expect, it } from 'vitest';
import {
  formatMediaType,
  formatParameter,
  parseContentDisposition,
  parseContentType,
} from '../../../electron/core/mime/parameters';
import { mimeReason } from '../../support/mimeErrors';

describe('parseContentType', () => {
  it('lower-cases type and subtype, keeps value case, and parses quoted strings with escapes', () => {
    const ct = parseContentType('Application/EDI-Consent; Name="a \\"quoted\\" \\\\ name"; charset=UTF-8');
    expect([ct.type, ct.subtype, ct.mediaType]).toEqual(['application', 'edi-consent', 'application/edi-consent']);
    expect(ct.params.get('name')).toBe('a "quoted" \\ name');
    expect(ct.params.get('charset')).toBe('UTF-8');
  });

  it('reads the Mendelson multipart/signed header (unfolded, tab after the semicolon)', () => {
    const ct = parseContentType('multipart/signed; protocol="application/pkcs7-signature"; micalg=sha256; \tboundary="----=_Part_211_306083396.1641304626706"');
    expect(Object.fromEntries(ct.params)).toEqual({
      protocol: 'application/pkcs7-signature',
      micalg: 'sha256',
      boundary: '----=_Part_211_306083396.1641304626706',
    });
  });

  it('skips RFC 822 comments, white space around "/", "=" and ";", and an empty trailing parameter', () => {
    const ct = parseContentType('text / plain (plain text) ; charset = us-ascii (Plain text) ;');
    expect(ct.mediaType).toBe('text/plain');
    expect(ct.params.get('charset')).toBe('us-ascii');
  });

  it('accepts an unquoted value with tspecials, as some AS2 senders write protocol', () => {
    expect(parseContentType('multipart/signed; protocol=application/pkcs7-signature; micalg=sha-256; boundary=abc').params.get('protocol')).toBe(
      'application/pkcs7-signature',
    );
  });

  it('refuses what it cannot read unambiguously', () => {
    expect(mimeReason(() => parseContentType('text'))).toBe('bad-content-type');
    expect(mimeReason(() => parseContentType('/plain'))).toBe('bad-content-type');
    expect(mimeReason(() => parseContentType('text/plain; charset'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('text/plain; charset="us-ascii'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('text/plain; a=1 b=2'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('multipart/mixed; boundary=a; Boundary=b'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('text/plain (unclosed comment'))).toBe('bad-parameter');
  });
});

describe('RFC 2231', () => {
  it('§3: joins parameter value continuations', () => {
    const ct = parseContentType('message/external-body; access-type=URL;\r\n URL*0="ftp://";\r\n URL*1="cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"');
    expect(ct.params.get('url')).toBe('ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar');
    expect(ct.params.get('access-type')).toBe('URL');
  });

  it('§4: decodes charset and language', () => {
    const ct = parseContentType("application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A");
    expect(ct.params.get('title')).toBe('This is ***fun***');
    expect(ct.languages.get('title')).toBe('en-us');
  });

  it('§4.1: combines continuations with charset, mixing encoded and plain sections', () => {
    const ct = parseContentType(
      "application/x-stuff;\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n title*2=\"isn't it!\"",
    );
    expect(ct.params.get('title')).toBe("This is even more ***fun*** isn't it!");
    expect(ct.languages.get('title')).toBe('en');
  });

  it('decodes UTF-8 and ISO-8859-1 filenames, sections in any order, and prefers them to a plain fallback', () => {
    const cd = parseContentDisposition("attachment; filename*1*=%C3%BCr.edi; filename=\"fallback.edi\"; filename*0*=UTF-8''Rechnung_f");
    expect(cd.type).toBe('attachment');
    expect(cd.params.get('filename')).toBe('Rechnung_für.edi');
    expect(parseContentDisposition("inline; filename*=iso-8859-1''caf%E9.txt").params.get('filename')).toBe('café.txt');
  });

  it('refuses gaps, leading zeros, repeated sections, bad escapes, unknown charsets and a missing charset quote', () => {
    expect(mimeReason(() => parseContentType('a/b; t*0=x; t*2=y'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('a/b; t*0=x; t*01=y'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('a/b; t*0=x; t*0=y'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType("a/b; t*=utf-8''%G0"))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType("a/b; t*=x-unknown''abc"))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('a/b; t*=abc'))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType("a/b; t*=utf-8''a; t*0*=utf-8''b"))).toBe('bad-parameter');
    expect(mimeReason(() => parseContentType('a/b; t*1=x'))).toBe('bad-parameter');
  });

  it('joins thousands of continuations', () => {
    const sections = Array.from({ length: 5000 }, (_, i) => `t*${i}=x${i % 10}`).join('; ');
    const value = parseContentType(`a/b; ${sections}`).params.get('t')!;
    expect(value.length).toBe(10_000);
    expect(value.slice(0, 6)).toBe('x0x1x2');
  });
});

describe('formatting parameters', () => {
  it('writes a token bare, printable ASCII quoted, anything else as RFC 2231 UTF-8', () => {
    expect(formatParameter('micalg', 'sha-256')).toEqual(['micalg=sha-256']);
    expect(formatParameter('boundary', '----=_Part 1')).toEqual(['boundary="----=_Part 1"']);
    expect(formatParameter('name', 'say "hi"')).toEqual(['name="say \\"hi\\""']);
    expect(formatParameter('filename', 'über.edi')).toEqual(["filename*=utf-8''%C3%BCber.edi"]);
    expect(formatParameter('filename', 'über.edi', { asciiFallback: true })).toEqual(['filename="uber.edi"', "filename*=utf-8''%C3%BCber.edi"]);
  });

  it('splits long RFC 2231 values into sections that never cut an escape, and reads them back', () => {
    const name = 'Счёт-фактура № 2024-0001 для ООО «Ромашка».xml';
    const segments = formatParameter('filename', name, { asciiFallback: true });
    expect(segments.length).toBeGreaterThan(3);
    for (const segment of segments.slice(1)) {
      expect(segment).toMatch(/^filename\*\d+\*=/);
      expect(segment.length).toBeLessThan(80);
    }
    expect(parseContentDisposition(['attachment', ...segments].join('; ')).params.get('filename')).toBe(name);
  });

  it('round-trips a media type with every kind of value', () => {
    const params: Array<[string, string]> = [['charset', 'utf-8'], ['name', 'a b;c'], ['title', 'naïve = ✓']];
    const ct = parseContentType(formatMediaType('text/plain', params));
    expect(ct.mediaType).toBe('text/plain');
    expect([...ct.params]).toEqual(params);
  });

  it('refuses names and types that are not tokens', () => {
    expect(mimeReason(() => formatParameter('bad name', 'x'))).toBe('bad-header-value');
    expect(mimeReason(() => formatMediaType('text', []))).toBe('bad-header-value');
    expect(mimeReason(() => formatMediaType('text/pl ain', []))).toBe('bad-header-value');
  });
});
