// The append-only audit trail. SQLite triggers refuse UPDATE and DELETE; details are checked so that
// nothing that looks like a secret is ever written here.
import type { AuditEntry } from '../../../shared/ipc';
import { CourierError } from '../errors';
import type { CourierDatabase } from './database';

export type AuditDetails = AuditEntry['details'];

export interface AuditRecord {
  action: string;
  target?: string | null;
  details?: AuditDetails;
}

/** Detail keys that would mean a secret is about to be logged. */
const SECRET_KEY = /pass(word|phrase)?|secret|token|private|pkcs8|pkcs12|credential|authorization/i;

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return { ...row, details: JSON.parse(row.details) as AuditDetails };
}

export class AuditLog {
  private readonly insert;
  private readonly byId;

  constructor(
    private readonly db: CourierDatabase,
    private readonly actor: string,
    private readonly onAppend: (entry: AuditEntry) => void = () => undefined,
  ) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)');
    this.byId = db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE id = ?');
  }

  append(record: AuditRecord): AuditEntry {
    const details = record.details ?? {};
    const leaked = Object.keys(details).find((key) => SECRET_KEY.test(key));
    if (leaked !== undefined) {
      throw new CourierError('INTERNAL', `Refused to write the detail "${leaked}" to the audit log: it may hold a secret.`);
    }
    const result = this.insert.run(new Date().toISOString(), this.actor, record.action, record.target ?? null, JSON.stringify(details));
    const entry = toEntry(this.byId.get(Number(result.lastInsertRowid))!);
    this.onAppend(entry);
    return entry;
  }

  list(query: { limit: number; before?: number | undefined; action?: string | undefined }): { entries: AuditEntry[]; nextBefore: number | null } {
    const rows = this.db
      .prepare<[number, string | null, string | null, number], AuditRow>(
        `SELECT * FROM audit_log
          WHERE id < ? AND (? IS NULL OR action = ?)
          ORDER BY id DESC LIMIT ?`,
      )
      .all(query.before ?? Number.MAX_SAFE_INTEGER, query.action ?? null, query.action ?? null, query.limit + 1);
    const page = rows.slice(0, query.limit).map(toEntry);
    return { entries: page, nextBefore: rows.length > query.limit ? page.at(-1)!.id : null };
  }
}
