// The raw AS2 body is made durable before anything else looks at it (DESIGN §3): it streams into the blob store
// as it arrives, counted against the size limit, and is kept in memory only once for unwrapping.
import type { BlobStore, StoredBlob } from '../../store/blobs';

/** The body grew past the receiver's limit; answered with 413. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

export interface ReceivedBody {
  wire: StoredBlob;
  bytes: Buffer;
}

/** Streams `request` into the blob store (durable when this resolves) and returns its bytes. */
export async function receiveBody(request: AsyncIterable<Uint8Array>, blobs: BlobStore, maxBytes: number): Promise<ReceivedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  async function* counted(): AsyncIterable<Uint8Array> {
    for await (const chunk of request) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new BodyTooLarge(maxBytes);
      const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      chunks.push(buffer);
      yield buffer;
    }
  }
  const wire = await blobs.putStream(counted());
  return { wire, bytes: Buffer.concat(chunks, size) };
}

/** A stored blob read back whole (an MDN to answer again or to post). */
export async function readBlob(blobs: BlobStore, blob: StoredBlob): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.open(blob.sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
