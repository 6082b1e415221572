// Why this file exists: a 1 GB EnvelopedData cannot be parsed as one asn1js tree, and cannot be written as DER before
// the content is known. This reads BER one tag-length header at a time from a growing buffer and writes the
// indefinite-length form (constructed OCTET STRING chunks closed by end-of-contents) that `openssl cms -stream` and
// Bouncy Castle write, with the same typed errors as berDecoding.
import { CmsError } from './cmsError';

export const UNIVERSAL = 0;
export const CONTEXT = 2;
export const OCTET_STRING = 4;
export const OBJECT_IDENTIFIER = 6;
export const SEQUENCE = 16;
export const SET = 17;

/** One BER identifier and length. `length` is undefined for the indefinite form. */
export interface BerHeader {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  tagClass: number;
  constructed: boolean;
  tagNumber: number;
  headerLength: number;
  length: number | undefined;
}

/** Lengths beyond 2^48 cannot be real here and would lose precision as JavaScript numbers. */
const MAX_LENGTH_BYTES = 6;

/** The header at `offset`, or undefined when `bytes` ends before it does. Impossible encodings are 'malformed'. */
export function readBerHeader(bytes: Uint8Array, offset: number, what: string): BerHeader | undefined {
  let i = offset;
  if (i >= bytes.length) return undefined;
  const first = bytes[i++]!;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let n = 0; ; n++) {
      if (i >= bytes.length) return undefined;
      const byte = bytes[i++]!;
      if (n === 3) throw new CmsError('malformed', `${what} has a tag number too large to be real`);
      tagNumber = tagNumber * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
  }
  if (i >= bytes.length) return undefined;
  const lengthByte = bytes[i++]!;
  const constructed = (first & 0x20) !== 0;
  let length: number | undefined;
  if (lengthByte < 0x80) length = lengthByte;
  else if (lengthByte === 0x80) {
    if (!constructed) throw new CmsError('malformed', `${what} is not valid BER: a primitive element has an indefinite length`);
    length = undefined;
  } else {
    const count = lengthByte & 0x7f;
    if (count > MAX_LENGTH_BYTES) throw new CmsError('malformed', `${what} is not valid BER: a length field of ${count} bytes`);
    if (i + count > bytes.length) return undefined;
    length = 0;
    for (let n = 0; n < count; n++) length = length * 256 + bytes[i++]!;
  }
  return { tagClass: first >> 6, constructed, tagNumber, headerLength: i - offset, length };
}

export function isEndOfContents(header: BerHeader): boolean {
  return header.tagClass === UNIVERSAL && header.tagNumber === 0 && !header.constructed && header.length === 0;
}

const MAX_DEPTH = 64;

/**
 * The end offset of the whole element at `offset` (nested indefinite lengths walked to their end-of-contents), or
 * undefined when `bytes` ends first. Used for the small elements before the content (recipient infos, algorithms).
 */
export function berElementEnd(bytes: Uint8Array, offset: number, what: string, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) throw new CmsError('malformed', `${what} is nested more than ${MAX_DEPTH} deep`);
  const header = readBerHeader(bytes, offset, what);
  if (!header) return undefined;
  let at = offset + header.headerLength;
  if (header.length !== undefined) return at + header.length <= bytes.length ? at + header.length : undefined;
  for (;;) {
    const child = readBerHeader(bytes, at, what);
    if (!child) return undefined;
    if (isEndOfContents(child)) return at + child.headerLength;
    const end = berElementEnd(bytes, at, what, depth + 1);
    if (end === undefined) return undefined;
    at = end;
  }
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** An identifier octet (low tag numbers only) and a definite length, or the indefinite form when length is undefined. */
export function writeBerHeader(identifier: number, length: number | undefined): Buffer {
  return Buffer.from([identifier, ...(length === undefined ? [0x80] : lengthOctets(length))]);
}

/** Encoded size of an element whose contents are `length` bytes. */
export function derSize(length: number): number {
  return 1 + lengthOctets(length).length + length;
}

/** The two zero octets that close an indefinite length. */
export const END_OF_CONTENTS = Buffer.alloc(2);
