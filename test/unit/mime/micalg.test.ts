// micalg and MIC algorithm names in both spellings (RFC 3851 `sha256`, RFC 5751 `sha-256`), read and written.
import { describe, expect, it } from 'vitest';
import { digestFromMicalg, formatMicalg, parseMicalg, parseMicalgList, type DigestName } from '../../../electron/core/mime/micalg';
import { mimeReason } from '../../support/mimeErrors';

const PAIRS: Array<[DigestName, string, string]> = [
  ['md5', 'md5', 'md5'],
  ['sha1', 'sha-1', 'sha1'],
  ['sha224', 'sha-224', 'sha224'],
  ['sha256', 'sha-256', 'sha256'],
  ['sha384', 'sha-384', 'sha384'],
  ['sha512', 'sha-512', 'sha512'],
];

describe('micalg', () => {
  for (const [digest, rfc5751, rfc3851] of PAIRS) {
    it(`${digest}: reads ${rfc5751}, ${rfc3851} and upper case; writes ${rfc5751} or ${rfc3851}`, () => {
      expect(parseMicalg(rfc5751)).toBe(digest);
      expect(parseMicalg(rfc3851)).toBe(digest);
      expect(parseMicalg(` ${rfc5751.toUpperCase()} `)).toBe(digest);
      expect(formatMicalg(digest)).toBe(rfc5751);
      expect(formatMicalg(digest, 'rfc3851')).toBe(rfc3851);
    });
  }

  it('reads a list of signers and skips "unknown" (RFC 1847)', () => {
    expect(parseMicalgList('sha-256, sha1,unknown')).toEqual(['sha256', 'sha1']);
    expect(parseMicalgList('unknown')).toEqual([]);
  });

  it('refuses names that are not digests we know', () => {
    expect(digestFromMicalg('sha-3')).toBeUndefined();
    expect(digestFromMicalg('sha--256')).toBeUndefined();
    expect(mimeReason(() => parseMicalg('rsa-sha256'))).toBe('unsupported-micalg');
    expect(mimeReason(() => parseMicalgList('sha-256, whirlpool'))).toBe('unsupported-micalg');
  });
});
