// Why this file exists: the digest behind a signature is named twice in AS2, by `micalg` on multipart/signed and in
// an MDN's Received-Content-MIC, and real partners spell it two ways: RFC 3851 (`sha1`, `sha256`) and RFC 5751
// (`sha-1`, `sha-256`). We read both and write the one a partner expects.
import { digestLengths, type DigestName } from '../cms/digests';
import { excerpt, MimeError } from './mimeError';

export type { DigestName };

/** RFC 5751 §3.4.3.2 (`sha-256`, the default), or RFC 3851 §3.4.3.2 (`sha256`) for partners on older software. */
export type MicalgSpelling = 'rfc5751' | 'rfc3851';

const DIGESTS = Object.keys(digestLengths) as readonly DigestName[];

/** The digest a micalg value names (any case, with or without the dash), or undefined when it names none we know. */
export function digestFromMicalg(value: string): DigestName | undefined {
  const compact = value.trim().toLowerCase().replace(/^sha-/, 'sha');
  return (DIGESTS as readonly string[]).includes(compact) ? (compact as DigestName) : undefined;
}

/** Like digestFromMicalg, but an unknown name is a typed error. */
export function parseMicalg(value: string): DigestName {
  const digest = digestFromMicalg(value);
  if (!digest) throw new MimeError('unsupported-micalg', `Unknown digest algorithm ${excerpt(value.trim(), 20)}`);
  return digest;
}

/**
 * The digests of a micalg parameter, which lists one per signer, comma-separated (RFC 5751 §3.4.3.2); the value
 * "unknown" (RFC 1847) adds nothing.
 */
export function parseMicalgList(value: string): DigestName[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '' && item.toLowerCase() !== 'unknown')
    .map(parseMicalg);
}

export function formatMicalg(digest: DigestName, spelling: MicalgSpelling = 'rfc5751'): string {
  if (spelling === 'rfc3851' || digest === 'md5') return digest;
  return digest.replace(/^sha/, 'sha-');
}
