// Why this file exists: RFC 1847 multipart/signed is two parts, the signed content and its signature, tied together
// by the protocol and micalg parameters. This checks that shape and hands the verifier the exact bytes it needs.
import type { MimeEntity } from './entity';
import { type DigestName, parseMicalgList } from './micalg';
import { excerpt, MimeError } from './mimeError';

/** The signature types S/MIME uses; `x-` is the pre-RFC 2311 spelling some senders still use. */
const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);

export interface MultipartSigned {
  /** The first part: its `rawBytes` are what the signature covers. */
  readonly content: MimeEntity;
  /** The second part: `signature.body` is the decoded CMS SignedData (detached). */
  readonly signature: MimeEntity;
  /** The protocol parameter, lower-cased. */
  readonly protocol: string;
  /** The digests named by micalg, one per signer; empty when the parameter is missing or "unknown". */
  readonly micalg: readonly DigestName[];
}

export function readMultipartSigned(entity: MimeEntity): MultipartSigned {
  const { contentType } = entity;
  if (contentType.mediaType !== 'multipart/signed') {
    throw new MimeError('bad-multipart-signed', `Expected multipart/signed, got ${excerpt(contentType.mediaType, 32)}`, entity.offset);
  }
  const protocol = contentType.params.get('protocol')?.toLowerCase();
  if (!protocol) throw new MimeError('bad-multipart-signed', 'multipart/signed has no protocol parameter (RFC 1847 §2.1)', entity.offset);
  if (!SIGNATURE_TYPES.has(protocol)) {
    throw new MimeError('bad-multipart-signed', `multipart/signed protocol ${excerpt(protocol, 32)} is not an S/MIME signature`, entity.offset);
  }
  if (entity.parts.length !== 2) {
    throw new MimeError('bad-multipart-signed', `multipart/signed has ${entity.parts.length} parts; it must have exactly 2`, entity.offset);
  }
  const [content, signature] = entity.parts as [MimeEntity, MimeEntity];
  if (!SIGNATURE_TYPES.has(signature.contentType.mediaType)) {
    throw new MimeError(
      'bad-multipart-signed',
      `The second part of multipart/signed is ${excerpt(signature.contentType.mediaType, 32)}, not the signature its protocol names`,
      signature.offset,
    );
  }
  const micalgValue = contentType.params.get('micalg');
  return { content, signature, protocol, micalg: micalgValue === undefined ? [] : parseMicalgList(micalgValue) };
}
