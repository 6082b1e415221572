// The message archive: a message's wire bytes are made durable in the blob store first, then its row
// is committed. Only after both may anything (an MDN, an HTTP 200) acknowledge it to a partner.
import type { CourierDatabase } from './database';
import type { BlobStore } from './blobs';

export interface ArchivedMessage {
  id: number;
  wireSha256: string;
  wireSize: number;
}

export interface ArchiveRequest {
  direction: 'inbound' | 'outbound';
  protocol: string;
  messageId: string | null;
  status: string;
  wire: Uint8Array | AsyncIterable<Uint8Array>;
}

export class MessageArchive {
  private readonly insert;

  constructor(
    db: CourierDatabase,
    private readonly blobs: BlobStore,
  ) {
    this.insert = db.prepare(
      `INSERT INTO messages (direction, protocol, message_id, wire_sha256, wire_size, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Resolves when blob and row are both durable (synchronous=FULL commits are fsync'd). */
  async archive(request: ArchiveRequest): Promise<ArchivedMessage> {
    const blob = request.wire instanceof Uint8Array ? await this.blobs.put(request.wire) : await this.blobs.putStream(request.wire);
    const result = this.insert.run(
      request.direction,
      request.protocol,
      request.messageId,
      blob.sha256,
      blob.size,
      request.status,
      new Date().toISOString(),
    );
    return { id: Number(result.lastInsertRowid), wireSha256: blob.sha256, wireSize: blob.size };
  }
}
