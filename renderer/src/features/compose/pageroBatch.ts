// How several files go to Pagero: each as its own document (one send each), or, as the seed recommends, one
// business document with the others as its attachments in ONE zip that Courier builds by the batched-attachments
// convention (README): `<document stem>.zip` holding the document at its root and each attachment under
// `attachments/<document stem>/`. Checked here so a zip the core would refuse is refused before anything is read.
import { MAX_CONTRACT_PAYLOAD_BYTES } from '../../../../shared/ipc';
import { sizeLabel } from '../messages/messageWords';
import type { BatchFile } from './sendBatch';

export type PageroBatchMode = 'each' | 'zip';

export const pageroBatchModes: readonly { value: PageroBatchMode; label: string }[] = [
  { value: 'each', label: 'Each file as its own document' },
  { value: 'zip', label: 'One document with attachments (one zip)' },
];

/** The contract's limit on attachments beside the document of one `pagero.send`. */
export const MAX_PAGERO_ATTACHMENTS = 20;

export interface PageroZip {
  document: BatchFile;
  attachments: BatchFile[];
  /** `<document stem>.zip`, the name the zip is sent and listed under. */
  zipName: string;
  /** One line saying where each file goes inside the zip. */
  layout: string;
  /** Why this zip cannot be sent from the page, or null. */
  problem: string | null;
}

/** The same stem the core's zip uses: `invoice-42.xml` → `invoice-42`; no extension (or a dot-file) is its own stem. */
function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** A file name as one shell word (quoted when it holds anything but the usual name characters). */
const shellWord = (name: string) => (/^[\w.@%+=:,-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`);

function problemOf(document: BatchFile, attachments: readonly BatchFile[]): string | null {
  if (attachments.length > MAX_PAGERO_ATTACHMENTS) {
    return `One zip carries up to ${MAX_PAGERO_ATTACHMENTS} attachments beside the document; this batch has ${attachments.length}. Remove ${attachments.length - MAX_PAGERO_ATTACHMENTS}, or send each file as its own document.`;
  }
  const seen = new Set<string>();
  for (const { file } of attachments) {
    if (seen.has(file.name)) return `Two attachments are named ${file.name}; a zip holds each name once. Remove or rename one of them.`;
    seen.add(file.name);
  }
  const total = [document, ...attachments].reduce((sum, entry) => sum + entry.file.size, 0);
  if (total > MAX_CONTRACT_PAYLOAD_BYTES) {
    const attach = attachments.map((entry) => `--attach ${shellWord(entry.file.name)}`).join(' ');
    return `Together these files are ${sizeLabel(total)}; the Send page sends up to ${sizeLabel(MAX_CONTRACT_PAYLOAD_BYTES)} at once. Send them from the command line with \`courier pagero send --profile NAME ${shellWord(document.file.name)} ${attach}\`, which streams files of any size.`;
  }
  return null;
}

/**
 * The zip of these files with the one under `documentKey` (else the first) as the business document and the rest
 * as its attachments, in batch order; null when there are fewer than two files (a single file goes as itself).
 */
export function pageroZipOf(files: readonly BatchFile[], documentKey: string | null): PageroZip | null {
  if (files.length < 2) return null;
  const document = files.find((entry) => entry.key === documentKey) ?? files[0]!;
  const attachments = files.filter((entry) => entry !== document);
  const stem = stemOf(document.file.name);
  const zipName = `${stem}.zip`;
  const others = attachments.length === 1 ? attachments[0]!.file.name : `the other ${attachments.length} files`;
  return {
    document,
    attachments,
    zipName,
    layout: `Sent as ${zipName}: ${document.file.name} at its root, ${others} under attachments/${stem}/.`,
    problem: problemOf(document, attachments),
  };
}

/** The status every file of a sent zip shares: the server's answer, the interchange id and what was sent. */
export function zipAnswer(meaning: string, interchangeId: string, zipName: string, attachmentCount: number): string {
  return `${meaning} (interchange id ${interchangeId}; ${zipName}, the document and ${attachmentCount} ${attachmentCount === 1 ? 'attachment' : 'attachments'})`;
}
