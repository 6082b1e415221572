// Why this file exists: unstructured header text (Subject, Content-Description, MDN human fields) travels as ASCII,
// so non-ASCII text is carried in RFC 2047 encoded-words; we read them for display and write them when needed.
import { textDecoderFor } from './charsets';

const ENCODED_WORD_MAX = 75;

function decodeQ(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '_') out.push(0x20);
    else if (ch === '=') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = ch.charCodeAt(0);
      if (code <= 0x20 || code >= 0x7f) return undefined;
      out.push(code);
    }
  }
  return Uint8Array.from(out);
}

function decodeB(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64');
}

interface EncodedWord {
  charset: string;
  bytes: Uint8Array;
}

/** The bytes of one encoded-word, or undefined when it is not one we can read (left as it is, RFC 2047 §6.3). */
function readWord(word: string): EncodedWord | undefined {
  const match = /^=\?([^?*\s]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=$/.exec(word);
  if (!match || !textDecoderFor(match[1]!)) return undefined;
  const bytes = match[2]!.toUpperCase() === 'B' ? decodeB(match[3]!) : decodeQ(match[3]!);
  return bytes ? { charset: match[1]!.toLowerCase(), bytes } : undefined;
}

/**
 * Decodes the RFC 2047 encoded-words in unstructured header text (RFC 2231 §5 language tags allowed). White space
 * between two adjacent encoded-words is dropped (§6.2); adjacent words in one charset are decoded together, so a
 * character split across two words (a common sender bug) survives; words that cannot be read stay as they were.
 */
export function decodeEncodedWords(text: string): string {
  // Tokens: runs of white space, "(" or ")" (comments, as in the §8 examples), or anything else.
  const tokens = text.match(/[ \t\r\n]+|[()]|[^ \t\r\n()]+/g) ?? [];
  let out = '';
  let pendingSpace = '';
  let run: EncodedWord[] = [];
  const flushRun = (): void => {
    if (run.length === 0) return;
    out += textDecoderFor(run[0]!.charset)!.decode(Buffer.concat(run.map((word) => word.bytes)));
    run = [];
  };
  for (const token of tokens) {
    if (/^[ \t\r\n]/.test(token)) {
      pendingSpace += token;
      continue;
    }
    const word = token.startsWith('=?') && token.endsWith('?=') ? readWord(token) : undefined;
    if (!word) {
      flushRun();
      out += pendingSpace + token;
    } else if (run.length > 0) {
      if (run[0]!.charset !== word.charset) flushRun();
      run.push(word);
    } else {
      out += pendingSpace;
      run.push(word);
    }
    pendingSpace = '';
  }
  flushRun();
  return out + pendingSpace;
}

/** True when the text can go into a header as it is: printable ASCII and spaces, nothing that looks like "=?". */
export function isPlainHeaderText(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text) && !text.includes('=?');
}

/**
 * Encodes text as UTF-8 "B" encoded-words of at most 75 characters each, split between characters, joined by a
 * space (a folding point). Plain ASCII text comes back unchanged.
 */
export function encodeWords(text: string): string {
  if (isPlainHeaderText(text)) return text;
  const prefix = '=?UTF-8?B?';
  const maxBytes = Math.floor((ENCODED_WORD_MAX - prefix.length - 2) / 4) * 3;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > maxBytes) {
      words.push(`${prefix}${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(`${prefix}${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
  return words.join(' ');
}
