// Why this file exists: RFC 2046 §5.1.1 says where a multipart body's parts begin and end. The CRLF before a
// delimiter belongs to the delimiter, not to the part before it, so the part's bytes are exactly what was signed.
import { excerpt, MimeError } from './mimeError';

export interface ByteRange {
  start: number;
  end: number;
}

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;
const SP = 0x20;
const HTAB = 0x09;

/** RFC 2046 boundary: 1 to 70 printable ASCII characters, not ending in a space. */
export function checkBoundary(boundary: string | undefined, offset: number): string {
  if (boundary === undefined) throw new MimeError('bad-boundary', 'The multipart entity has no boundary parameter', offset);
  if (boundary.length < 1 || boundary.length > 70 || !/^[\x20-\x7e]*[\x21-\x7e]$/.test(boundary)) {
    throw new MimeError('bad-boundary', `The boundary ${excerpt(boundary, 16)} is not 1 to 70 printable ASCII characters`, offset);
  }
  return boundary;
}

/**
 * The byte ranges of the body parts in bytes[start, end). A delimiter line is "--boundary" at the start of the body or
 * of a line, then optional transport padding (spaces, tabs), then a line end (CRLF or bare LF) or the end; the close
 * delimiter has "--" after the boundary. The preamble and the epilogue are not parts.
 */
export function splitMultipart(bytes: Buffer, start: number, end: number, boundary: string, maxParts: number): ByteRange[] {
  const body = bytes.subarray(start, end);
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const parts: ByteRange[] = [];
  let partStart = -1;
  let search = 0;
  for (;;) {
    const at = body.indexOf(dashBoundary, search);
    if (at === -1) break;
    search = at + 1;
    if (at > 0 && body[at - 1] !== LF) continue;
    let i = at + dashBoundary.length;
    const close = body[i] === DASH && body[i + 1] === DASH;
    if (close) i += 2;
    while (body[i] === SP || body[i] === HTAB) i++;
    const lineEnd = i >= body.length ? i : body[i] === LF ? i + 1 : body[i] === CR && body[i + 1] === LF ? i + 2 : -1;
    if (lineEnd === -1) continue;
    if (partStart >= 0) {
      let contentEnd = at;
      if (contentEnd > partStart && body[contentEnd - 1] === LF) {
        contentEnd--;
        if (contentEnd > partStart && body[contentEnd - 1] === CR) contentEnd--;
      }
      if (parts.length >= maxParts) {
        throw new MimeError('too-many-parts', `The message has more than its limit of body parts`, start + at);
      }
      parts.push({ start: start + partStart, end: start + contentEnd });
    }
    if (close) {
      if (parts.length === 0) throw new MimeError('boundary-not-found', 'The multipart body closes before its first body part', start + at);
      return parts;
    }
    partStart = lineEnd;
    search = lineEnd;
  }
  if (partStart === -1) {
    throw new MimeError('boundary-not-found', `The multipart body has no delimiter line for boundary ${excerpt(boundary, 16)}`, start);
  }
  throw new MimeError('missing-close-delimiter', `The multipart body ends without the close delimiter of boundary ${excerpt(boundary, 16)}`, end);
}
