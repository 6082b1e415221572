// Why this file exists: Content-Type and Content-Disposition carry what a parser must act on (boundary, protocol,
// micalg, smime-type, filename) as `; name=value` parameters (RFC 2045 §5.1), possibly quoted, commented, continued
// or charset-encoded (RFC 2231). This reads them into a map, and writes them back in the form that needs no escaping.
import { textDecoderFor } from './charsets';
import { excerpt, MimeError, type MimeFailure } from './mimeError';

export interface Parameters {
  /** Values by lower-cased name, RFC 2231 sections joined and decoded. */
  readonly params: ReadonlyMap<string, string>;
  /** The RFC 2231 language of a parameter, where the sender gave one. */
  readonly languages: ReadonlyMap<string, string>;
}

export interface MediaType extends Parameters {
  /** Lower-cased, like every comparison of media types should be. */
  readonly type: string;
  readonly subtype: string;
  /** `type/subtype`, lower-cased. */
  readonly mediaType: string;
}

export interface ContentDisposition extends Parameters {
  /** `attachment`, `inline`…, lower-cased. */
  readonly type: string;
}

const TSPECIALS = '()<>@,;:\\"/[]?=';

function isTokenChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !TSPECIALS.includes(ch);
}

function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) if (!isTokenChar(ch)) return false;
  return true;
}

/** A cursor over one header value, with the RFC 2045 lexical rules (tokens, quoted strings, comments). */
class Lexer {
  pos = 0;
  constructor(readonly text: string, readonly reason: MimeFailure, readonly what: string) {}

  fail(problem: string): never {
    throw new MimeError(this.reason, `${this.what}: ${problem} at character ${this.pos} of ${excerpt(this.text.slice(this.pos), 16)}`);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** Skips white space and (nested) comments. */
  skipCfws(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (depth > 0 && ch === '\\') this.pos += 2;
      else if (ch === '(') (depth++, this.pos++);
      else if (depth > 0 && ch === ')') (depth--, this.pos++);
      else if (depth > 0 || ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') this.pos++;
      else return;
    }
    if (depth > 0) this.fail('unterminated comment');
  }

  token(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isTokenChar(this.text[this.pos]!)) this.pos++;
    if (this.pos === start) this.fail('expected a token');
    return this.text.slice(start, this.pos);
  }

  expect(ch: string): void {
    if (this.text[this.pos] !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  quotedString(): string {
    this.pos++;
    let out = '';
    let from = this.pos;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === '"') {
        out += this.text.slice(from, this.pos);
        this.pos++;
        return out;
      }
      if (ch === '\\' && this.pos + 1 < this.text.length) {
        out += this.text.slice(from, this.pos) + this.text[this.pos + 1];
        this.pos += 2;
        from = this.pos;
      } else this.pos++;
    }
    return this.fail('unterminated quoted string');
  }

  /**
   * A parameter value: a quoted string, or (leniently, as real senders write `protocol=application/pkcs7-signature`
   * unquoted) a run of anything but white space, control characters, ";" and '"'.
   */
  value(): string {
    if (this.peek() === '"') return this.quotedString();
    const start = this.pos;
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos);
      if (code <= 0x20 || code === 0x7f || code === 0x3b || code === 0x22) break;
      this.pos++;
    }
    if (this.pos === start) this.fail('expected a value');
    return this.text.slice(start, this.pos);
  }
}

interface Section {
  value: string;
  extended: boolean;
}

function percentDecode(text: string, lexer: Lexer): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) lexer.fail('bad %-escape in an RFC 2231 value');
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else for (const byte of Buffer.from(text[i]!, 'utf8')) bytes.push(byte);
  }
  return Buffer.from(bytes);
}

/** Joins RFC 2231 sections 0..n-1 (no gaps) and decodes them with the charset named by the first one. */
function assembleSections(name: string, sections: Map<number, Section>, lexer: Lexer): { value: string; language?: string } {
  const pieces: Section[] = [];
  for (let i = 0; sections.has(i); i++) pieces.push(sections.get(i)!);
  if (pieces.length !== sections.size) lexer.fail(`the RFC 2231 sections of ${excerpt(name, 16)} do not run 0, 1, 2… without a gap`);
  const first = pieces[0]!;
  if (!first.extended) return { value: pieces.map((piece) => piece.value).join('') };
  const quote1 = first.value.indexOf("'");
  const quote2 = quote1 === -1 ? -1 : first.value.indexOf("'", quote1 + 1);
  if (quote2 === -1) lexer.fail(`the RFC 2231 value of ${excerpt(name, 16)} lacks charset'language'`);
  const charset = first.value.slice(0, quote1) || 'utf-8';
  const language = first.value.slice(quote1 + 1, quote2);
  const decoder = textDecoderFor(charset);
  if (!decoder) lexer.fail(`unknown charset ${excerpt(charset, 24)} in an RFC 2231 value`);
  const bytes = pieces.map((piece, i) => {
    const text = i === 0 ? piece.value.slice(quote2 + 1) : piece.value;
    return piece.extended ? percentDecode(text, lexer) : Buffer.from(text, 'utf8');
  });
  const value = decoder.decode(Buffer.concat(bytes));
  return language ? { value, language } : { value };
}

