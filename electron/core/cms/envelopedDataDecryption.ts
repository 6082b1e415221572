// Why this file exists: a received EnvelopedData (RFC 5652 §6) may be a gigabyte, so it is opened as it arrives:
// the small head is read first (envelopedDataHead: which recipient is ours, the content key), and then the
// encrypted content streams through the cipher chunk by chunk, its BER structure (primitive, or constructed OCTET
// STRING chunks with indefinite lengths) followed to the last end-of-contents. RSA v1.5 key transport keeps its
// implicit rejection: a wrong key fails only at the padding check at the end.
import { berElementEnd, CONTEXT, isEndOfContents, OCTET_STRING, readBerHeader, UNIVERSAL, type BerHeader } from './berStreaming';
import { CipherPaddingError } from './ciphers/blockCipher';
import { CmsError } from './cmsError';
import type { ContentSource } from './digests';
import { is, MAX_HEAD_BYTES, NEED_MORE, readHead, WHAT, type DecryptionIdentity, type EnvelopeDetails, type Frame, type Head } from './envelopedDataHead';

export type { DecryptionIdentity, EnvelopeDetails } from './envelopedDataHead';

const MAX_CHUNK_NESTING = 8;

export interface DecryptedEnvelope extends EnvelopeDetails {
  content: Buffer;
}

/** An opened envelope whose content is still to be read: once, to the end, which is when padding and structure are checked. */
export interface DecryptingEnvelope extends EnvelopeDetails {
  content: AsyncIterable<Buffer>;
}

/**
 * Push-driven decryption: `push` bytes as they arrive and get plaintext back; `end` checks that the ciphertext was
 * whole, its padding, and that every enclosing element was closed. `opened` is set as soon as the head was read.
 */
class EnvelopeOpener {
  opened: Head | undefined;
  private pending = Buffer.alloc(0);
  /** Absolute offset of pending[0]. */
  private base = 0;
  /** The encryptedContent's open elements (constructed chunks), then the enclosing ones once it is done. */
  private stack: Frame[] = [];
  /** Bytes left in the primitive OCTET STRING being decrypted. */
  private remaining = 0;
  private ciphertextBytes = 0;
  private phase: 'head' | 'content' | 'trailer' | 'done' = 'head';

  constructor(private readonly identities: readonly DecryptionIdentity[]) {}

  push(chunk: Uint8Array): Buffer[] {
    if (this.phase === 'done') return []; // bytes after the ContentInfo are ignored, as OpenSSL and BC do
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let bytes = this.pending.length === 0 ? view : Buffer.concat([this.pending, view]);
    const out: Buffer[] = [];
    let at = 0;
    if (this.phase === 'head') {
      let head: Head;
      try {
        head = readHead(bytes, this.identities);
      } catch (error) {
        if (error !== NEED_MORE) throw error;
        if (bytes.length > MAX_HEAD_BYTES) throw new CmsError('malformed', `${WHAT} has more than ${MAX_HEAD_BYTES} bytes before its encrypted content`);
        this.pending = Buffer.from(bytes);
        return out;
      }
      this.opened = head;
      this.phase = 'content';
      at = this.enterContent(head);
    }
    at = this.run(bytes, at, out);
    this.base += at;
    bytes = bytes.subarray(at);
    this.pending = bytes.length === 0 ? Buffer.alloc(0) : Buffer.from(bytes);
    return out;
  }

  end(): Buffer[] {
    if (this.phase === 'done') return [];
    if (this.phase === 'head' && this.pending.length === 0 && this.base === 0) throw new CmsError('malformed', `${WHAT} is empty`);
    const where = this.phase === 'trailer' ? 'after the encrypted content' : this.phase === 'content' ? 'inside the encrypted content' : 'before the encrypted content';
    throw new CmsError('malformed', `${WHAT} is truncated: it ends ${where}`);
  }

  /** Returns the offset just past the encryptedContent header. */
  private enterContent(head: Head): number {
    const { content, contentStart } = head;
    const valueStart = contentStart + content.headerLength;
    if (content.constructed) this.stack = [{ end: content.length === undefined ? undefined : valueStart + content.length }];
    else this.remaining = content.length!;
    if (!content.constructed && this.remaining === 0) this.finishContent([]);
    return valueStart;
  }

  /** Consumes what it can of bytes[at…]; returns the offset of the first byte it could not use yet. */
  private run(bytes: Buffer, at: number, out: Buffer[]): number {
    while (this.phase !== 'done') {
      if (this.remaining > 0) {
        if (at >= bytes.length) return at;
        const take = Math.min(this.remaining, bytes.length - at);
        const plain = this.opened!.cipher.update(bytes.subarray(at, at + take));
        if (plain.length > 0) out.push(Buffer.from(plain.buffer, plain.byteOffset, plain.length));
        this.remaining -= take;
        this.ciphertextBytes += take;
        at += take;
        if (this.remaining === 0 && this.phase === 'content' && this.stack.length === 0) this.finishContent(out);
        continue;
      }
      const top = this.stack.at(-1);
      if (!top) {
        this.phase = 'done';
        break;
      }
      const position = this.base + at;
      if (top.end !== undefined) {
        if (position > top.end) throw new CmsError('malformed', `${WHAT} is not valid BER: an element overruns the one enclosing it`);
        if (position === top.end) {
          this.close();
          this.closed(out);
          continue;
        }
      }
      const h = readBerHeader(bytes, at, WHAT);
      if (!h) return at;
      if (isEndOfContents(h)) {
        if (top.end !== undefined) throw new CmsError('malformed', `${WHAT} is not valid BER: end-of-contents inside a definite length`);
        at += h.headerLength;
        this.close();
        this.closed(out);
        continue;
      }
      at = this.phase === 'content' ? this.contentChunk(h, at) : this.trailerElement(bytes, at);
    }
    return at;
  }

