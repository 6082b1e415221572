// Rotating a key pair without a gap in service (issue 4), as a state machine kept in `key_rotations`:
//   planned   the successor is being generated (its id is reserved, so its file can be found after a crash);
//   ready     the successor is stored; the predecessor still sends; both receive;
//   switched  from switchAt the successor sends (`successor_id` is set on the predecessor); the
//             predecessor still receives until retireAt = switchAt + overlapDays;
//   retired   the predecessor no longer receives; its key file is kept, never silently deleted;
//   cancelled rolled back before the switch: the successor is removed, the predecessor untouched.
// Each step is one SQLite transaction with its audit entry (`key.rotation-*`) and a `keys.rotation` event.
//
// Crash safety: generation runs outside any transaction; the successor's row and the `ready` step commit
// together, so there is never a successor without its rotation or the reverse. A `planned` rotation whose
// generating process is gone is rolled back (cancelled, reason `interrupted`), never resumed: a rotation is
// started by a person or a script, and the rerun of `courier keys rotate ID` simply starts a new one. Orphan
// files of cancelled successors are removed. Both happen lazily on the next rotation call of any process.
// Time-based steps are applied by `applyDueTransitions(now)`: on every keys query (KeyService), on every
// rotation call, and from a clock in long-running hosts; late steps keep the planned timeline.
//
// What the protocols ask (KeyService): `sendingKeyFor(id)` is the key to sign with and to advertise for
// encryption for a profile set up with `id`; `receivingKeysFor(id)` the keys that may decrypt or verify.
import { existsSync } from 'node:fs';
import { MAX_LABEL_LENGTH, type CourierEvent, type KeyRotation, type KeyRotationCancelReason, type ParsedInputOf } from '../../../shared/ipc';
import { CourierError, toCourierError } from '../errors';
import type { EventBus } from '../events/eventBus';
import { logInternalError } from '../log';
import type { AuditLog } from '../store/audit';
import type { CourierDatabase } from '../store/database';
import type { KeyCatalog } from './keyCatalog';
import { describeAlgorithm, newKeyId, type KeyGeneration } from './keyGeneration';
import type { KeyVault } from './keyVault';
import { RotationRecords, toRotation, type RotationRow } from './rotationRecords';
import { generatorGone, generatorTag } from './successorGenerator';

const DAY_MS = 24 * 60 * 60 * 1000;
const instant = (now?: Date) => (now ?? new Date()).toISOString();
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

export type RotationRequest = ParsedInputOf<'keys.rotate'>;

export interface KeyRotationsDeps {
  db: CourierDatabase;
  catalog: KeyCatalog;
  vault: KeyVault;
  generation: KeyGeneration;
  audit: AuditLog;
  events: EventBus;
}

function conflict(message: string, hint: string): CourierError {
  return new CourierError('ROTATION_CONFLICT', message, hint);
}

/** The successor's default label: the predecessor's, marked with the day of the rotation (not stacked). */
export function successorLabel(label: string, now: Date): string {
  const suffix = ` (rotated ${now.toISOString().slice(0, 10)})`;
  return label.replace(/ \(rotated \d{4}-\d{2}-\d{2}\)$/, '').slice(0, MAX_LABEL_LENGTH - suffix.length) + suffix;
}

export class KeyRotations {
  readonly records: RotationRecords;
  private readonly db: CourierDatabase;
  private readonly catalog: KeyCatalog;
  private readonly vault: KeyVault;
  private readonly generation: KeyGeneration;
  private readonly audit: AuditLog;
  private readonly events: EventBus;
  /** Written on `planned` rows this instance generates for; another process tells from it whether we are alive. */
  private readonly generator = generatorTag();
  private readonly generating = new Set<number>();
  /** Rotations changed by the step under way, announced once it commits. */
  private moved: number[] | null = null;

  constructor(deps: KeyRotationsDeps) {
    this.db = deps.db;
    this.catalog = deps.catalog;
    this.vault = deps.vault;
    this.generation = deps.generation;
    this.audit = deps.audit;
    this.events = deps.events;
    this.records = new RotationRecords(deps.db);
  }

