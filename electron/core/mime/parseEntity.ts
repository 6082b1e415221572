// Why this file exists: one entry point turns received bytes (a whole message, or an HTTP body with its headers)
// into a MimeEntity tree, composing the header, parameter, transfer-encoding and multipart readers under one set
// of limits. Every view shares the input buffer: nothing is copied except decoded bodies.
import type { MimeEntity } from './entity';
import { Headers, parseHeaderSection } from './headers';
import { mimeLimits, type MimeLimits } from './limits';
import { MimeError } from './mimeError';
import { checkBoundary, splitMultipart } from './multipart';
import { parseContentType, type MediaType } from './parameters';
import { decodeTransferEncoding, isIdentityEncoding, transferEncodingOf } from './transferEncoding';

/** RFC 2045 §5.2. */
const TEXT_PLAIN: MediaType = Object.freeze({
  type: 'text',
  subtype: 'plain',
  mediaType: 'text/plain',
  params: new Map([['charset', 'us-ascii']]),
  languages: new Map(),
});

/** RFC 2046 §5.1.5: inside multipart/digest a part without Content-Type is a message. */
const MESSAGE_RFC822: MediaType = Object.freeze({
  type: 'message',
  subtype: 'rfc822',
  mediaType: 'message/rfc822',
  params: new Map(),
  languages: new Map(),
});

interface Walk {
  readonly bytes: Buffer;
  readonly limits: MimeLimits;
  parts: number;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function checkSize(length: number, limits: MimeLimits): void {
  if (length > limits.maxEntityBytes) {
    throw new MimeError('too-large', `The message is ${length} bytes, over the limit of ${limits.maxEntityBytes}`);
  }
}

interface Body {
  headers: Headers;
  contentType: MediaType;
  start: number;
  bodyStart: number;
  end: number;
}

/** Reads what follows the headers: transfer decoding for a leaf, the parts (recursively, bounded) for a multipart. */
function readBody(walk: Walk, at: Body, depth: number): Pick<MimeEntity, 'transferEncoding' | 'body' | 'parts'> {
  const { headers, contentType, start, bodyStart, end } = at;
  const transferEncoding = placed(start, () => transferEncodingOf(headers.single('content-transfer-encoding')));
  const rawBody = walk.bytes.subarray(bodyStart, end);
  if (contentType.type !== 'multipart') {
    return { transferEncoding, body: decodeTransferEncoding(transferEncoding, rawBody, bodyStart), parts: [] };
  }
  if (!isIdentityEncoding(transferEncoding)) {
    throw new MimeError('bad-transfer-encoding', `A multipart entity cannot have Content-Transfer-Encoding ${transferEncoding} (RFC 2045 §6.4)`, start);
  }
  if (depth >= walk.limits.maxDepth) {
    throw new MimeError('too-deep', `Multipart entities are nested more than ${walk.limits.maxDepth} deep`, start);
  }
  const boundary = checkBoundary(contentType.params.get('boundary'), start);
  const ranges = splitMultipart(walk.bytes, bodyStart, end, boundary, walk.limits.maxParts - walk.parts);
  walk.parts += ranges.length;
  const childDefault = contentType.subtype === 'digest' ? MESSAGE_RFC822 : TEXT_PLAIN;
  const parts = ranges.map((range) => parseAt(walk, range.start, range.end, depth + 1, childDefault));
  return { transferEncoding, body: rawBody, parts };
}

/** Runs a reader of unfolded header values (which carry no offsets), placing its errors at the entity's offset. */
function placed<T>(offset: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof MimeError && error.offset === undefined ? new MimeError(error.reason, error.message, offset) : error;
  }
}

function contentTypeOf(headers: Headers, fallback: MediaType, offset: number): MediaType {
  const value = placed(offset, () => headers.single('content-type'));
  return value === undefined ? fallback : placed(offset, () => parseContentType(value));
}

function parseAt(walk: Walk, start: number, end: number, depth: number, fallback: MediaType): MimeEntity {
  const { headers, bodyStart } = parseHeaderSection(walk.bytes, start, end, walk.limits);
  const contentType = contentTypeOf(headers, fallback, start);
  const read = readBody(walk, { headers, contentType, start, bodyStart, end }, depth);
  return {
    headers,
    contentType,
    ...read,
    rawHeaderBytes: walk.bytes.subarray(start, bodyStart),
    rawBodyBytes: walk.bytes.subarray(bodyStart, end),
    rawBytes: walk.bytes.subarray(start, end),
    offset: start,
  };
}

/** Parses a whole entity: header section, blank line, body. The result's buffers are views of `bytes`. */
export function parseEntity(bytes: Uint8Array, limits: Partial<MimeLimits> = {}): MimeEntity {
  const walk: Walk = { bytes: toBuffer(bytes), limits: mimeLimits(limits), parts: 0 };
  checkSize(walk.bytes.length, walk.limits);
  return parseAt(walk, 0, walk.bytes.length, 0, TEXT_PLAIN);
}

/**
 * Parses a body whose header fields arrived separately (an HTTP request: AS2 puts the outer MIME headers in HTTP).
 * `rawHeaderBytes` is then rebuilt from the fields (`name: value` CRLF, blank line), and `rawBytes` is joined on
 * first use; the body buffers are views of `body`, and every `offset` counts from the start of `body`.
 */
export function parseEntityBody(headers: Headers, body: Uint8Array, limits: Partial<MimeLimits> = {}): MimeEntity {
  const walk: Walk = { bytes: toBuffer(body), limits: mimeLimits(limits), parts: 0 };
  checkSize(walk.bytes.length, walk.limits);
  const contentType = contentTypeOf(headers, TEXT_PLAIN, 0);
  const read = readBody(walk, { headers, contentType, start: 0, bodyStart: 0, end: walk.bytes.length }, 0);
  const rawHeaderBytes = Buffer.concat([...headers.fields.map((field) => field.raw), Buffer.from('\r\n')]);
  let rawBytes: Buffer | undefined;
  return {
    headers,
    contentType,
    ...read,
    rawHeaderBytes,
    rawBodyBytes: walk.bytes,
    get rawBytes(): Buffer {
      rawBytes ??= Buffer.concat([rawHeaderBytes, walk.bytes]);
      return rawBytes;
    },
    offset: 0,
  };
}