  private close(): void {
    this.stack.pop();
  }

  /** After an element closes: when it was the encryptedContent, the cipher finishes and the enclosing ones follow. */
  private closed(out: Buffer[]): void {
    if (this.phase === 'content' && this.stack.length === 0) this.finishContent(out);
  }

  private contentChunk(h: BerHeader, at: number): number {
    if (h.tagClass !== UNIVERSAL || h.tagNumber !== OCTET_STRING) {
      throw new CmsError('malformed', 'The encrypted content is a constructed OCTET STRING with a chunk that is not an OCTET STRING');
    }
    const valueStart = at + h.headerLength;
    if (h.constructed) {
      if (this.stack.length > MAX_CHUNK_NESTING) throw new CmsError('malformed', 'The encrypted content nests its chunks too deep');
      this.stack.push({ end: h.length === undefined ? undefined : this.base + valueStart + h.length });
    } else this.remaining = h.length!;
    return valueStart;
  }

  /** Inside EncryptedContentInfo nothing follows the content; EnvelopedData may end with unprotectedAttrs [1]. */
  private trailerElement(bytes: Buffer, at: number): number {
    const h = readBerHeader(bytes, at, WHAT)!;
    if (this.stack.length !== 3 || !is(h, CONTEXT, 1, true)) {
      throw new CmsError('malformed', `${WHAT} is not valid CMS: an unexpected element follows the encrypted content`);
    }
    const end = berElementEnd(bytes, at, WHAT);
    if (end === undefined) {
      if (bytes.length - at > MAX_HEAD_BYTES) throw new CmsError('malformed', `${WHAT} has unprotected attributes over ${MAX_HEAD_BYTES} bytes`);
      return at; // wait for the rest of the attributes
    }
    return end;
  }

  private finishContent(out: Buffer[]): void {
    const { blockSize, cipher, frames } = this.opened!;
    if (this.ciphertextBytes === 0 || this.ciphertextBytes % blockSize !== 0) {
      throw new CmsError(
        'malformed',
        `The encrypted content is ${this.ciphertextBytes} bytes, not a whole number of ${blockSize}-byte blocks: it is truncated`,
      );
    }
    try {
      const last = cipher.final();
      if (last.length > 0) out.push(Buffer.from(last.buffer, last.byteOffset, last.length));
    } catch (error) {
      if (!(error instanceof CipherPaddingError)) throw error;
      throw new CmsError(
        'decryption-failed',
        'Decryption failed: the content could not be decrypted with our key (wrong key, or the message or its key-transport block is corrupted)',
      );
    }
    this.phase = 'trailer';
    this.stack = frames;
  }
}

/** Decrypts a DER/BER ContentInfo holding EnvelopedData with whichever of `identities` it names. */
export function decryptEnvelopedData(message: Uint8Array, identities: readonly DecryptionIdentity[]): DecryptedEnvelope {
  const opener = new EnvelopeOpener(identities);
  const content = Buffer.concat([...opener.push(message), ...opener.end()]);
  return { ...opener.opened!.details, content };
}

/**
 * Opens a streamed EnvelopedData: resolves once the head is read and the content key recovered (so a message for
 * someone else fails before any output exists), with the plaintext as a stream. The stream throws at its end when
 * the padding or the structure is wrong: treat everything it gave as void then.
 */
export async function decryptEnvelopedStream(source: ContentSource, identities: readonly DecryptionIdentity[]): Promise<DecryptingEnvelope> {
  const opener = new EnvelopeOpener(identities);
  const chunks = (source instanceof Uint8Array ? [source] : source) as AsyncIterable<Uint8Array>;
  const iterator = (chunks[Symbol.asyncIterator]?.() ?? (chunks as unknown as Iterable<Uint8Array>)[Symbol.iterator]()) as AsyncIterator<Uint8Array>;
  const first: Buffer[] = [];
  while (!opener.opened) {
    const step = await iterator.next();
    if (step.done) {
      opener.end();
      break;
    }
    first.push(...opener.push(step.value));
  }
  async function* content(): AsyncIterable<Buffer> {
    try {
      yield* first.splice(0);
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield* opener.push(step.value);
      yield* opener.end();
    } finally {
      await iterator.return?.();
    }
  }
  return { ...opener.opened!.details, content: content() };
}
