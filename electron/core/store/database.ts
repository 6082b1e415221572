// Opens courier.db the way every durable write relies on: WAL, synchronous=FULL, foreign keys,
// a busy timeout, then the migrations. A damaged or locked file is a clear error, never a new empty one.
import Database from 'better-sqlite3';
import { CourierError, toCourierError } from '../errors';
import { migrations, type Migration } from './migrations';

export type CourierDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Create the file when it does not exist (only for a home that is being initialised). */
  create: boolean;
  /** How long to wait for another writer before reporting STORE_LOCKED. */
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
}

export function openDatabase(path: string, options: OpenDatabaseOptions): CourierDatabase {
  let db: CourierDatabase;
  try {
    db = new Database(path, { fileMustExist: !options.create, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    if (error instanceof Error && error.name === 'SqliteError' && (error as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new CourierError(
        'STORE_MISSING',
        `The Courier database ${path} is missing or cannot be opened.`,
        'Check the file and its permissions, or restore it from a backup.',
      );
    }
    throw toCourierError(error);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrations ?? migrations);
    return db;
  } catch (error) {
    db.close();
    throw toCourierError(error);
  }
}

function migrate(db: CourierDatabase, steps: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = steps.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new CourierError(
      'STORE_TOO_NEW',
      `courier.db has schema version ${current}, newer than this Courier understands (${newest}).`,
      'Open it with the newer Courier version that last used it.',
    );
  }
  for (const step of steps) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
}
