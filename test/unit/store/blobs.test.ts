import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../electron/core/store/blobs';
import { writeFileDurably } from '../../../electron/core/store/durableFile';
import { tempDir } from '../../support/home';

describe('BlobStore: content-addressed, durable payload storage', () => {
  let dir: ReturnType<typeof tempDir>;
  let blobs: BlobStore;
  beforeEach(() => {
    dir = tempDir();
    blobs = new BlobStore(join(dir.path, 'blobs'));
  });
  afterEach(() => dir.remove());

  it('names a blob by the SHA-256 of its bytes and stores them exactly', async () => {
    const bytes = randomBytes(5000);
    const stored = await blobs.put(bytes);
    expect(stored).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), size: 5000 });
    expect(readFileSync(blobs.pathOf(stored.sha256))).toEqual(bytes);
    expect(await blobs.has(stored.sha256)).toBe(true);
  });

  it('stores the same bytes once and leaves no temporary files behind', async () => {
    const bytes = Buffer.from('same payload');
    const first = await blobs.put(bytes);
    const second = await blobs.put(bytes);
    expect(second.sha256).toBe(first.sha256);
    expect(readdirSync(join(dir.path, 'blobs', 'tmp'))).toEqual([]);
  });

  it('streams a payload in chunks to the same name as storing it whole', async () => {
    const bytes = randomBytes(300_000);
    async function* chunks() {
      for (let offset = 0; offset < bytes.length; offset += 65_536) yield bytes.subarray(offset, offset + 65_536);
    }
    const streamed = await blobs.putStream(chunks());
    expect(streamed.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await blobs.size(streamed.sha256)).toBe(bytes.length);
  });

  it('removes the temporary file when the source stream fails', async () => {
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    }
    await expect(blobs.putStream(failing())).rejects.toThrow('connection reset');
    expect(readdirSync(join(dir.path, 'blobs', 'tmp'))).toEqual([]);
  });

  it('refuses a name that is not a SHA-256 digest (no path tricks)', () => {
    expect(() => blobs.pathOf('../../etc/passwd')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('writeFileDurably', () => {
  it('replaces a file whole and leaves no temporary file', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'prefs.json');
    await writeFileDurably(path, 'first');
    await writeFileDurably(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(dir.path)).toEqual(['prefs.json']);
    dir.remove();
  });
});
