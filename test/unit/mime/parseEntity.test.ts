// Entities and multipart bodies (RFC 2045, RFC 2046 §5.1): the RFC's own example, exact raw bytes of every part,
// bare-LF input, the AS2 binary default, and every limit and structural fault as a typed error.
import { describe, expect, it } from 'vitest';
import { entityText } from '../../../electron/core/mime/entity';
import { Headers } from '../../../electron/core/mime/headers';
import { parseEntity, parseEntityBody } from '../../../electron/core/mime/parseEntity';
import { mimeReason } from '../../support/mimeErrors';

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

/** RFC 2046 §5.1.1, the "simple boundary" example, verbatim with CRLF line ends. */
const RFC2046_EXAMPLE = crlf([
  'From: Nathaniel Borenstein <nsb@bellcore.com>',
  'To: Ned Freed <ned@innosoft.com>',
  'Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)',
  'Subject: Sample message',
  'MIME-Version: 1.0',
  'Content-type: multipart/mixed; boundary="simple boundary"',
  '',
  'This is the preamble.  It is to be ignored, though it',
  'is a handy place for composition agents to include an',
  'explanatory note to non-MIME conformant readers.',
  '',
  '--simple boundary',
  '',
  'This is implicitly typed plain US-ASCII text.',
  'It does NOT end with a linebreak.',
  '--simple boundary',
  'Content-type: text/plain; charset=us-ascii',
  '',
  'This is explicitly typed plain US-ASCII text.',
  'It DOES end with a linebreak.',
  '',
  '--simple boundary--',
  '',
  'This is the epilogue.  It is also to be ignored.',
  '',
]);

describe('RFC 2046 §5.1.1 example', () => {
  const entity = parseEntity(RFC2046_EXAMPLE);

  it('finds two parts and ignores preamble and epilogue', () => {
    expect(entity.contentType.mediaType).toBe('multipart/mixed');
    expect(entity.parts).toHaveLength(2);
  });

  it('gives the CRLF before each delimiter to the delimiter, not to the part', () => {
    expect(entityText(entity.parts[0]!)).toBe('This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.');
    expect(entityText(entity.parts[1]!)).toBe('This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n');
  });

  it('defaults a part without Content-Type to text/plain; charset=us-ascii (RFC 2045 §5.2)', () => {
    expect(entity.parts[0]!.contentType.mediaType).toBe('text/plain');
    expect(entity.parts[0]!.contentType.params.get('charset')).toBe('us-ascii');
  });

  it('keeps each part as exact views of the input: rawBytes = rawHeaderBytes + rawBodyBytes', () => {
    for (const part of entity.parts) {
      expect(Buffer.concat([part.rawHeaderBytes, part.rawBodyBytes]).equals(part.rawBytes)).toBe(true);
      expect(RFC2046_EXAMPLE.subarray(part.offset, part.offset + part.rawBytes.length).equals(part.rawBytes)).toBe(true);
    }
    expect(entity.parts[1]!.rawBytes.toString('latin1')).toBe(
      'Content-type: text/plain; charset=us-ascii\r\n\r\nThis is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n',
    );
  });
});

