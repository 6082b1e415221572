// Why this file exists: a 1 GB payload must not sit in memory whole, so line canonicalisation and base64 are written
// once as stateful coders (push chunks, then end) and run either over a Buffer, an async iterable or a Node stream.
import { Transform } from 'node:stream';

/** A stateful byte coder: `push` returns what it can emit so far, `end` flushes what it held back. */
export interface ChunkCoder {
  push(chunk: Uint8Array): Buffer;
  end(): Buffer;
}

/** Bytes, or a source of byte chunks read once (a file stream, a CMS encoder's output). */
export type Content = Uint8Array | AsyncIterable<Uint8Array>;

/** The coders run in order (canonicalise, then base64, say); with none, bytes pass unchanged. */
export function chainCoders(coders: readonly ChunkCoder[]): ChunkCoder {
  return {
    push(chunk) {
      let out = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      for (const coder of coders) out = coder.push(out);
      return out;
    },
    end() {
      let carry = Buffer.alloc(0);
      for (const coder of coders) carry = Buffer.concat([coder.push(carry), coder.end()]);
      return carry;
    },
  };
}

export function codeAll(coder: ChunkCoder, bytes: Uint8Array): Buffer {
  return Buffer.concat([coder.push(bytes), coder.end()]);
}

export async function* codeChunks(coder: ChunkCoder, source: Content): AsyncIterable<Buffer> {
  if (source instanceof Uint8Array) {
    yield codeAll(coder, source);
    return;
  }
  for await (const chunk of source) {
    const out = coder.push(chunk);
    if (out.length > 0) yield out;
  }
  const last = coder.end();
  if (last.length > 0) yield last;
}

/** The coder as a Node Transform stream, for `pipeline(file, transformOf(coder), socket)`. */
export function transformOf(coder: ChunkCoder): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, coder.push(chunk));
    },
    flush(done) {
      done(null, coder.end());
    },
  });
}

/** Reads a Content into one Buffer (for small parts and tests). */
export async function collect(source: Content | AsyncIterable<Buffer>): Promise<Buffer> {
  if (source instanceof Uint8Array) return Buffer.from(source);
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
