// Key rotation over its whole timeline with an injected clock: which key sends and which keys receive at
// every moment, each step's audit entry and event, and every step that is not allowed answered with a
// typed error that changes nothing.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { successorLabel } from '../../../electron/core/keys/keyRotation';
import type { CourierEvent, KeyRotation, KeySummary } from '../../../shared/ipc';
import { openTestHome, tempDir } from '../../support/home';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date(Date.now() + 60_000);
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('key rotation', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;
  let events: CourierEvent[];
  let unsubscribe: () => void;
  let jobs = 0;

  beforeEach(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
    events = [];
    unsubscribe = ctx.events.subscribe((event) => events.push(event));
  });
  afterEach(() => {
    unsubscribe();
    ctx.close();
    dir.remove();
  });

  const keyFiles = () => readdirSync(ctx.paths.keys).filter((name) => name !== 'master.json').sort();
  const rotationAudit = () =>
    ctx.audit
      .list({ limit: 500 })
      .entries.filter((e) => e.action.startsWith('key.rotation-'))
      .reverse();
  const rotationStates = () => events.flatMap((e) => (e.type === 'keys.rotation' ? [e.rotation.state] : []));
  const ids = (keys: KeySummary[]) => keys.map((k) => k.id);

  function predecessor(label = 'AS2 signing'): Promise<KeySummary> {
    return ctx.keys.generate({ jobId: `job-${++jobs}`, label, purpose: 'as2-signing', algorithm: { type: 'ec', curve: 'P-256' } });
  }

  function rotate(id: string, options: { switchAt?: string | null; overlapDays?: number } = {}, now = T0): Promise<KeyRotation> {
    return ctx.keys.rotations.start({ id, jobId: `rot-${++jobs}`, switchAt: options.switchAt ?? null, overlapDays: options.overlapDays ?? 14 }, now);
  }

  it('walks planned → ready → switched → retired: sending moves at switchAt, the predecessor receives until switchAt + overlap', async () => {
    const a = await predecessor();
    const switchAt = at(DAY).toISOString();
    const rotation = await rotate(a.id, { switchAt, overlapDays: 14 });
    const b = rotation.successorId;

    expect(rotation).toMatchObject({ state: 'ready', predecessorId: a.id, switchAt, retireAt: at(15 * DAY).toISOString(), startedAt: T0.toISOString(), readyAt: T0.toISOString(), overlapDays: 14 });
    expect(ctx.keys.get(b)).toMatchObject({ purpose: 'as2-signing', algorithm: { type: 'ec', curve: 'P-256' }, role: 'incoming', label: successorLabel(a.label, T0) });
    expect(ctx.keys.get(a.id)).toMatchObject({ role: 'active', successorId: null });
    expect(keyFiles()).toEqual([`${a.id}.p8`, `${b}.p8`].sort());

    // Ready: the predecessor still sends; both receive.
    expect(ctx.keys.sendingKeyFor(a.id, at(DAY - 1)).id).toBe(a.id);
    expect(ids(ctx.keys.receivingKeysFor(a.id, at(DAY - 1)))).toEqual([a.id, b]);
    expect(ctx.keys.rotations.applyDueTransitions(at(DAY - 1))).toEqual([]);

    // Switched at switchAt: the successor sends; the predecessor only receives.
    expect(ctx.keys.rotations.applyDueTransitions(at(DAY))).toMatchObject([{ state: 'switched', switchedAt: at(DAY).toISOString(), switchAt }]);
    expect(ctx.keys.get(a.id)).toMatchObject({ role: 'receiving-only', successorId: b });
    expect(ctx.keys.get(b)).toMatchObject({ role: 'active' });
    expect(ctx.keys.sendingKeyFor(a.id, at(DAY)).id).toBe(b);
    expect(ctx.keys.sendingKeyFor(b, at(DAY)).id).toBe(b);
    expect(ids(ctx.keys.receivingKeysFor(a.id, at(15 * DAY - 1)))).toEqual([b, a.id]);
    expect(ids(ctx.keys.receivingKeysFor(b, at(15 * DAY - 1)))).toEqual([b, a.id]);

    // Retired at switchAt + overlap: only the successor receives; the predecessor's file stays.
    expect(ids(ctx.keys.receivingKeysFor(a.id, at(15 * DAY)))).toEqual([b]);
    expect(ctx.keys.get(a.id)).toMatchObject({ role: 'retired', successorId: b });
    expect(existsSync(join(ctx.paths.keys, `${a.id}.p8`))).toBe(true);
    expect(await ctx.keys.rotations.current(a.id, at(16 * DAY))).toMatchObject({ state: 'retired', retiredAt: at(15 * DAY).toISOString() });
    expect(await ctx.keys.rotations.current(b, at(16 * DAY))).toMatchObject({ id: rotation.id, state: 'retired' });

    expect(rotationAudit().map((e) => [e.action, e.target, e.details.state])).toEqual([
      ['key.rotation-started', a.id, 'planned'],
      ['key.rotation-ready', a.id, 'ready'],
      ['key.rotation-switched', a.id, 'switched'],
      ['key.rotation-retired', a.id, 'retired'],
    ]);
    expect(rotationAudit()[0]!.details).toMatchObject({ rotationId: rotation.id, successorId: b, switchAt, overlapDays: 14, algorithm: 'EC P-256' });
    expect(rotationStates()).toEqual(['planned', 'ready', 'switched', 'retired']);
  });

  it('switchAt "now" switches as soon as the successor is stored; a late step keeps the planned timeline', async () => {
    const a = await predecessor();
    const rotation = await rotate(a.id, { switchAt: 'now', overlapDays: 2 });
    expect(rotation).toMatchObject({ state: 'switched', switchAt: T0.toISOString(), retireAt: at(2 * DAY).toISOString() });
    expect(ctx.keys.sendingKeyFor(a.id, T0).id).toBe(rotation.successorId);

    // The app was closed for a week: both late steps happen at once, with the planned dates.
    const b = await predecessor('second');
    const planned = await rotate(b.id, { switchAt: at(DAY).toISOString(), overlapDays: 1 });
    const moved = ctx.keys.rotations.applyDueTransitions(at(7 * DAY));
    expect(moved.filter((r) => r.id === planned.id).map((r) => r.state)).toEqual(['switched', 'retired']);
    expect(await ctx.keys.rotations.current(b.id, at(7 * DAY))).toMatchObject({ switchAt: at(DAY).toISOString(), retireAt: at(2 * DAY).toISOString(), switchedAt: at(7 * DAY).toISOString() });
  });

  it('without a switch time it waits for switchNow, whose overlap starts then; repeating switchNow changes nothing', async () => {
    const a = await predecessor();
    const rotation = await rotate(a.id);
    expect(rotation).toMatchObject({ state: 'ready', switchAt: null, retireAt: null });
    expect(ctx.keys.rotations.applyDueTransitions(at(1000 * DAY))).toEqual([]);
    const switched = await ctx.keys.rotations.switchNow(a.id, at(3 * DAY));
    expect(switched).toMatchObject({ state: 'switched', switchAt: at(3 * DAY).toISOString(), switchedAt: at(3 * DAY).toISOString(), retireAt: at(17 * DAY).toISOString() });
    expect(await ctx.keys.rotations.switchNow(rotation.successorId, at(4 * DAY))).toEqual(switched);
    expect(rotationAudit().map((e) => e.action)).toEqual(['key.rotation-started', 'key.rotation-ready', 'key.rotation-switched']);
  });

  it('cancel before the switch removes the successor (row and file), leaves the predecessor as it was, and a new rotation may start', async () => {
    const a = await predecessor();
    const rotation = await rotate(a.id, { switchAt: at(DAY).toISOString() });
    const cancelled = await ctx.keys.rotations.cancel(a.id, at(1000));
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'requested', cancelledAt: at(1000).toISOString() });
    expect(keyFiles()).toEqual([`${a.id}.p8`]);
    expect(ids(ctx.keys.list())).toEqual([a.id]);
    expect(ctx.keys.get(a.id)).toEqual(a);
    expect(ctx.keys.rotations.applyDueTransitions(at(2 * DAY))).toEqual([]);
    expect(rotationAudit().at(-1)).toMatchObject({ action: 'key.rotation-cancelled', details: { reason: 'requested', successorRemoved: true, successorId: rotation.successorId } });
    // Cancelling again reports the same rotation and records nothing new.
    expect(await ctx.keys.rotations.cancel(a.id, at(2000))).toEqual(cancelled);
    expect(rotationAudit()).toHaveLength(3);

    const again = await rotate(a.id, { switchAt: 'now' });
    expect(again).toMatchObject({ state: 'switched' });
    expect(again.successorId).not.toBe(rotation.successorId);
  });

  it('follows a chain of rotations: A → B switched, B → C ready, then C switched', async () => {
    const a = await predecessor();
    const ab = await rotate(a.id, { switchAt: 'now', overlapDays: 30 });
    const b = ab.successorId;
    const bc = await rotate(b, { switchAt: at(2 * DAY).toISOString(), overlapDays: 1 }, at(DAY));
    const c = bc.successorId;
    expect(ctx.keys.sendingKeyFor(a.id, at(DAY)).id).toBe(b);
    expect(ids(ctx.keys.receivingKeysFor(a.id, at(DAY)))).toEqual([b, c, a.id]);
    expect(ids(ctx.keys.receivingKeysFor(c, at(2 * DAY)))).toEqual([c, b, a.id]);
    expect(ctx.keys.sendingKeyFor(a.id, at(2 * DAY)).id).toBe(c);
    // B retires first (overlap 1 day), A still receives until day 30.
    expect(ids(ctx.keys.receivingKeysFor(a.id, at(3 * DAY)))).toEqual([c, a.id]);
    expect(ids(ctx.keys.receivingKeysFor(a.id, at(30 * DAY)))).toEqual([c]);
    expect(ctx.keys.list().map((k) => [k.id, k.role])).toEqual([
      [c, 'active'],
      [b, 'retired'],
      [a.id, 'retired'],
    ]);
  });

  describe('steps that are not allowed: ROTATION_CONFLICT (or NOT_FOUND / BAD_INPUT), and nothing changes', () => {
    it('rotating a key that is being rotated, a successor before its switch, a replaced key, a retired key', async () => {
      const a = await predecessor();
      const rotation = await rotate(a.id, { switchAt: at(DAY).toISOString(), overlapDays: 1 });
      await expect(rotate(a.id)).rejects.toMatchObject({ code: 'ROTATION_CONFLICT', message: expect.stringContaining('already being rotated') });
      await expect(rotate(rotation.successorId)).rejects.toMatchObject({ code: 'ROTATION_CONFLICT', message: expect.stringContaining('does not send yet') });
      ctx.keys.rotations.applyDueTransitions(at(DAY));
      await expect(rotate(a.id, {}, at(DAY))).rejects.toMatchObject({ code: 'ROTATION_CONFLICT', message: expect.stringContaining('already been replaced') });
      ctx.keys.rotations.applyDueTransitions(at(2 * DAY));
      await expect(rotate(a.id, {}, at(2 * DAY))).rejects.toMatchObject({ code: 'ROTATION_CONFLICT', message: expect.stringContaining('retired') });
      expect(rotationAudit().map((e) => e.action)).toEqual(['key.rotation-started', 'key.rotation-ready', 'key.rotation-switched', 'key.rotation-retired']);
      expect(keyFiles()).toHaveLength(2);
    });

    it('cancelling after the switch, switching a cancelled rotation, steering a key without rotation or an unknown key', async () => {
      const a = await predecessor();
      const switched = await rotate(a.id, { switchAt: 'now' });
      await expect(ctx.keys.rotations.cancel(a.id)).rejects.toMatchObject({ code: 'ROTATION_CONFLICT', message: expect.stringContaining('cannot be rolled back') });
      expect(await ctx.keys.rotations.current(a.id)).toEqual(switched);

      const b = await predecessor('b');
      await rotate(b.id);
      await ctx.keys.rotations.cancel(b.id);
      await expect(ctx.keys.rotations.switchNow(b.id)).rejects.toMatchObject({ code: 'ROTATION_CONFLICT', message: expect.stringContaining('was cancelled') });

      const c = await predecessor('c');
      await expect(ctx.keys.rotations.switchNow(c.id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('has no rotation') });
      await expect(ctx.keys.rotations.cancel(c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await ctx.keys.rotations.current(c.id)).toBeNull();
      for (const step of ['current', 'switchNow', 'cancel'] as const) {
        await expect(ctx.keys.rotations[step]('key-0000000000000000'), step).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('There is no key') });
      }
      await expect(rotate('key-0000000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('deleting either key while their rotation has not ended; after retirement the old key may be deleted', async () => {
      const a = await predecessor();
      const rotation = await rotate(a.id, { switchAt: at(DAY).toISOString(), overlapDays: 1 });
      for (const id of [a.id, rotation.successorId]) {
        expect(await api.invoke('keys.delete', { id, confirm: true })).toMatchObject({ ok: false, error: { code: 'ROTATION_CONFLICT', hint: expect.stringContaining('Cancel the rotation') } });
      }
      ctx.keys.rotations.applyDueTransitions(at(DAY));
      expect(await api.invoke('keys.delete', { id: a.id, confirm: true })).toMatchObject({ ok: false, error: { code: 'ROTATION_CONFLICT', hint: expect.stringContaining('retires') } });
      expect(keyFiles()).toHaveLength(2);
      ctx.keys.rotations.applyDueTransitions(at(2 * DAY));
      expect(await api.invoke('keys.delete', { id: a.id, confirm: true })).toMatchObject({ ok: true });
      expect(ctx.keys.get(rotation.successorId).role).toBe('active');
    });

    it('a switch time in the past: BAD_INPUT, no rotation, no file', async () => {
      const a = await predecessor();
      await expect(rotate(a.id, { switchAt: at(-1).toISOString() })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('in the past') });
      expect(await ctx.keys.rotations.current(a.id)).toBeNull();
      expect(keyFiles()).toEqual([`${a.id}.p8`]);
      expect(rotationAudit()).toEqual([]);
    });

    it('the contract refuses malformed input before anything runs', async () => {
      const a = await predecessor();
      const valid = { id: a.id, jobId: 'job-x' };
      const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        ['keys.rotate', { ...valid, overlapDays: -1 }, /"overlapDays": overlapDays cannot be negative/],
        ['keys.rotate', { ...valid, overlapDays: 366 }, /"overlapDays": overlapDays is at most 365/],
        ['keys.rotate', { ...valid, overlapDays: 1.5 }, /"overlapDays": overlapDays is a whole number/],
        ['keys.rotate', { ...valid, overlapDays: '14' }, /"overlapDays"/],
        ['keys.rotate', { ...valid, switchAt: 'tomorrow' }, /"switchAt": switchAt is an ISO 8601 date-time with a zone/],
        ['keys.rotate', { ...valid, switchAt: '2030-01-01T09:00:00' }, /"switchAt"/],
        ['keys.rotate', { ...valid, jobId: '../x' }, /"jobId"/],
        ['keys.rotate', { ...valid, label: '' }, /"label": A key needs a label/],
        ['keys.rotate', { ...valid, algorithm: { type: 'rsa', bits: 1024 } }, /"algorithm.bits"/],
        ['keys.rotate', { ...valid, purpose: 'tls-client' }, /Unrecognized key/],
        ['keys.cancelRotation', { id: a.id }, /"confirm": Cancelling a rotation needs an explicit confirmation/],
        ['keys.switchNow', { id: '' }, /"id": A key id is needed/],
      ];
      for (const [name, input, message] of cases) {
        expect(await api.invoke(name, input), `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(message) } });
      }
      expect(rotationAudit()).toEqual([]);
      expect(keyFiles()).toEqual([`${a.id}.p8`]);
    });
  });

  it('through the Api: rotate with a label and another algorithm, the rotation query, and events that pass the contract', async () => {
    const a = await predecessor();
    const delivered: unknown[] = [];
    const subscription = api.subscribe('events', {}, (event) => delivered.push(event));
    const reply = await api.invoke('keys.rotate', { id: a.id, jobId: 'wizard-1', label: 'AS2 signing 2027', algorithm: { type: 'ec', curve: 'P-384' }, switchAt: 'now' });
    subscription.unsubscribe();
    expect(reply).toMatchObject({ ok: true, output: { state: 'switched', jobId: 'wizard-1', overlapDays: 14 } });
    const rotation = (reply as { output: KeyRotation }).output;
    expect(ctx.keys.get(rotation.successorId)).toMatchObject({ label: 'AS2 signing 2027', algorithm: { type: 'ec', curve: 'P-384' }, purpose: 'as2-signing', role: 'active' });
    expect(await api.invoke('keys.rotation', { id: a.id })).toEqual({ ok: true, output: { rotation } });
    const kinds = delivered.map((e) => (e as CourierEvent).type);
    expect(kinds).toContain('keys.generation');
    expect(delivered.flatMap((e) => ((e as CourierEvent).type === 'keys.rotation' ? [(e as { rotation: KeyRotation }).rotation.state] : []))).toEqual(['planned', 'ready', 'switched']);
    const generated = delivered.flatMap((e) => ((e as CourierEvent).type === 'keys.generation' ? [(e as { job: { state: string; key: KeySummary | null } }).job] : []));
    expect(generated.at(-1)).toMatchObject({ state: 'succeeded', key: { id: rotation.successorId, role: 'incoming' } });
  });

  it('labels the successor with the day of the rotation without stacking marks', () => {
    const day = new Date('2027-03-01T10:00:00Z');
    expect(successorLabel('PACO signing', day)).toBe('PACO signing (rotated 2027-03-01)');
    expect(successorLabel('PACO signing (rotated 2026-03-01)', day)).toBe('PACO signing (rotated 2027-03-01)');
    expect(successorLabel('x'.repeat(100), day)).toHaveLength(100);
  });
});
