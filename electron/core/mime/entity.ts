// Why this file exists: the shape every MIME consumer (S/MIME, AS2, MDN) reads: the parsed view of an entity next to
// the exact bytes it was made from, because a signature covers bytes, not a parse tree.
import { decodeText } from './charsets';
import type { Headers } from './headers';
import type { MediaType } from './parameters';
import type { TransferEncoding } from './transferEncoding';

export interface MimeEntity {
  readonly headers: Headers;
  /** The Content-Type, or the RFC 2045 §5.2 default (text/plain; charset=us-ascii) when there is none. */
  readonly contentType: MediaType;
  /** From Content-Transfer-Encoding; binary when the header is missing (RFC 4130 §5.2.1). */
  readonly transferEncoding: TransferEncoding;
  /** The header section exactly as received, including the blank line that ends it. */
  readonly rawHeaderBytes: Buffer;
  /** The body exactly as received, before transfer decoding. */
  readonly rawBodyBytes: Buffer;
  /** The whole entity as received: what a multipart/signed signature covers for its first part. */
  readonly rawBytes: Buffer;
  /** The body after transfer decoding (for multipart: the raw body; read `parts`). */
  readonly body: Buffer;
  /** The body parts of a multipart entity, in order; empty for anything else. */
  readonly parts: readonly MimeEntity[];
  /** Where `rawBytes` starts in the parsed input. */
  readonly offset: number;
}

/** The decoded body as text, in the charset its Content-Type names (us-ascii when it names none). */
export function entityText(entity: MimeEntity): string {
  return decodeText(entity.body, entity.contentType.params.get('charset'));
}
