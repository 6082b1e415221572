import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';
import { migrations } from '../../../electron/core/store/migrations';
import { tempDir } from '../../support/home';

describe('courier.db: opened durably, migrated, and never silently replaced', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'courier.db');
  });
  afterEach(() => dir.remove());

  it('creates the schema with WAL and synchronous=FULL', () => {
    const db = openDatabase(path, { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['meta', 'audit_log', 'messages']));
    db.close();
  });

  it('applies only the migrations a database has not had', () => {
    const first = [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x)' }];
    openDatabase(path, { create: true, migrations: first }).close();
    const db = openDatabase(path, { create: false, migrations: [...first, { version: 2, name: 'two', sql: 'CREATE TABLE b (y)' }] });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('reports a file that is not a database as STORE_CORRUPT and leaves it untouched', () => {
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    writeFileSync(path, garbage);
    expect(() => openDatabase(path, { create: false })).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    expect(readFileSync(path)).toEqual(garbage);
  });

  it('reports a missing database as STORE_MISSING instead of creating an empty one', () => {
    expect(() => openDatabase(path, { create: false })).toThrow(expect.objectContaining({ code: 'STORE_MISSING' }));
  });

  it('reports a database locked by another program as STORE_LOCKED', () => {
    const other = new Database(path);
    other.exec('CREATE TABLE hold (x)');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => openDatabase(path, { create: false, busyTimeoutMs: 50 })).toThrow(expect.objectContaining({ code: 'STORE_LOCKED' }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('refuses a database made by a newer Courier', () => {
    const newer = new Database(path);
    newer.pragma('user_version = 999');
    newer.close();
    expect(() => openDatabase(path, { create: false })).toThrow(expect.objectContaining({ code: 'STORE_TOO_NEW' }));
  });
});
