// How a key is named on screen — "RSA 4096", "EC P-256", a fingerprint cut to fit a table cell — in one
// place, so the table, the details and the dialogs say the same thing.
import type { KeyAlgorithm } from '../../../../shared/ipc';

export function algorithmLabel(algorithm: KeyAlgorithm): string {
  return algorithm.type === 'rsa' ? `RSA ${algorithm.bits}` : `EC ${algorithm.curve}`;
}

/** The start and end of a long identifier; the whole value stays one hover or one copy away. */
export function shortened(value: string, keep = 8): string {
  return value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-keep)}`;
}

export const createdFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A file name made from the key's label: letters, digits, dot, dash and underscore only. */
export function fileNameFor(label: string, extension: string): string {
  const stem = label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'key';
  return `${stem}${extension}`;
}
