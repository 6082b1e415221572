// Raw payloads and wire messages, content-addressed by SHA-256 and written durably before any row
// refers to them. Same bytes, same name: storing a duplicate is a no-op.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { CourierError } from '../errors';
import { syncDirectory, writeSyncedTemp } from './durableFile';

export interface StoredBlob {
  /** Lower-case hex SHA-256 of the content: the blob's name. */
  sha256: string;
  size: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class BlobStore {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new CourierError('BAD_INPUT', 'A blob name must be a SHA-256 hex digest.');
    // One level of 256 shard folders: created once, so a steady-state write costs one directory fsync.
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** Store bytes; resolves once they are durable on disk. */
  put(bytes: Uint8Array): Promise<StoredBlob> {
    return this.putStream([bytes]);
  }

  /** Store a stream without holding it in memory; resolves once it is durable on disk. */
  async putStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<StoredBlob> {
    const hash = createHash('sha256');
    const temp = await writeSyncedTemp(this.tmpDir, chunks, (chunk) => hash.update(chunk));
    const sha256 = hash.digest('hex');
    const finalPath = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await rm(temp.path, { force: true });
      return { sha256, size: temp.size };
    }
    const shardDir = join(finalPath, '..');
    const created = await mkdir(shardDir, { recursive: true });
    await rename(temp.path, finalPath);
    await syncDirectory(shardDir);
    // A new shard folder must be durable in its parent too.
    if (created !== undefined) await syncDirectory(this.root);
    return { sha256, size: temp.size };
  }

  async size(sha256: string): Promise<number> {
    return (await stat(this.pathOf(sha256))).size;
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }
}
