// Why this file exists: a MIME body travels in one of the RFC 2045 §6 transfer encodings; this turns the bytes on
// the wire into the bytes of the content and back. AS2 (RFC 4130 §5.2.1) reads a missing header as binary.
//
// Decisions: base64 is tolerant of line breaks, spaces and tabs anywhere and of missing "=" padding, and strict
// about anything else (a character outside the alphabet, data after padding, a lone trailing character): garbage in
// a body that a signature or MIC covers is an error, not something to skip. Quoted-printable follows the RFC's
// robustness advice (§6.7 notes): an "=" not followed by two hex digits is kept literally, lowercase hex is accepted,
// trailing white space on a line is dropped, and line ends are kept as they arrived (CRLF or LF).
import type { ChunkCoder } from './chunks';
import { codeAll } from './chunks';
import { excerpt, MimeError } from './mimeError';

export type TransferEncoding = '7bit' | '8bit' | 'binary' | 'base64' | 'quoted-printable';

const KNOWN: readonly TransferEncoding[] = ['7bit', '8bit', 'binary', 'base64', 'quoted-printable'];

/** The encoding named by a Content-Transfer-Encoding value; none at all means binary (RFC 4130 §5.2.1). */
export function transferEncodingOf(value: string | undefined, offset?: number): TransferEncoding {
  if (value === undefined) return 'binary';
  const name = value.trim().toLowerCase() as TransferEncoding;
  if (!KNOWN.includes(name)) {
    throw new MimeError('bad-transfer-encoding', `Unknown Content-Transfer-Encoding ${excerpt(value, 20)}`, offset);
  }
  return name;
}

export function isIdentityEncoding(encoding: TransferEncoding): boolean {
  return encoding === '7bit' || encoding === '8bit' || encoding === 'binary';
}

/** Decodes a body; identity encodings return the same bytes (no copy). `offset` places errors in the message. */
export function decodeTransferEncoding(encoding: TransferEncoding, bytes: Buffer, offset = 0): Buffer {
  if (encoding === 'base64') return decodeBase64(bytes, offset);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(bytes);
  return bytes;
}

const B64_DATA = 1;
const B64_SPACE = 2;
const B64_PAD = 3;
const b64Class = new Uint8Array(256);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') b64Class[ch.charCodeAt(0)] = B64_DATA;
for (const ch of ' \t\r\n') b64Class[ch.charCodeAt(0)] = B64_SPACE;
b64Class[0x3d] = B64_PAD;

/** Characters per decode step: a multiple of 4, small enough for a JS string, large enough to be fast. */
const B64_STEP = 4 * 1024 * 1024;

export function decodeBase64(bytes: Uint8Array, offset = 0): Buffer {
  const compact = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  let pads = 0;
  for (let i = 0; i < bytes.length; i++) {
    const kind = b64Class[bytes[i]!];
    if (kind === B64_DATA && pads === 0) compact[length++] = bytes[i]!;
    else if (kind === B64_PAD && pads < 2) pads++;
    else if (kind !== B64_SPACE) {
      const what = kind === B64_DATA || kind === B64_PAD ? 'data after "=" padding' : `a character outside the base64 alphabet ${excerpt(bytes.subarray(i, i + 1))}`;
      throw new MimeError('bad-base64', `The base64 body has ${what}`, offset + i);
    }
  }
  if (pads > 0 ? (length + pads) % 4 !== 0 : length % 4 === 1) {
    throw new MimeError('bad-base64', `The base64 body ends mid-quantum (${length} characters, ${pads} "=")`, offset + bytes.length);
  }
  const out = Buffer.allocUnsafe(Math.floor((length * 3) / 4));
  let written = 0;
  for (let at = 0; at < length; at += B64_STEP) {
    written += out.write(compact.toString('latin1', at, Math.min(length, at + B64_STEP)), written, 'base64');
  }
  return out.subarray(0, written);
}

/** Base64 in lines of 76 characters separated by CRLF (RFC 2045 §6.8), with no line break after the last line. */
export class Base64LineEncoder implements ChunkCoder {
  private held: Buffer = Buffer.alloc(0);
  private started = false;

  push(chunk: Uint8Array): Buffer {
    const all = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const whole = all.length - (all.length % 57);
    this.held = Buffer.from(all.subarray(whole));
    return this.lines(all.subarray(0, whole));
  }

  end(): Buffer {
    const last = this.lines(this.held);
    this.held = Buffer.alloc(0);
    return last;
  }

  private lines(bytes: Buffer): Buffer {
    if (bytes.length === 0) return Buffer.alloc(0);
    const text = bytes.toString('base64');
    const pieces: string[] = [];
    for (let at = 0; at < text.length; at += 76) pieces.push(text.slice(at, at + 76));
    const joined = (this.started ? '\r\n' : '') + pieces.join('\r\n');
    this.started = true;
    return Buffer.from(joined, 'latin1');
  }
}

export function encodeBase64Lines(bytes: Uint8Array): Buffer {
  return codeAll(new Base64LineEncoder(), bytes);
}

const EQ = 0x3d;
const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

export function decodeQuotedPrintable(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  let spaceRun = -1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === EQ) {
      const high = hexValue(bytes[i + 1]);
      const low = hexValue(bytes[i + 2]);
      if (high >= 0 && low >= 0) {
        out[length++] = (high << 4) | low;
        i += 2;
        spaceRun = -1;
        continue;
      }
      let j = i + 1;
      while (bytes[j] === SP || bytes[j] === HTAB) j++;
      if (j >= bytes.length || bytes[j] === LF || (bytes[j] === CR && bytes[j + 1] === LF)) {
        // A soft line break: "=", optional transport white space, the line end; none of it is content.
        i = j >= bytes.length ? j : bytes[j] === LF ? j : j + 1;
        spaceRun = -1;
        continue;
      }
    }
    if (byte === LF || (byte === CR && bytes[i + 1] === LF)) {
      if (spaceRun >= 0) length = spaceRun;
      spaceRun = -1;
    } else if (byte === SP || byte === HTAB) {
      if (spaceRun < 0) spaceRun = length;
    } else spaceRun = -1;
    out[length++] = byte;
  }
  if (spaceRun >= 0) length = spaceRun;
  return out.subarray(0, length);
}

/**
 * Quoted-printable (RFC 2045 §6.7): lines of at most 76 characters. As text, CRLF or LF in the content become hard
 * line breaks (CRLF); as binary, every CR and LF is encoded, so the bytes come back exactly.
 */
export function encodeQuotedPrintable(bytes: Uint8Array, mode: 'text' | 'binary' = 'text'): Buffer {
  let out = '';
  let line = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (mode === 'text' && (byte === LF || (byte === CR && bytes[i + 1] === LF))) {
      out += `${line}\r\n`;
      line = '';
      if (byte === CR) i++;
      continue;
    }
    const next = bytes[i + 1];
    const atLineEnd = next === undefined || (mode === 'text' && (next === LF || (next === CR && bytes[i + 2] === LF)));
    const literal = (byte >= 33 && byte <= 126 && byte !== EQ) || ((byte === SP || byte === HTAB) && !atLineEnd);
    const token = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + token.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += token;
  }
  return Buffer.from(out + line, 'latin1');
}
