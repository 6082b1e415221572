// Why this file exists: a multipart boundary must not occur in the parts it separates (RFC 2046 §5.1.1). We draw
// 128 random bits, check buffered content, and watch streamed content as it passes, since it cannot be read twice.
import { randomBytes } from 'node:crypto';
import type { ChunkCoder } from './chunks';
import { MimeError } from './mimeError';

/** "----=_Courier_" and 22 base64url characters: the "=_" can never appear in base64 or quoted-printable output. */
export function randomBoundary(): string {
  return `----=_Courier_${randomBytes(16).toString('base64url')}`;
}

/** A boundary whose delimiter ("--" boundary) occurs in none of the contents: the given one if it qualifies. */
export function boundaryFor(contents: readonly Uint8Array[], requested?: string): string {
  for (;;) {
    const boundary = requested ?? randomBoundary();
    const delimiter = Buffer.from(`--${boundary}`, 'latin1');
    if (contents.every((content) => Buffer.from(content.buffer, content.byteOffset, content.length).indexOf(delimiter) === -1)) {
      return boundary;
    }
    if (requested !== undefined) throw new MimeError('boundary-collision', 'The requested boundary occurs in the content');
  }
}

/** Passes bytes through unchanged and fails if the delimiter ever appears, even split across chunks. */
export class BoundaryGuard implements ChunkCoder {
  private readonly delimiter: Buffer;
  private tail = Buffer.alloc(0);

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`--${boundary}`, 'latin1');
  }

  push(chunk: Uint8Array): Buffer {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const keep = this.delimiter.length - 1;
    const seam = Buffer.concat([this.tail, bytes.subarray(0, keep)]);
    if (seam.indexOf(this.delimiter) !== -1 || bytes.indexOf(this.delimiter) !== -1) {
      throw new MimeError('boundary-collision', 'The streamed content contains the multipart boundary');
    }
    const recent = bytes.length >= keep ? bytes : Buffer.concat([this.tail, bytes]);
    this.tail = Buffer.from(recent.subarray(Math.max(0, recent.length - keep)));
    return bytes;
  }

  end(): Buffer {
    return Buffer.alloc(0);
  }
}
