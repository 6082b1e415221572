// Why this file exists: each saved connection (FISCAL, PACO and Pagero profiles, AS2 Gateway accounts, Pagero push
// endpoints) is a row that commands and pages name by its id or its unique name, and is deleted together with an
// audit entry in one transaction; one module does both so the stores cannot drift apart.
import type { AuditLog } from './audit';
import type { CourierDatabase } from './database';

/** A table of named rows; its name is one of the stores' own constants, never input. */
export type NamedTable = 'fiscal_profiles' | 'paco_profiles' | 'pagero_profiles' | 'pagero_endpoints' | 'as2g_accounts';

/** The row whose id is `ref`, else the one named `ref`. */
export function findByIdOrName<Row>(db: CourierDatabase, table: NamedTable, ref: string): Row | undefined {
  return (db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(ref) ?? db.prepare(`SELECT * FROM ${table} WHERE name = ?`).get(ref)) as Row | undefined;
}

/**
 * Deletes the row, runs `alsoDelete` (rows that hang off it) and appends `action` to the audit log, all or nothing.
 */
export function deleteNamedRow(db: CourierDatabase, audit: AuditLog, table: NamedTable, row: { id: string; name: string }, action: string, alsoDelete?: () => void): { id: string; name: string; deleted: true } {
  db.transaction(() => {
    db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(row.id);
    alsoDelete?.();
    audit.append({ action, target: row.id, details: { name: row.name } });
  })();
  return { id: row.id, name: row.name, deleted: true };
}
