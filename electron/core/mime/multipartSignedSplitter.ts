// Why this file exists: a received multipart/signed (RFC 1847) can carry a gigabyte in its first part, and the
// signature that covers it comes after it. This splits the parts as the bytes arrive: the first part streams out
// byte for byte (to be digested and stored), the small signature part is buffered and parsed. Delimiter rules are
// those of multipart.ts (RFC 2046 §5.1.1): the line end before a delimiter belongs to the delimiter.
import type { MimeEntity } from './entity';
import type { Headers } from './headers';
import { mimeLimits, type MimeLimits } from './limits';
import { type DigestName, parseMicalgList } from './micalg';
import { excerpt, MimeError } from './mimeError';
import { checkBoundary } from './multipart';
import type { MediaType } from './parameters';
import { parseEntity } from './parseEntity';
import { ChunkReader, readEntityHead } from './streamedEntityHead';

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;
const SP = 0x20;
const HTAB = 0x09;

const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);

export interface SplitLimits extends MimeLimits {
  /** Largest signature part (a SignedData with its certificates, base64); default 4 MiB. */
  maxSignaturePartBytes: number;
}

export interface SignedPartsStream {
  readonly headers: Headers;
  readonly contentType: MediaType;
  /** The protocol parameter, lower-cased. */
  readonly protocol: string;
  /** The digests named by micalg, one per signer; empty when it is missing or "unknown". */
  readonly micalg: readonly DigestName[];
  /**
   * The first part exactly as received (what the signature covers). Read it once, to its end: the signature part
   * and the rest of the source are read before it ends.
   */
  readonly content: AsyncIterable<Buffer>;
  /** The second part, parsed (`body` is the decoded SignedData); available once `content` has ended. */
  signature(): MimeEntity;
}

type Delimiter = { close: boolean; lineEnd: number } | 'no' | 'more';

/** Is there a delimiter line at `at` (which points at the LF before "--boundary")? */
function delimiterAt(bytes: Buffer, at: number, length: number, ended: boolean): Delimiter {
  let i = at + length;
  const need = (n: number): boolean => i + n > bytes.length && !ended;
  if (need(2)) return 'more';
  const close = bytes[i] === DASH && bytes[i + 1] === DASH;
  if (close) i += 2;
  while (i < bytes.length && (bytes[i] === SP || bytes[i] === HTAB)) i++;
  if (i >= bytes.length) return ended ? { close, lineEnd: i } : 'more';
  if (bytes[i] === LF) return { close, lineEnd: i + 1 };
  if (bytes[i] === CR) {
    if (need(2)) return 'more';
    if (bytes[i + 1] === LF) return { close, lineEnd: i + 2 };
  }
  return 'no';
}

/**
 * Yields the bytes of one part until its delimiter line (views, not copies) and returns whether that delimiter was
 * the close one; what follows it is put back into the reader.
 */
async function* partBytes(reader: ChunkReader, needle: Buffer, boundary: string): AsyncGenerator<Buffer, boolean> {
  let window: Buffer = Buffer.alloc(0);
  let search = 0;
  let ended = false;
  for (;;) {
    const at = window.indexOf(needle, search);
    if (at !== -1) {
      const found = delimiterAt(window, at, needle.length, ended);
      if (found === 'no') {
        search = at + 1;
        continue;
      }
      if (found !== 'more') {
        const end = at > 0 && window[at - 1] === CR ? at - 1 : at;
        if (end > 0) yield window.subarray(0, end);
        reader.unshift(window.subarray(found.lineEnd));
        return found.close;
      }
      // Undecided until more bytes come: keep from the byte before the candidate (a CR that belongs to it).
      const keep = Math.max(0, at - 1);
      if (keep > 0) yield window.subarray(0, keep);
      window = window.subarray(keep);
      search = at - keep;
    } else if (window.length > needle.length + 1) {
      // No delimiter can start before the last needle.length bytes; keep one more for the CR of a CRLF.
      const keep = window.length - needle.length - 1;
      yield window.subarray(0, keep);
      window = window.subarray(keep);
      search = 0;
    }
    if (ended) {
      throw new MimeError('missing-close-delimiter', `The multipart body ends without the close delimiter of boundary ${excerpt(boundary, 16)}`);
    }
    const chunk = await reader.next();
    if (chunk === undefined) ended = true;
    else window = window.length === 0 ? chunk : Buffer.concat([window, chunk]);
  }
}