function readParameters(lexer: Lexer): Parameters {
  const plain = new Map<string, string>();
  const sectioned = new Map<string, Map<number, Section>>();
  for (;;) {
    lexer.skipCfws();
    if (lexer.done) break;
    lexer.expect(';');
    lexer.skipCfws();
    if (lexer.done || lexer.peek() === ';') continue;
    const attribute = lexer.token().toLowerCase();
    lexer.skipCfws();
    lexer.expect('=');
    lexer.skipCfws();
    const value = lexer.value();
    const extended = attribute.endsWith('*');
    const bare = extended ? attribute.slice(0, -1) : attribute;
    const star = bare.lastIndexOf('*');
    const index = star === -1 ? '' : bare.slice(star + 1);
    if (star !== -1 && !/^(0|[1-9][0-9]{0,5})$/.test(index)) lexer.fail(`bad RFC 2231 section number in ${excerpt(attribute, 16)}`);
    if (!extended && star === -1) {
      if (plain.has(attribute)) lexer.fail(`parameter ${excerpt(attribute, 16)} given twice`);
      plain.set(attribute, value);
      continue;
    }
    const name = star === -1 ? bare : bare.slice(0, star);
    const sections = sectioned.get(name) ?? new Map<number, Section>();
    const number = star === -1 ? -1 : Number(index);
    if (sections.has(number) || (sections.size > 0 && (number === -1) !== sections.has(-1))) {
      lexer.fail(`parameter ${excerpt(name, 16)} given twice`);
    }
    sections.set(number, { value, extended });
    sectioned.set(name, sections);
  }
  const params = new Map(plain);
  const languages = new Map<string, string>();
  for (const [name, sections] of sectioned) {
    const whole = sections.get(-1);
    const assembled = assembleSections(name, whole ? new Map([[0, whole]]) : sections, lexer);
    // The RFC 2231 form wins over a plain fallback of the same name (RFC 6266 §4.3 sends both).
    params.set(name, assembled.value);
    if (assembled.language) languages.set(name, assembled.language);
  }
  return { params, languages };
}

/** Parses a Content-Type value (RFC 2045 §5.1) into a lower-cased type/subtype and its parameters. */
export function parseContentType(value: string): MediaType {
  const lexer = new Lexer(value, 'bad-content-type', 'Content-Type');
  lexer.skipCfws();
  const type = lexer.token().toLowerCase();
  lexer.skipCfws();
  lexer.expect('/');
  lexer.skipCfws();
  const subtype = lexer.token().toLowerCase();
  const parameters = readParameters(new Lexer(value.slice(lexer.pos), 'bad-parameter', 'Content-Type parameters'));
  return { type, subtype, mediaType: `${type}/${subtype}`, ...parameters };
}

/** Parses a Content-Disposition value (RFC 2183) into a lower-cased disposition type and its parameters. */
export function parseContentDisposition(value: string): ContentDisposition {
  const lexer = new Lexer(value, 'bad-parameter', 'Content-Disposition');
  lexer.skipCfws();
  const type = lexer.token().toLowerCase();
  return { type, ...readParameters(new Lexer(value.slice(lexer.pos), 'bad-parameter', 'Content-Disposition parameters')) };
}

const ATTR_CHARS = /[A-Za-z0-9!#$&+\-.^_`|~]/;
const SECTION_CHARS = 60;

function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += ATTR_CHARS.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Writes one parameter in the simplest form that carries it: a token, a quoted string, or (for anything outside
 * printable ASCII) RFC 2231 UTF-8 sections of at most 60 characters. With `asciiFallback`, a non-ASCII value is
 * preceded by a plain approximation for readers without RFC 2231 (RFC 6266 §4.3).
 */
export function formatParameter(name: string, value: string, options: { asciiFallback?: boolean } = {}): string[] {
  if (!isToken(name) || name.includes('*')) {
    throw new MimeError('bad-header-value', `Parameter name ${excerpt(name, 24)} is not a token`);
  }
  if (isToken(value)) return [`${name}=${value}`];
  if (/^[\x20-\x7e]*$/.test(value)) return [`${name}="${value.replace(/["\\]/g, '\\$&')}"`];
  const encoded = `utf-8''${percentEncode(value)}`;
  const segments: string[] = [];
  for (let i = 0, at = 0; at < encoded.length; i++) {
    let end = Math.min(encoded.length, at + SECTION_CHARS);
    // Never cut a %XX escape in two.
    const percent = encoded.lastIndexOf('%', end - 1);
    if (end < encoded.length && percent > end - 3 && percent >= at) end = percent;
    segments.push(encoded.slice(at, end));
    at = end;
  }
  const extended = segments.length === 1 ? [`${name}*=${segments[0]}`] : segments.map((segment, i) => `${name}*${i}*=${segment}`);
  if (!options.asciiFallback) return extended;
  const fallback = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return [`${name}="${fallback}"`, ...extended];
}

/** `type/subtype; name=value…`, each parameter in the form formatParameter picks. */
export function formatMediaType(mediaType: string, params: ReadonlyArray<readonly [string, string]> = []): string {
  const [type, subtype, extra] = mediaType.split('/');
  if (!type || !subtype || extra !== undefined || !isToken(type) || !isToken(subtype)) {
    throw new MimeError('bad-header-value', `${excerpt(mediaType, 24)} is not a type/subtype`);
  }
  return [mediaType, ...params.flatMap(([name, value]) => formatParameter(name, value))].join('; ');
}
