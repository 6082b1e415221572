// Why this file exists: what we send must be read the same way by every partner, so header fields are written in
// one place: names checked, values without line breaks (no header injection), non-ASCII text as RFC 2047 words,
// and lines folded at spaces near 76 characters (RFC 5322 §2.2.3) so no line nears the 998 limit.
import { encodeWords } from './encodedWords';
import { excerpt, MimeError } from './mimeError';

export type HeaderFieldInit = readonly [name: string, value: string];

const FOLD_AT = 76;

function checkField(name: string, value: string): void {
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) {
    throw new MimeError('bad-header-value', `Header name ${excerpt(name, 24)} is not printable ASCII without ":"`);
  }
  if (/[\r\n\0]/.test(value)) {
    throw new MimeError('bad-header-value', `The value of ${excerpt(name, 24)} contains a line break or NUL`);
  }
}

/**
 * One field, folded, ending in CRLF. Only a value with non-ASCII text is turned into encoded-words (meant for
 * unstructured fields); structured values (Content-Type and the like) are ASCII by construction and pass unchanged.
 */
export function formatHeaderField(name: string, value: string): string {
  checkField(name, value);
  const words = (/^[\t\x20-\x7e]*$/.test(value) ? value : encodeWords(value)).split(' ');
  const lines: string[] = [];
  let line = `${name}:`;
  for (const [i, word] of words.entries()) {
    const piece = ` ${word}`;
    if (i > 0 && word !== '' && line.length + piece.length > FOLD_AT) {
      lines.push(line);
      line = piece;
    } else line += piece;
  }
  lines.push(line);
  return `${lines.join('\r\n')}\r\n`;
}

/** The fields, each ending in CRLF (an MDN's notification block). */
export function formatHeaderFields(fields: readonly HeaderFieldInit[]): Buffer {
  return Buffer.from(fields.map(([name, value]) => formatHeaderField(name, value)).join(''), 'latin1');
}

/** A header section: the fields, then the empty line that ends it. */
export function formatHeaderSection(fields: readonly HeaderFieldInit[]): Buffer {
  return Buffer.concat([formatHeaderFields(fields), Buffer.from('\r\n')]);
}
