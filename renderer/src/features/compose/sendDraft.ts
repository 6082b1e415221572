// What the Send page checks before anything is read or sent: a content type that fits the document's
// extension, and the size limit of the contract (larger files go through `courier as2 send`, which streams).
import { MAX_CONTRACT_PAYLOAD_BYTES } from '../../../../shared/ipc';

const contentTypes: [RegExp, string][] = [
  [/\.(edi|x12)$/i, 'application/edi-x12'],
  [/\.xml$/i, 'application/xml'],
  [/\.csv$/i, 'text/csv'],
];

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The usual choices, offered in the content type field. */
export const commonContentTypes = ['application/edi-x12', 'application/edifact', 'application/xml', 'text/csv', 'text/plain', 'application/pdf', DEFAULT_CONTENT_TYPE];

export function contentTypeFor(fileName: string): string {
  return contentTypes.find(([pattern]) => pattern.test(fileName))?.[1] ?? DEFAULT_CONTENT_TYPE;
}

/** Same rule as the contract's: type/subtype of word characters, dots, pluses and dashes. */
export function isContentType(value: string): boolean {
  return /^[\w.+-]+\/[\w.+-]+$/.test(value) && value.length <= 200;
}

export interface FileSize {
  name: string;
  size: number;
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Why these files cannot go through the page, or null: each file and all of them together stay within 32 MiB. */
export function sizeProblem(document: FileSize | null, attachments: readonly FileSize[], partnerRef: string | null): string | null {
  const command = `courier as2 send --partner ${partnerRef ?? 'PARTNER'} FILE`;
  const all = document ? [document, ...attachments] : [...attachments];
  const large = all.find((file) => file.size > MAX_CONTRACT_PAYLOAD_BYTES);
  if (large) return `${large.name} is ${mib(large.size)}; the Send page takes files up to 32 MiB. Send it from the command line with \`${command}\`, which streams files of any size.`;
  const total = all.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_CONTRACT_PAYLOAD_BYTES) return `Together these files are ${mib(total)}; the Send page takes up to 32 MiB at once. Send fewer attachments, or use \`${command}\`.`;
  return null;
}
