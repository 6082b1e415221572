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

/** The listener holds as many body bytes as it may; answered with 503 and Retry-After. */
export class ReceiverBusy extends Error {
  constructor() {
    super('The receiver holds as many message bytes as it may right now');
    this.name = 'ReceiverBusy';
  }
}

/** One listener's budget for body bytes held in memory at once (ReceiverLimits.maxBufferedBytes). */
export class BodyBudget {
  private used = 0;

  constructor(private readonly limit: number) {}

  /** A hold for one request: `add` as its bytes arrive (throws ReceiverBusy past the budget), `release` when done. */
  hold(): { add(bytes: number): void; release(): void } {
    let held = 0;
    return {
      add: (bytes) => {
        if (this.used + bytes > this.limit) throw new ReceiverBusy();
        this.used += bytes;
        held += bytes;
      },
      release: () => {
        this.used -= held;
        held = 0;
      },
    };
  }
}

export interface ReceivedBody {
  wire: StoredBlob;
  bytes: Buffer;
}

/** Streams `request` into the blob store (durable when this resolves) and returns its bytes. */
export async function receiveBody(
  request: AsyncIterable<Uint8Array>,
  blobs: BlobStore,
  maxBytes: number,
  hold: { add(bytes: number): void } = { add: () => undefined },
): Promise<ReceivedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  async function* counted(): AsyncIterable<Uint8Array> {
    for await (const chunk of request) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new BodyTooLarge(maxBytes);
      hold.add(chunk.byteLength);
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
