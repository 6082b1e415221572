// Why this file exists: a received entity can be a gigabyte (an AS2 payload after decryption), so it is read as a
// stream: the header section — small and bounded by the MIME limits — is buffered and parsed, and the body is
// handed on as the chunks that follow, never joined.
import type { Headers } from './headers';
import { parseHeaderSection } from './headers';
import { mimeLimits, type MimeLimits } from './limits';
import { MimeError } from './mimeError';
import { parseContentType, type MediaType } from './parameters';

const LF = 0x0a;
const CR = 0x0d;

/** Pulls chunks from a source read once, with room to put back what a reader took too much of. */
export class ChunkReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly held: Buffer[] = [];

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  async next(): Promise<Buffer | undefined> {
    const held = this.held.pop();
    if (held) return held;
    const step = await this.iterator.next();
    if (step.done) return undefined;
    return Buffer.from(step.value.buffer, step.value.byteOffset, step.value.length);
  }

  unshift(bytes: Buffer): void {
    if (bytes.length > 0) this.held.push(bytes);
  }

  /** Reads to the end, discarding (the epilogue; a decrypting source checks its padding only at its end). */
  async drain(): Promise<void> {
    while ((await this.next()) !== undefined);
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/** Where the body starts: just past the first empty line (CRLF or bare LF), or undefined when none is in `bytes` yet. */
function blankLineEnd(bytes: Buffer): number | undefined {
  if (bytes[0] === LF) return 1;
  if (bytes[0] === CR && bytes[1] === LF) return 2;
  for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, lf + 1)) {
    if (bytes[lf + 1] === LF) return lf + 2;
    if (bytes[lf + 1] === CR && bytes[lf + 2] === LF) return lf + 3;
  }
  return undefined;
}

export interface EntityHead {
  readonly headers: Headers;
  /** The Content-Type, or text/plain; charset=us-ascii (RFC 2045 §5.2) when there is none. */
  readonly contentType: MediaType;
  /** The header section exactly as received, with its blank line. */
  readonly rawHeaderBytes: Buffer;
}

/** Reads the header section from `reader`; the body's first bytes are put back into it. */
export async function readEntityHead(reader: ChunkReader, limits: Partial<MimeLimits> = {}): Promise<EntityHead> {
  const bounds = mimeLimits(limits);
  let bytes: Buffer = Buffer.alloc(0);
  for (;;) {
    const end = blankLineEnd(bytes);
    if (end !== undefined) {
      const rawHeaderBytes = Buffer.from(bytes.subarray(0, end));
      reader.unshift(bytes.subarray(end));
      const { headers } = parseHeaderSection(rawHeaderBytes, 0, end, bounds);
      const type = headers.single('content-type');
      const contentType = type === undefined ? parseContentType('text/plain; charset=us-ascii') : parseContentType(type);
      return { headers, contentType, rawHeaderBytes };
    }
    if (bytes.length > bounds.maxHeaderSectionBytes) {
      throw new MimeError('header-section-too-large', `The header section is larger than ${bounds.maxHeaderSectionBytes} bytes`, 0);
    }
    const chunk = await reader.next();
    if (chunk === undefined) throw new MimeError('malformed-header', 'The entity ends inside its header section (no empty line before the body)', bytes.length);
    bytes = bytes.length === 0 ? chunk : Buffer.concat([bytes, chunk]);
  }
}
