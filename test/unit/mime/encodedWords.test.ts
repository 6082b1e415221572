// RFC 2047 encoded-words: the §8 examples, RFC 2231 §5 language tags, and words we write (≤ 75 characters).
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, encodeWords, isPlainHeaderText } from '../../../electron/core/mime/encodedWords';

describe('RFC 2047 §8 examples', () => {
  const examples: Array<[string, string]> = [
    ['=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>', 'Keith Moore <moore@cs.utk.edu>'],
    ['=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>', 'Keld Jørn Simonsen <keld@dkuug.dk>'],
    ['=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>', 'André Pirard <PIRARD@vm1.ulg.ac.be>'],
    [
      '=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=',
      'If you can read this you understand the example.',
    ],
    ['Nathaniel Borenstein <nsb@thumper.bellcore.com> (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)', 'Nathaniel Borenstein <nsb@thumper.bellcore.com> (םולש ןב ילטפנ)'],
    ['(=?ISO-8859-1?Q?a?=)', '(a)'],
    ['(=?ISO-8859-1?Q?a?= b)', '(a b)'],
    ['(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a_b?=)', '(a b)'],
    ['(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)', '(a b)'],
  ];
  for (const [encoded, decoded] of examples) {
    it(`${JSON.stringify(encoded)} → ${JSON.stringify(decoded)}`, () => {
      expect(decodeEncodedWords(encoded)).toBe(decoded);
    });
  }
});

describe('encoded-word decoding beyond the examples', () => {
  it('accepts an RFC 2231 §5 language tag', () => {
    expect(decodeEncodedWords('=?US-ASCII*EN?Q?Keith_Moore?=')).toBe('Keith Moore');
  });

  it('joins a UTF-8 character split across two adjacent words (a common sender bug)', () => {
    const euro = Buffer.from('€', 'utf8');
    const first = `=?UTF-8?B?${Buffer.from([0x41, euro[0]!]).toString('base64')}?=`;
    const second = `=?UTF-8?B?${Buffer.from([euro[1]!, euro[2]!]).toString('base64')}?=`;
    expect(decodeEncodedWords(`${first} ${second}`)).toBe('A€');
  });

  it('leaves words it cannot read as they were: unknown charset, bad encoding, glued to text', () => {
    for (const text of ['=?x-no-such?Q?a?=', '=?UTF-8?B?!!!?=', '=?UTF-8?Q?a=ZZ?=', 'foo=?UTF-8?Q?a?=', '=?UTF-8?X?a?=']) {
      expect(decodeEncodedWords(text)).toBe(text);
    }
  });

  it('keeps ordinary text and its white space', () => {
    expect(decodeEncodedWords('  AS2 message  ')).toBe('  AS2 message  ');
  });
});

describe('encoded-word encoding', () => {
  it('leaves printable ASCII alone', () => {
    expect(encodeWords('AS2 message 42')).toBe('AS2 message 42');
    expect(isPlainHeaderText('a =? b')).toBe(false);
  });

  it('writes UTF-8 B words of at most 75 characters that decode back, never splitting a character', () => {
    const text = 'Rechnung für Müller & Söhne — 发票 📄 '.repeat(4);
    const encoded = encodeWords(text);
    for (const word of encoded.split(' ')) {
      expect(word.length).toBeLessThanOrEqual(75);
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(word.slice(10, -2), 'base64'))).not.toThrow();
    }
    expect(decodeEncodedWords(encoded)).toBe(text);
  });
});
