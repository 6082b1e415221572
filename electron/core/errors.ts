// Turns anything thrown inside the core into a CourierError a person can act on.
// Unknown failures become INTERNAL with a generic message: no stack, no library text that might echo a secret.
import { CourierError } from '../../shared/ipc/errors';

export { CourierError };

interface SqliteLikeError {
  code?: unknown;
}

function sqliteCode(error: unknown): string | undefined {
  if (error instanceof Error && error.name === 'SqliteError') {
    const code = (error as SqliteLikeError).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function toCourierError(error: unknown): CourierError {
  if (error instanceof CourierError) return error;
  const code = sqliteCode(error);
  if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
    return new CourierError(
      'STORE_CORRUPT',
      'The Courier database is damaged or is not a database.',
      'Restore courier.db from a backup, or move it aside to start an empty store; Courier will not replace it by itself.',
    );
  }
  if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED')) {
    return new CourierError(
      'STORE_LOCKED',
      'The Courier database is locked by another program.',
      'Close the other program that has courier.db open (another Courier, a database browser), then try again.',
    );
  }
  return new CourierError('INTERNAL', 'Something went wrong inside Courier.', 'Try again; if it keeps happening, report it with the steps that led here.');
}
