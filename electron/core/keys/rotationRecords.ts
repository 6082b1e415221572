// The `key_rotations` table: one row per rotation, its state and its timeline. Every state change is a
// guarded UPDATE (… WHERE state = <expected>), so two processes on one home cannot both take the same step;
// the caller learns from the returned flag whether its step happened.
import type { KeyRotation, KeyRotationCancelReason, KeyRotationState } from '../../../shared/ipc';
import type { CourierDatabase } from '../store/database';

export interface RotationRow {
  id: number;
  predecessor_id: string;
  successor_id: string;
  state: KeyRotationState;
  job_id: string;
  overlap_days: number;
  switch_at: string | null;
  retire_at: string | null;
  started_at: string;
  ready_at: string | null;
  switched_at: string | null;
  retired_at: string | null;
  cancelled_at: string | null;
  cancel_reason: KeyRotationCancelReason | null;
  /** `<pid>:<nonce>` of the process generating the successor, while `planned`. */
  generator: string | null;
}

export interface NewRotation {
  predecessorId: string;
  successorId: string;
  jobId: string;
  overlapDays: number;
  switchAt: string | null;
  retireAt: string | null;
  startedAt: string;
  generator: string;
}

export function toRotation(row: RotationRow): KeyRotation {
  return {
    id: row.id,
    state: row.state,
    predecessorId: row.predecessor_id,
    successorId: row.successor_id,
    jobId: row.job_id,
    overlapDays: row.overlap_days,
    switchAt: row.switch_at,
    retireAt: row.retire_at,
    startedAt: row.started_at,
    readyAt: row.ready_at,
    switchedAt: row.switched_at,
    retiredAt: row.retired_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  };
}

export class RotationRecords {
  constructor(private readonly db: CourierDatabase) {}

  insert(rotation: NewRotation): RotationRow {
    const result = this.db
      .prepare(
        `INSERT INTO key_rotations (predecessor_id, successor_id, state, job_id, overlap_days, switch_at, retire_at, started_at, generator)
         VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?)`,
      )
      .run(rotation.predecessorId, rotation.successorId, rotation.jobId, rotation.overlapDays, rotation.switchAt, rotation.retireAt, rotation.startedAt, rotation.generator);
    return this.get(Number(result.lastInsertRowid));
  }

  get(id: number): RotationRow {
    return this.db.prepare<[number], RotationRow>('SELECT * FROM key_rotations WHERE id = ?').get(id)!;
  }

  /** The latest rotation `keyId` takes part in, on either side. */
  latestFor(keyId: string): RotationRow | undefined {
    return this.db
      .prepare<[string, string], RotationRow>('SELECT * FROM key_rotations WHERE predecessor_id = ? OR successor_id = ? ORDER BY id DESC LIMIT 1')
      .get(keyId, keyId);
  }

  /** Rotations that have not ended (planned, ready, switched) with `keyId` on either side. */
  openFor(keyId: string): RotationRow[] {
    return this.db
      .prepare<[string, string], RotationRow>(
        `SELECT * FROM key_rotations WHERE (predecessor_id = ? OR successor_id = ?) AND state IN ('planned', 'ready', 'switched') ORDER BY id`,
      )
      .all(keyId, keyId);
  }

  /** The rotation of `predecessorId` whose successor is stored but does not send yet. */
  readyOf(predecessorId: string): RotationRow | undefined {
    return this.db.prepare<[string], RotationRow>(`SELECT * FROM key_rotations WHERE predecessor_id = ? AND state = 'ready'`).get(predecessorId);
  }

  /** The key that `successorId` replaced, once the switch happened. */
  predecessorOf(successorId: string): string | undefined {
    return this.db
      .prepare<[string], { predecessor_id: string }>(`SELECT predecessor_id FROM key_rotations WHERE successor_id = ? AND state IN ('switched', 'retired')`)
      .get(successorId)?.predecessor_id;
  }

  planned(): RotationRow[] {
    return this.db.prepare<[], RotationRow>(`SELECT * FROM key_rotations WHERE state = 'planned' ORDER BY id`).all();
  }

  /** Cancelled rotations whose successor never got (or no longer has) a row: their file, if any, is an orphan. */
  cancelledWithoutSuccessor(): RotationRow[] {
    return this.db
      .prepare<[], RotationRow>(`SELECT * FROM key_rotations r WHERE state = 'cancelled' AND NOT EXISTS (SELECT 1 FROM keys WHERE keys.id = r.successor_id)`)
      .all();
  }

  dueSwitches(now: string): RotationRow[] {
    return this.db
      .prepare<[string], RotationRow>(`SELECT * FROM key_rotations WHERE state = 'ready' AND switch_at IS NOT NULL AND switch_at <= ? ORDER BY switch_at, id`)
      .all(now);
  }

  dueRetirements(now: string): RotationRow[] {
    return this.db
      .prepare<[string], RotationRow>(`SELECT * FROM key_rotations WHERE state = 'switched' AND retire_at <= ? ORDER BY retire_at, id`)
      .all(now);
  }

  markReady(id: number, at: string): boolean {
    return this.db.prepare(`UPDATE key_rotations SET state = 'ready', ready_at = ?, generator = NULL WHERE id = ? AND state = 'planned'`).run(at, id).changes === 1;
  }

  markSwitched(id: number, at: string, switchAt: string, retireAt: string): boolean {
    return (
      this.db
        .prepare(`UPDATE key_rotations SET state = 'switched', switched_at = ?, switch_at = ?, retire_at = ? WHERE id = ? AND state = 'ready'`)
        .run(at, switchAt, retireAt, id).changes === 1
    );
  }

  markRetired(id: number, at: string): boolean {
    return this.db.prepare(`UPDATE key_rotations SET state = 'retired', retired_at = ? WHERE id = ? AND state = 'switched'`).run(at, id).changes === 1;
  }

  markCancelled(id: number, from: 'planned' | 'ready', at: string, reason: KeyRotationCancelReason): boolean {
    return (
      this.db
        .prepare(`UPDATE key_rotations SET state = 'cancelled', cancelled_at = ?, cancel_reason = ?, generator = NULL WHERE id = ? AND state = ?`)
        .run(at, reason, id, from).changes === 1
    );
  }
}
