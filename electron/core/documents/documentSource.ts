// A document a user hands Courier, from the renderer (bytes in the call) or the CLI (a path, streamed at any
// size): its name, its size, and a fresh stream of its bytes each time one is asked for.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CourierError } from '../errors';

export interface DocumentSource {
  fileName: string;
  size: number;
  /** A new read of the whole document, in order. */
  chunks(highWaterMark?: number): AsyncIterable<Uint8Array>;
  /** The path when the document is a file on this machine. */
  path: string | null;
}

export type DocumentInput = { fileName: string; contentBase64: string } | { path: string };

export async function documentSource(input: DocumentInput): Promise<DocumentSource> {
  if ('contentBase64' in input) {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    return {
      fileName: input.fileName,
      size: bytes.length,
      path: null,
      async *chunks(highWaterMark = 1024 * 1024) {
        for (let offset = 0; offset < bytes.length; offset += highWaterMark) yield bytes.subarray(offset, offset + highWaterMark);
      },
    };
  }
  const info = await stat(input.path).catch(() => null);
  if (!info?.isFile()) throw new CourierError('BAD_INPUT', `${input.path} is not a readable file.`, 'Give the path of the file to upload.');
  const path = input.path;
  return {
    fileName: basename(path),
    size: info.size,
    path,
    chunks: (highWaterMark = 1024 * 1024) => createReadStream(path, { highWaterMark }),
  };
}