  /** Starts a rotation and resolves once the successor is stored (`ready`, or `switched` if switchAt is due). */
  async start(request: RotationRequest, now?: Date): Promise<KeyRotation> {
    await this.settle(now);
    const startedAt = instant(now);
    const switchAt = request.switchAt === 'now' ? startedAt : request.switchAt === null ? null : new Date(request.switchAt).toISOString();
    if (switchAt !== null && switchAt < startedAt) {
      throw new CourierError('BAD_INPUT', `The switch time ${request.switchAt} is in the past.`, 'Give a later time, or "now".');
    }
    const row = this.step(() => {
      const predecessor = this.catalog.get(request.id);
      this.assertRotatable(predecessor.id, predecessor.role);
      const planned = this.records.insert({
        predecessorId: predecessor.id,
        successorId: newKeyId(),
        jobId: request.jobId,
        overlapDays: request.overlapDays,
        switchAt,
        retireAt: switchAt && addDays(switchAt, request.overlapDays),
        startedAt,
        generator: this.generator,
      });
      this.record('key.rotation-started', planned, { purpose: predecessor.purpose, algorithm: describeAlgorithm(request.algorithm ?? predecessor.algorithm) });
      return planned;
    });
    const predecessor = this.catalog.get(row.predecessor_id);
    this.generating.add(row.id);
    try {
      await this.generation.generate({
        jobId: row.job_id,
        label: request.label ?? successorLabel(predecessor.label, now ?? new Date()),
        purpose: predecessor.purpose,
        algorithm: request.algorithm ?? predecessor.algorithm,
        keyId: row.successor_id,
        onStored: () => this.markReady(row.id, instant(now)),
      });
    } catch (error) {
      const reason: KeyRotationCancelReason = toCourierError(error).code === 'CANCELLED' ? 'requested' : 'generation-failed';
      // Unless a cancel already ended it, the rotation ends here; the generation removed its own file.
      this.step(() => this.records.markCancelled(row.id, 'planned', instant(now), reason) && this.record('key.rotation-cancelled', this.records.get(row.id), { reason }));
      throw error;
    } finally {
      this.generating.delete(row.id);
    }
    this.publish(row.id);
    this.applyDueTransitions(now);
    return toRotation(this.records.get(row.id));
  }

  /** The latest rotation `keyId` takes part in; null if it never took part in one. */
  async current(keyId: string, now?: Date): Promise<KeyRotation | null> {
    await this.settle(now);
    const row = this.records.latestFor(keyId);
    if (row) return toRotation(row);
    this.catalog.get(keyId);
    return null;
  }

  /** Moves sending to the successor now; the overlap starts now. Repeating it after the switch changes nothing. */
  async switchNow(keyId: string, now?: Date): Promise<KeyRotation> {
    await this.settle(now);
    const at = instant(now);
    const row = this.step(() => {
      const latest = this.latestOf(keyId);
      if (latest.state === 'ready') this.switch(latest, at, at);
      else if (latest.state === 'planned') throw conflict(`The successor of "${latest.predecessor_id}" is still being generated.`, 'Wait until the rotation is ready, then switch.');
      else if (latest.state === 'cancelled') throw conflict(`Rotation ${latest.id} of "${latest.predecessor_id}" was cancelled.`, 'Start a new rotation with `courier keys rotate ID`.');
      return this.records.get(latest.id);
    });
    return toRotation(row);
  }

  /** Rolls back before the switch; cancelling a cancelled rotation again changes nothing. */
  async cancel(keyId: string, now?: Date): Promise<KeyRotation> {
    await this.settle(now);
    const at = instant(now);
    const { row, from } = this.step(() => {
      const latest = this.latestOf(keyId);
      if (latest.state === 'switched' || latest.state === 'retired') {
        throw conflict(
          `Rotation ${latest.id} of "${latest.predecessor_id}" has already switched sending to "${latest.successor_id}"; it cannot be rolled back.`,
          `Rotate "${latest.successor_id}" to replace it in turn.`,
        );
      }
      if (latest.state === 'cancelled') return { row: latest, from: null };
      this.records.markCancelled(latest.id, latest.state, at, 'requested');
      if (latest.state === 'ready') this.catalog.remove(latest.successor_id);
      this.record('key.rotation-cancelled', this.records.get(latest.id), { reason: 'requested', successorRemoved: latest.state === 'ready' });
      return { row: this.records.get(latest.id), from: latest.state };
    });
    // A generation still running here ends at once; one in another process finds the rotation cancelled at its commit.
    if (from === 'planned' && this.generating.has(row.id)) this.generation.cancel(row.job_id);
    if (from === 'ready') await this.vault.remove(row.successor_id);
    return toRotation(row);
  }

  /** Applies every switch and retirement due at `now`, each in its own transaction; returns the rotations that moved. */
  applyDueTransitions(now?: Date): KeyRotation[] {
    const at = instant(now);
    const moved: KeyRotation[] = [];
    for (const due of this.records.dueSwitches(at)) {
      if (this.step(() => this.switch(due, at, due.switch_at!))) moved.push(toRotation(this.records.get(due.id)));
    }
    for (const due of this.records.dueRetirements(at)) {
      const retired = this.step(() => this.records.markRetired(due.id, at) && this.record('key.rotation-retired', this.records.get(due.id), { retiredAt: at }));
      if (retired) moved.push(toRotation(this.records.get(due.id)));
    }
    return moved;
  }

