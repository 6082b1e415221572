// A file named on the command line is read with its size bounded before the bytes arrive, so the wrong path (a log,
// a disk image, /dev/zero, a pipe that never ends) costs at most the cap and ends in a BAD_INPUT that names the file.
import { open, type FileHandle } from 'node:fs/promises';
import { CourierError } from '../../../shared/ipc';

export interface InputFile {
  /** The file as the messages name it: "request file", "password file". */
  what: string;
  /** The flag that named the file, added to every message when given. */
  flag?: string;
  maxBytes: number;
  /** What to do when the file is too large. */
  hint: string;
}

/** The whole file, at most `maxBytes`; a regular file is refused by its size before it is read. */
export async function readInputFile(path: string, file: InputFile): Promise<Buffer> {
  const { maxBytes, hint } = file;
  const name = inputFileName(path, file);
  const cannotRead = () => new CourierError('BAD_INPUT', `Cannot read the ${name}.`, 'Check the path and its permissions.');
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw cannotRead();
  }
  try {
    const info = await handle.stat();
    if (info.isFile() && info.size > maxBytes) throw new CourierError('BAD_INPUT', `The ${name} is ${info.size} bytes, more than ${maxBytes}.`, hint);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024)), 0, undefined, null);
      if (bytesRead === 0) return Buffer.concat(chunks, length);
      length += bytesRead;
      if (length > maxBytes) throw new CourierError('BAD_INPUT', `The ${name} holds more than ${maxBytes} bytes.`, hint);
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } catch (error) {
    if (error instanceof CourierError) throw error;
    throw cannotRead();
  } finally {
    await handle.close();
  }
}

/** The file as UTF-8 text (a leading byte-order mark dropped); bytes that are not UTF-8 are refused, never replaced. */
export async function readInputText(path: string, file: InputFile): Promise<string> {
  const bytes = await readInputFile(path, file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CourierError('BAD_INPUT', `The ${inputFileName(path, file)} is not UTF-8 text.`, file.hint);
  }
}

/** "password file /tmp/pw (--password-file)": the file as every message names it. */
export function inputFileName(path: string, { what, flag }: InputFile): string {
  return flag === undefined ? `${what} ${path}` : `${what} ${path} (${flag})`;
}
