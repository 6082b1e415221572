// A large, valid CSV extract for the FISCAL benchmark and streaming test, written in 1 MiB chunks so it is never
// whole in memory, of exactly the size asked for.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';

/** A valid CSV of exactly `size` bytes, written in 1 MiB chunks (never whole in memory); returns its SHA-256. */
export async function writeCsv(file: string, size: number): Promise<string> {
  const header = 'Date,Invoice,Supplier,Amount,Currency\n';
  const line = '2026-04-15,INV-0000001,Acme Trading Ltd,1234.56,GBP\n';
  const block = Buffer.from(line.repeat(Math.floor((1024 * 1024) / line.length)));
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  const write = async (chunk: Buffer) => {
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(Buffer.from(header));
  let written = header.length;
  // Whole blocks, then whole lines, then one last record padded to land exactly on `size`.
  while (size - written >= block.length + 128) {
    await write(block);
    written += block.length;
  }
  const lines = Math.floor((size - written - 64) / line.length);
  await write(Buffer.from(line.repeat(Math.max(0, lines))));
  written += Math.max(0, lines) * line.length;
  const fixed = '2026-04-15,INV-LAST,,1.00,GBP\n';
  await write(Buffer.from(fixed.replace(',,', `,${'X'.repeat(size - written - fixed.length)},`)));
  await new Promise((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve(undefined))));
  return hash.digest('hex');
}
