// What the simulated gateway accepts as a send (seed §4.4): a raw body named by the Name header, or a
// multipart/form-data body of "file" parts — at most 10 files, 10 MB in all, unique filenames. Anything else is
// refused with the HTTP status and Generic Response message a client would see.
import type { IncomingHttpHeaders } from 'node:http';
import type { SimFile } from './gatewayMailbox';

export const MAX_FILES = 10;
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

export class SubmissionRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function partsOf(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new SubmissionRefusal(400, 'Malformed multipart body: no boundary found');
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new SubmissionRefusal(400, 'Malformed multipart body: missing closing boundary');
    const part = body.subarray(start + 2, next - 2);
    parts.push(part);
    at = next;
  }
}

function multipartFiles(body: Buffer, boundary: string): SimFile[] {
  return partsOf(body, boundary).map((part) => {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new SubmissionRefusal(400, 'Malformed multipart part: no header end');
    const head = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(head)?.[1] ?? '';
    if (!/\bname="file"/.test(disposition)) throw new SubmissionRefusal(400, 'Every part must be a "file" part');
    const name = /filename="([^"]*)"/.exec(disposition)?.[1] ?? /filename=([^;\s]+)/.exec(disposition)?.[1];
    if (!name) throw new SubmissionRefusal(400, 'Every file part needs a filename');
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
    return { name, contentType, content: Buffer.from(part.subarray(split + 4)) };
  });
}

/** The files of a send request, after every check of seed §4.4. */
export function submittedFiles(headers: IncomingHttpHeaders, body: Buffer): SimFile[] {
  const contentType = headers['content-type'] ?? '';
  let files: SimFile[];
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new SubmissionRefusal(400, 'multipart/form-data without a boundary');
    files = multipartFiles(body, boundary);
  } else {
    const name = headers.name;
    if (typeof name !== 'string' || name === '') throw new SubmissionRefusal(400, 'The Name header is required when sending a single file');
    if (headers['content-length'] !== undefined && Number(headers['content-length']) !== body.length) throw new SubmissionRefusal(400, 'Content-Length does not match the body');
    files = [{ name, contentType: contentType || 'application/octet-stream', content: body }];
  }
  if (files.length === 0) throw new SubmissionRefusal(400, 'No file to send');
  if (files.length > MAX_FILES) throw new SubmissionRefusal(400, `At most ${MAX_FILES} files can be sent per message`);
  if (new Set(files.map((file) => file.name)).size !== files.length) throw new SubmissionRefusal(400, 'Each attachment must have a unique filename');
  if (files.reduce((sum, file) => sum + file.content.length, 0) > MAX_TOTAL_BYTES) throw new SubmissionRefusal(413, 'The files exceed the 10 MB limit per message');
  return files;
}