describe('multipart boundaries', () => {
  it('reads bare-LF messages, keeping their bytes exactly', () => {
    const text = 'Content-Type: multipart/mixed; boundary=xyz\n\n--xyz\nContent-Type: text/plain\n\nline 1\nline 2\n--xyz--\n';
    const entity = parseEntity(Buffer.from(text));
    expect(entity.parts[0]!.rawBytes.toString()).toBe('Content-Type: text/plain\n\nline 1\nline 2');
    expect(entity.parts[0]!.body.toString()).toBe('line 1\nline 2');
  });

  it('accepts transport padding after a delimiter and does not take a longer line for a delimiter', () => {
    const text = crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b  \t', '', '--bb is content', '--b--x is content too', '--b-- ', 'epilogue']);
    const entity = parseEntity(text);
    expect(entity.parts.map((part) => part.body.toString())).toEqual(['--bb is content\r\n--b--x is content too']);
  });

  it('reads a first delimiter at the very start of the body and empty parts', () => {
    const entity = parseEntity(crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', '', '--b', '--b--']));
    expect(entity.parts.map((part) => part.rawBytes.length)).toEqual([0, 0]);
  });

  it('parses nested multiparts, each part exact', () => {
    const text = crlf([
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      '',
      'one',
      '--inner--',
      '--outer--',
    ]);
    const entity = parseEntity(text);
    const inner = entity.parts[0]!;
    expect(inner.rawBytes.toString()).toBe('Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\n\r\none\r\n--inner--');
    expect(inner.parts[0]!.body.toString()).toBe('one');
  });

  it('defaults a part of multipart/digest to message/rfc822 (RFC 2046 §5.1.5)', () => {
    const entity = parseEntity(crlf(['Content-Type: multipart/digest; boundary=d', '', '--d', '', 'Subject: x', '--d--']));
    expect(entity.parts[0]!.contentType.mediaType).toBe('message/rfc822');
  });

  it('fails with a typed error on every structural fault', () => {
    const mp = (body: string[], type = 'multipart/mixed; boundary=b') => parseEntity(crlf([`Content-Type: ${type}`, '', ...body]));
    expect(mimeReason(() => mp(['--b', '', 'cut off here']))).toBe('missing-close-delimiter');
    expect(mimeReason(() => mp(['no delimiter at all']))).toBe('boundary-not-found');
    expect(mimeReason(() => mp(['--b--']))).toBe('boundary-not-found');
    expect(mimeReason(() => mp(['--x--'], 'multipart/mixed'))).toBe('bad-boundary');
    expect(mimeReason(() => mp(['--x--'], `multipart/mixed; boundary=${'x'.repeat(71)}`))).toBe('bad-boundary');
    expect(mimeReason(() => mp(['--b', '', 'x', '--b--'], 'multipart/mixed; boundary="b "'))).toBe('bad-boundary');
    expect(mimeReason(() => parseEntity(crlf(['Content-Type: multipart/mixed; boundary=b', 'Content-Transfer-Encoding: base64', '', '--b', '', 'x', '--b--'])))).toBe(
      'bad-transfer-encoding',
    );
    expect(mimeReason(() => parseEntity(crlf(['Content-Type: text/plain', 'Content-type: text/html', '', 'x'])))).toBe('duplicate-header');
  });
});

describe('transfer encodings on leaves', () => {
  it('reads a missing Content-Transfer-Encoding as binary and leaves the bytes alone (RFC 4130 §5.2.1)', () => {
    const body = Buffer.from([0x30, 0x80, 0x0d, 0x0a, 0x00, 0xff, 0x0a]);
    const entity = parseEntity(Buffer.concat([Buffer.from('Content-Type: application/pkcs7-mime\r\n\r\n'), body]));
    expect(entity.transferEncoding).toBe('binary');
    expect(entity.body.equals(body)).toBe(true);
  });

  it('decodes base64 and quoted-printable bodies, keeping the raw body too', () => {
    const entity = parseEntity(crlf(['Content-Transfer-Encoding: base64', '', 'SGVsbG8s', 'IHdvcmxk']));
    expect(entity.body.toString()).toBe('Hello, world');
    expect(entity.rawBodyBytes.toString()).toBe('SGVsbG8s\r\nIHdvcmxk');
    const qp = parseEntity(crlf(['Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable', '', 'caf=E9']));
    expect(entityText(qp)).toBe('café');
  });

  it('places a bad Content-Type at the offset of the part that carries it', () => {
    const text = crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', '', 'fine', '--b', 'Content-Type: text', '', 'x', '--b--']);
    try {
      parseEntity(text);
      throw new Error('accepted');
    } catch (error) {
      expect((error as { reason: string }).reason).toBe('bad-content-type');
      expect((error as { offset: number }).offset).toBe(text.indexOf('Content-Type: text'));
    }
  });

  it('places a bad base64 character at its byte offset in the whole message', () => {
    const text = crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Transfer-Encoding: base64', '', 'SGVs!G8=', '--b--']);
    try {
      parseEntity(text);
      throw new Error('accepted');
    } catch (error) {
      expect((error as { offset: number }).offset).toBe(text.indexOf('!'));
    }
  });
});

describe('limits', () => {
  const nested = (depth: number): Buffer => {
    let body = '\r\nleaf';
    for (let i = depth; i > 0; i--) body = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--`;
    return Buffer.from(body);
  };

  it('accepts nesting up to maxDepth and refuses deeper, without deep recursion', () => {
    expect(parseEntity(nested(5), { maxDepth: 5 }).parts).toHaveLength(1);
    expect(mimeReason(() => parseEntity(nested(6), { maxDepth: 5 }))).toBe('too-deep');
    expect(mimeReason(() => parseEntity(nested(10_000)))).toBe('too-deep');
  });

  it('refuses more parts than maxParts, and a message over maxEntityBytes', () => {
    const many = crlf(['Content-Type: multipart/mixed; boundary=b', '', ...Array.from({ length: 20 }, () => '--b\r\n\r\nx'), '--b--']);
    expect(parseEntity(many, { maxParts: 20 }).parts).toHaveLength(20);
    expect(mimeReason(() => parseEntity(many, { maxParts: 19 }))).toBe('too-many-parts');
    expect(mimeReason(() => parseEntity(many, { maxEntityBytes: 100 }))).toBe('too-large');
  });
});

describe('parseEntityBody (headers from HTTP)', () => {
  it('parses the body with the transport headers and joins raw bytes on request', () => {
    const headers = Headers.fromFields([['content-type', 'multipart/mixed; boundary=b']]);
    const body = Buffer.from('--b\r\n\r\nhello\r\n--b--\r\n');
    const entity = parseEntityBody(headers, body);
    expect(entity.parts[0]!.body.toString()).toBe('hello');
    expect(entity.rawBytes.toString()).toBe('content-type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhello\r\n--b--\r\n');
  });
});
