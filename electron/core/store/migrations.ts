// The schema, as an ordered list of steps. A step is never edited once released: add a new one.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'meta, append-only audit log, message archive',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );

      CREATE TABLE audit_log (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_action ON audit_log(action, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE messages (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        protocol    TEXT NOT NULL,
        message_id  TEXT,
        wire_sha256 TEXT NOT NULL,
        wire_size   INTEGER NOT NULL,
        status      TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX messages_created_at ON messages(created_at);
      CREATE INDEX messages_message_id ON messages(message_id);
    `,
  },
];
