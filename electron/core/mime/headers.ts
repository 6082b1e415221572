// Why this file exists: every MIME entity and every HTTP-carried AS2 message starts with a header section (RFC 5322
// §2.2, §3.2.2). This reads one from bytes: unfolded values for lookup, exact bytes kept for signatures, bounded.
import { excerpt, MimeError } from './mimeError';
import type { MimeLimits } from './limits';

export interface HeaderField {
  /** The name as sent; compare names case-insensitively. */
  readonly name: string;
  /** The unfolded value without leading and trailing white space. RFC 2047 words are left encoded. */
  readonly value: string;
  /** The exact bytes of the field as received: name, value, folding and line ends. */
  readonly raw: Buffer;
}

/** The fields of one header section, in order, duplicates kept; lookups ignore case. */
export class Headers {
  readonly fields: readonly HeaderField[];
  private readonly byName = new Map<string, HeaderField[]>();

  constructor(fields: readonly HeaderField[]) {
    this.fields = fields;
    for (const field of fields) {
      const key = field.name.toLowerCase();
      const list = this.byName.get(key);
      if (list) list.push(field);
      else this.byName.set(key, [field]);
    }
  }

  /** Fields that arrived without their bytes (HTTP headers from a server library); `raw` is rebuilt as `name: value` CRLF. */
  static fromFields(pairs: Iterable<readonly [string, string]>): Headers {
    const fields: HeaderField[] = [];
    for (const [name, value] of pairs) {
      fields.push({ name, value: trimWsp(value), raw: Buffer.from(`${name}: ${value}\r\n`, 'latin1') });
    }
    return new Headers(fields);
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The first value of a field. */
  get(name: string): string | undefined {
    return this.byName.get(name.toLowerCase())?.[0]?.value;
  }

  getAll(name: string): string[] {
    return (this.byName.get(name.toLowerCase()) ?? []).map((field) => field.value);
  }

  /** The value of a field that may appear at most once; two would leave its meaning to whoever reads first. */
  single(name: string): string | undefined {
    const list = this.byName.get(name.toLowerCase());
    if (list && list.length > 1) {
      throw new MimeError('duplicate-header', `The header field ${name} appears ${list.length} times; it may appear once`);
    }
    return list?.[0]?.value;
  }
}

export interface HeaderSection {
  headers: Headers;
  /** Offset of the first body byte: just past the blank line, or the end when the section runs to the end. */
  bodyStart: number;
}

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Header text as sent: UTF-8 when it is valid UTF-8 (RFC 6532), otherwise each byte as one Latin-1 character. */
function fieldText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(start, end);
}

/** RFC 5322 §2.2.3 unfolding: drop each line break that precedes white space (all of them inside one field). */
function unfold(bytes: Buffer): string {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, from)) {
    pieces.push(bytes.subarray(from, lf > from && bytes[lf - 1] === CR ? lf - 1 : lf));
    from = lf + 1;
  }
  pieces.push(bytes.subarray(from));
  return trimWsp(fieldText(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)));
}

function isFieldNameByte(byte: number): boolean {
  return byte > SP && byte < 0x7f && byte !== COLON;
}

function fieldName(bytes: Buffer, lineStart: number, contentEnd: number): { name: string; valueStart: number } {
  let i = lineStart;
  while (i < contentEnd && isFieldNameByte(bytes[i]!)) i++;
  const nameEnd = i;
  // Obsolete syntax (RFC 5322 §4.5) allows white space between the name and the colon.
  while (i < contentEnd && (bytes[i] === SP || bytes[i] === HTAB)) i++;
  if (nameEnd === lineStart || bytes[i] !== COLON) {
    throw new MimeError('malformed-header', `A header line is not "name: value": ${excerpt(bytes.subarray(lineStart, contentEnd))}`, lineStart);
  }
  return { name: bytes.toString('latin1', lineStart, nameEnd), valueStart: i + 1 };
}

/**
 * Reads the header section that starts at `start`. Lines may end in CRLF or a bare LF (real senders use both). A line
 * starting with SP or HTAB continues the field before it. The section ends at an empty line or at `end`.
 */
export function parseHeaderSection(bytes: Buffer, start: number, end: number, limits: MimeLimits): HeaderSection {
  const fields: HeaderField[] = [];
  let current: { name: string; fieldStart: number; valueStart: number } | undefined;
  let pos = start;

  const finish = (fieldEnd: number, contentEnd: number): void => {
    if (!current) return;
    if (fields.length >= limits.maxHeaderFields) {
      throw new MimeError('too-many-header-fields', `The header section has more than ${limits.maxHeaderFields} fields`, current.fieldStart);
    }
    fields.push({
      name: current.name,
      value: unfold(bytes.subarray(current.valueStart, contentEnd)),
      raw: bytes.subarray(current.fieldStart, fieldEnd),
    });
    current = undefined;
  };
  let lastContentEnd = start;

  while (pos < end) {
    if (pos - start > limits.maxHeaderSectionBytes) {
      throw new MimeError('header-section-too-large', `The header section is larger than ${limits.maxHeaderSectionBytes} bytes`, start);
    }
    const windowEnd = Math.min(end, pos + limits.maxHeaderLineBytes + 2);
    const lf = bytes.subarray(pos, windowEnd).indexOf(LF);
    if (lf === -1 && windowEnd < end) {
      throw new MimeError('header-line-too-long', `A header line is longer than ${limits.maxHeaderLineBytes} bytes`, pos);
    }
    const lineEnd = lf === -1 ? end : pos + lf + 1;
    const contentEnd = lf === -1 ? end : lineEnd - 1 > pos && bytes[lineEnd - 2] === CR ? lineEnd - 2 : lineEnd - 1;
    if (contentEnd - pos > limits.maxHeaderLineBytes) {
      throw new MimeError('header-line-too-long', `A header line is longer than ${limits.maxHeaderLineBytes} bytes`, pos);
    }
    if (contentEnd === pos) {
      finish(pos, lastContentEnd);
      return { headers: new Headers(fields), bodyStart: lineEnd };
    }
    const first = bytes[pos]!;
    if (first === SP || first === HTAB) {
      if (!current) {
        throw new MimeError('malformed-header', 'A folded header line has no field before it', pos);
      }
    } else {
      finish(pos, lastContentEnd);
      const { name, valueStart } = fieldName(bytes, pos, contentEnd);
      current = { name, fieldStart: pos, valueStart };
    }
    lastContentEnd = contentEnd;
    pos = lineEnd;
  }
  finish(end, lastContentEnd);
  return { headers: new Headers(fields), bodyStart: end };
}
