// A document with attachments travels as ONE AS2 payload (pagero-as2 seed: one document plus its attachments in
// one zip), so the partner receives them together under one Message-ID and one MDN. The names inside the zip
// follow one documented convention, so the receiving side can find the document and tell which files belong to it:
//
//   <document name>                                   the document, at the zip root, under its own file name
//   attachments/<document stem>/<attachment name>     each attachment (stem = document name without its last extension)
//
// and the zip itself is named `<document stem>.zip` (Content-Type application/zip). Example: invoice-42.xml with
// scan.pdf → invoice-42.zip holding `invoice-42.xml` and `attachments/invoice-42/scan.pdf`. Entries are DEFLATEd.
import { Zip, ZipDeflate } from 'fflate';
import { CourierError } from '../../errors';
import type { Content } from '../../mime/chunks';

export interface BatchFile {
  name: string;
  content: Content;
}

export const BATCH_CONTENT_TYPE = 'application/zip';

/** `invoice-42.xml` → `invoice-42`; a name without an extension (or a dot-file) is its own stem. */
export function documentStem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function checkName(name: string, what: string): string {
  if (name === '' || name === '.' || name === '..' || /[\p{Cc}/\\]/u.test(name) || name.length > 255) {
    throw new CourierError('BAD_INPUT', `The ${what} name "${name.slice(0, 80)}" cannot be used in a batch zip.`, 'File names have no slashes or control characters.');
  }
  return name;
}

/** The zip's own name and the entry names, by the convention above; attachment names must be distinct. */
export function batchLayout(documentName: string, attachmentNames: readonly string[]): { zipName: string; entries: string[] } {
  const stem = documentStem(checkName(documentName, 'document'));
  const seen = new Set<string>();
  const entries = [documentName];
  for (const name of attachmentNames) {
    checkName(name, 'attachment');
    if (seen.has(name)) throw new CourierError('BAD_INPUT', `Two attachments are named "${name}".`, 'Rename one of them: a batch zip holds each name once.');
    seen.add(name);
    entries.push(`attachments/${stem}/${name}`);
  }
  return { zipName: `${stem}.zip`, entries };
}

async function* chunksOf(content: Content): AsyncIterable<Uint8Array> {
  if (content instanceof Uint8Array) yield content;
  else yield* content;
}

/** The batch zip, streamed: each file is deflated as it is read, so a large document never sits in memory whole. */
export async function* batchZip(document: BatchFile, attachments: readonly BatchFile[]): AsyncIterable<Uint8Array> {
  const { entries } = batchLayout(
    document.name,
    attachments.map((file) => file.name),
  );
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else ready.push(data);
  });
  const files = [document, ...attachments];
  for (const [index, file] of files.entries()) {
    const entry = new ZipDeflate(entries[index]!, { level: 6 });
    zip.add(entry);
    for await (const chunk of chunksOf(file.content)) {
      entry.push(chunk);
      if (failure) throw failure;
      yield* ready.splice(0);
    }
    entry.push(new Uint8Array(0), true);
    yield* ready.splice(0);
  }
  zip.end();
  if (failure) throw failure;
  yield* ready.splice(0);
}
