// Why this file exists: application/pkcs7-mime wraps one CMS object, and its smime-type parameter (RFC 8551
// §3.2.2) says which: enveloped, signed, compressed or authenticated-enveloped data. This reads and checks that label.
import type { MimeEntity } from './entity';
import { excerpt, MimeError } from './mimeError';

export type SmimeType = 'enveloped-data' | 'signed-data' | 'compressed-data' | 'authEnveloped-data' | 'certs-only';

const SMIME_TYPES: readonly SmimeType[] = ['enveloped-data', 'signed-data', 'compressed-data', 'authEnveloped-data', 'certs-only'];
const PKCS7_MIME_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);

/** RFC 8551 §3.2.1 file extensions, for senders that give a name but no smime-type. */
const BY_EXTENSION: ReadonlyMap<string, SmimeType> = new Map([['p7z', 'compressed-data'], ['p7c', 'certs-only']]);

export interface Pkcs7Mime {
  /** The declared (or, from a .p7z/.p7c name, implied) type; undefined when neither says: ask the CMS content type. */
  readonly smimeType: SmimeType | undefined;
  /** The CMS object, transfer-decoded (BER or DER). */
  readonly der: Buffer;
}

/** The canonical spelling of an smime-type value (compared ignoring case), or a typed error for an unknown one. */
export function parseSmimeType(value: string): SmimeType {
  const found = SMIME_TYPES.find((type) => type.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new MimeError('bad-pkcs7-mime', `Unknown smime-type ${excerpt(value, 24)}`);
  return found;
}

export function isPkcs7Mime(entity: MimeEntity): boolean {
  return PKCS7_MIME_TYPES.has(entity.contentType.mediaType);
}

export function readPkcs7Mime(entity: MimeEntity): Pkcs7Mime {
  if (!isPkcs7Mime(entity)) {
    throw new MimeError('bad-pkcs7-mime', `Expected application/pkcs7-mime, got ${excerpt(entity.contentType.mediaType, 32)}`, entity.offset);
  }
  if (entity.body.length === 0) throw new MimeError('bad-pkcs7-mime', 'The application/pkcs7-mime body is empty', entity.offset);
  const declared = entity.contentType.params.get('smime-type');
  if (declared !== undefined) return { smimeType: parseSmimeType(declared), der: entity.body };
  const extension = /\.([a-z0-9]+)$/i.exec(entity.contentType.params.get('name') ?? '')?.[1]?.toLowerCase();
  return { smimeType: extension ? BY_EXTENSION.get(extension) : undefined, der: entity.body };
}
