// The body of a send (seed §4.4), checked before anything leaves: one file goes raw with its Name header, several
// go as multipart/form-data "file" parts — at most 10 files, 10 MB in all, every filename unique and usable.
import { randomBytes } from 'node:crypto';
import { AS2G_MAX_FILES, AS2G_MAX_MESSAGE_BYTES } from '../../../../shared/ipc';
import { CourierError } from '../../errors';

export interface GatewayFile {
  name: string;
  /** Omitted: application/octet-stream. */
  contentType?: string;
  content: Uint8Array;
}

export interface SendBody {
  headers: Record<string, string>;
  body: Buffer;
}

const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/;
/** A Name header value must be visible ASCII; other names go as a multipart filename (UTF-8). */
const HEADER_SAFE = /^[\x20-\x7e]+$/;

function checkFiles(files: readonly GatewayFile[]): void {
  if (files.length === 0) throw new CourierError('BAD_INPUT', 'A gateway message needs at least one file.', 'Add the file to send.');
  if (files.length > AS2G_MAX_FILES) throw new CourierError('BAD_INPUT', `The AS2 Gateway takes at most ${AS2G_MAX_FILES} files per message; this one has ${files.length}.`, 'Send the files as several messages.');
  const total = files.reduce((sum, file) => sum + file.content.byteLength, 0);
  if (total > AS2G_MAX_MESSAGE_BYTES) {
    throw new CourierError('BAD_INPUT', `The files add up to ${total} bytes; the AS2 Gateway takes at most ${AS2G_MAX_MESSAGE_BYTES} (10 MB) per message.`, 'Send the files as several messages, or compress them.');
  }
  const seen = new Set<string>();
  for (const file of files) {
    if (file.name === '' || file.name.length > 255 || /[\p{Cc}"/\\]/u.test(file.name)) {
      throw new CourierError('BAD_INPUT', `The file name "${file.name.slice(0, 80).replace(/[\p{Cc}]/gu, '?')}" cannot be sent.`, 'A file name has no quotes, slashes or control characters.');
    }
    if (seen.has(file.name)) throw new CourierError('BAD_INPUT', `Two files are named ${file.name}; every attachment of a gateway message needs its own name.`, 'Rename one of them.');
    seen.add(file.name);
    if (file.contentType !== undefined && !CONTENT_TYPE.test(file.contentType)) {
      throw new CourierError('BAD_INPUT', `"${file.contentType.slice(0, 80)}" is not a MIME type.`, 'A content type looks like text/xml or application/edi-x12.');
    }
  }
}

/** The request headers and body for these files, after every check of seed §4.4. */
export function sendBody(files: readonly GatewayFile[]): SendBody {
  checkFiles(files);
  const [only] = files;
  if (files.length === 1 && HEADER_SAFE.test(only!.name)) {
    const body = Buffer.from(only!.content.buffer, only!.content.byteOffset, only!.content.byteLength);
    return { headers: { name: only!.name, 'content-type': only!.contentType ?? 'application/octet-stream', 'content-length': String(body.length) }, body };
  }
  const boundary = `----courier-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'),
      Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) }, body };
}