/** Runs a part's bytes to its delimiter, keeping at most `max` of them (undefined: keeping none). */
async function collectPart(parts: AsyncGenerator<Buffer, boolean>, max: number | undefined): Promise<{ bytes: Buffer; close: boolean }> {
  const pieces: Buffer[] = [];
  let size = 0;
  for (let step = await parts.next(); ; step = await parts.next()) {
    if (step.done) return { bytes: Buffer.concat(pieces), close: step.value };
    if (max === undefined) continue;
    size += step.value.length;
    if (size > max) throw new MimeError('too-large', `The signature part of multipart/signed is larger than ${max} bytes`);
    pieces.push(Buffer.from(step.value));
  }
}

function readSignaturePart(bytes: Buffer, limits: MimeLimits): MimeEntity {
  const signature = parseEntity(bytes, limits);
  if (!SIGNATURE_TYPES.has(signature.contentType.mediaType)) {
    throw new MimeError(
      'bad-multipart-signed',
      `The second part of multipart/signed is ${excerpt(signature.contentType.mediaType, 32)}, not the signature its protocol names`,
    );
  }
  return signature;
}

/** Reads the multipart/signed header section from `source` and returns the parts as they can be read. */
export async function splitMultipartSigned(source: AsyncIterable<Uint8Array>, limits: Partial<SplitLimits> = {}): Promise<SignedPartsStream> {
  const bounds = mimeLimits(limits);
  const maxSignature = limits.maxSignaturePartBytes ?? 4 * 1024 * 1024;
  const reader = new ChunkReader(source);
  const { headers, contentType } = await readEntityHead(reader, bounds);
  if (contentType.mediaType !== 'multipart/signed') {
    throw new MimeError('bad-multipart-signed', `Expected multipart/signed, got ${excerpt(contentType.mediaType, 32)}`);
  }
  const protocol = contentType.params.get('protocol')?.toLowerCase();
  if (!protocol) throw new MimeError('bad-multipart-signed', 'multipart/signed has no protocol parameter (RFC 1847 §2.1)');
  if (!SIGNATURE_TYPES.has(protocol)) {
    throw new MimeError('bad-multipart-signed', `multipart/signed protocol ${excerpt(protocol, 32)} is not an S/MIME signature`);
  }
  const micalgValue = contentType.params.get('micalg');
  const micalg = micalgValue === undefined ? [] : parseMicalgList(micalgValue);
  const boundary = checkBoundary(contentType.params.get('boundary'), 0);
  const needle = Buffer.from(`\n--${boundary}`, 'latin1');
  // The first delimiter may open the body: read the preamble as if it followed a line end.
  reader.unshift(Buffer.from('\n'));
  if ((await collectPart(partBytes(reader, needle, boundary), undefined)).close) {
    throw new MimeError('boundary-not-found', 'The multipart body closes before its first body part');
  }

  let signaturePart: MimeEntity | undefined;
  async function* content(): AsyncIterable<Buffer> {
    try {
      if (yield* partBytes(reader, needle, boundary)) throw new MimeError('bad-multipart-signed', 'multipart/signed has 1 part; it must have exactly 2');
      const second = await collectPart(partBytes(reader, needle, boundary), maxSignature);
      if (!second.close) throw new MimeError('bad-multipart-signed', 'multipart/signed has more than 2 parts; it must have exactly 2');
      signaturePart = readSignaturePart(second.bytes, bounds);
      await reader.drain();
    } finally {
      await reader.close();
    }
  }
  return {
    headers,
    contentType,
    protocol,
    micalg,
    content: content(),
    signature: () => {
      if (!signaturePart) throw new MimeError('bad-multipart-signed', 'The signature part comes after the first part: read the content to its end first');
      return signaturePart;
    },
  };
}
