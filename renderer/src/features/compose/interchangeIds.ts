// The x-interchange-id of each document sent to Pagero: the one the user typed (unique per send, so a batch
// numbers it per file), or none, and then Courier makes one from the file name.
import { interchangeIdSchema } from '../../../../shared/ipc';

/** The id for the file at `index` of `count`, or undefined to let Courier make one; null when `typed` is not valid. */
export function interchangeIdFor(typed: string, index: number, count: number): string | undefined | null {
  const base = typed.trim();
  if (base === '') return undefined;
  const id = count > 1 ? `${base}-${index + 1}` : base;
  return interchangeIdSchema.safeParse(id).success ? id : null;
}