  /** Rolls back `planned` rotations whose generating process is gone, and removes files no row refers to. */
  async recoverInterrupted(now?: Date): Promise<KeyRotation[]> {
    const at = instant(now);
    const recovered: KeyRotation[] = [];
    for (const planned of this.records.planned()) {
      if (!this.abandoned(planned, now ?? new Date())) continue;
      const rolledBack = this.step(() => this.records.markCancelled(planned.id, 'planned', at, 'interrupted') && this.record('key.rotation-cancelled', this.records.get(planned.id), { reason: 'interrupted' }));
      if (rolledBack) recovered.push(toRotation(this.records.get(planned.id)));
    }
    for (const cancelled of this.records.cancelledWithoutSuccessor()) {
      if (existsSync(this.vault.pathOf(cancelled.successor_id))) await this.vault.remove(cancelled.successor_id);
    }
    return recovered;
  }

  /** Keys taking part in a rotation that has not ended cannot be deleted. */
  assertNotRotating(keyId: string): void {
    const open = this.records.openFor(keyId)[0];
    if (open) {
      throw conflict(
        `Key "${keyId}" takes part in rotation ${open.id} (${open.state}).`,
        open.state === 'switched' ? `Wait until the predecessor retires (${open.retire_at}).` : 'Cancel the rotation first.',
      );
    }
  }

  /** Applies due steps every `intervalMs` for a host that stays up (serve, desktop); returns the stop function. */
  startClock(intervalMs = 60_000): () => void {
    const timer = setInterval(() => {
      try {
        this.applyDueTransitions();
      } catch (error) {
        logInternalError(error);
      }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async settle(now?: Date): Promise<void> {
    await this.recoverInterrupted(now);
    this.applyDueTransitions(now);
  }

  private assertRotatable(keyId: string, role: string): void {
    if (role === 'incoming') throw conflict(`Key "${keyId}" is a successor that does not send yet.`, 'Switch or cancel the rotation that made it first.');
    if (role === 'receiving-only') throw conflict(`Key "${keyId}" has already been replaced.`, 'Rotate the key that sends now; `courier keys rotation ID` names it.');
    if (role === 'retired') throw conflict(`Key "${keyId}" is retired.`, 'Rotate the key that sends now.');
    const open = this.records.openFor(keyId).find((row) => row.predecessor_id === keyId);
    if (open) throw conflict(`Key "${keyId}" is already being rotated (rotation ${open.id}, ${open.state}).`, 'Follow it with `courier keys rotation ID`, or cancel it first.');
  }

  private latestOf(keyId: string): RotationRow {
    const latest = this.records.latestFor(keyId);
    if (!latest) {
      this.catalog.get(keyId);
      throw new CourierError('NOT_FOUND', `Key "${keyId}" has no rotation.`, 'Start one with `courier keys rotate ID`.');
    }
    return latest;
  }

  /** Runs inside the transaction that stores the successor: the key row and `ready` commit together or not at all. */
  private markReady(id: number, at: string): void {
    if (!this.records.markReady(id, at)) {
      throw new CourierError('CANCELLED', 'The rotation was cancelled while its successor was being generated; nothing was stored.');
    }
    this.record('key.rotation-ready', this.records.get(id), {});
  }

  private switch(row: RotationRow, at: string, switchAt: string): boolean {
    if (!this.records.markSwitched(row.id, at, switchAt, addDays(switchAt, row.overlap_days))) return false;
    const linked = this.db.prepare('UPDATE keys SET successor_id = ? WHERE id = ? AND successor_id IS NULL').run(row.successor_id, row.predecessor_id);
    if (linked.changes !== 1) throw new CourierError('INTERNAL', `Key "${row.predecessor_id}" already has a successor.`);
    this.record('key.rotation-switched', this.records.get(row.id), { switchedAt: at });
    return true;
  }

  private abandoned(row: RotationRow, now: Date): boolean {
    return row.generator === this.generator ? !this.generating.has(row.id) : generatorGone(row.generator, row.started_at, now);
  }

  /** One step: an IMMEDIATE transaction (the state is read under the write lock); its events once it committed. */
  private step<T>(work: () => T): T {
    const moved: number[] = [];
    this.moved = moved;
    let result: T;
    try {
      result = this.db.transaction(work).immediate();
    } finally {
      this.moved = null;
    }
    for (const id of moved) this.publish(id);
    return result;
  }

  private record(action: string, row: RotationRow, details: Record<string, string | number | boolean | null>): true {
    this.audit.append({
      action,
      target: row.predecessor_id,
      details: { rotationId: row.id, successorId: row.successor_id, state: row.state, switchAt: row.switch_at, retireAt: row.retire_at, overlapDays: row.overlap_days, jobId: row.job_id, ...details },
    });
    this.moved?.push(row.id);
    return true;
  }

  private publish(id: number): void {
    const event: CourierEvent = { type: 'keys.rotation', rotation: toRotation(this.records.get(id)) };
    this.events.publish(event);
  }
}
