// A rotation interrupted at any point ends in a state that says what happened: a `planned` rotation whose
// process is gone is rolled back (its successor's file, if written, removed); one whose process is alive
// is left alone; a cancel or a failure during generation leaves neither a row nor a file.
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { newKeyId } from '../../../electron/core/keys/keyGeneration';
import { ABANDONED_GENERATION_MS } from '../../../electron/core/keys/successorGenerator';
import type { KeyGenerationJob, KeySummary } from '../../../shared/ipc';
import { openTestHome, tempDir } from '../../support/home';

describe('key rotation after interruptions', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let jobs = 0;

  beforeEach(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
  });
  afterEach(() => {
    ctx.close();
    dir.remove();
  });

  const keyFiles = () => readdirSync(ctx.paths.keys).filter((name) => name !== 'master.json').sort();
  const rotationActions = () =>
    ctx.audit
      .list({ limit: 500 })
      .entries.filter((e) => e.action.startsWith('key.rotation-'))
      .map((e) => [e.action, e.details.reason ?? null])
      .reverse();

  function predecessor(): Promise<KeySummary> {
    return ctx.keys.generate({ jobId: `job-${++jobs}`, label: 'PACO signing', purpose: 'paco-signing', algorithm: { type: 'ec', curve: 'P-256' } });
  }

  /** What a process that died mid-generation leaves: the `planned` row and, if it got that far, the encrypted file. */
  async function plannedByProcess(predecessorId: string, generator: string, startedAt: Date, withFile: boolean) {
    const successorId = newKeyId();
    const row = ctx.keys.rotations.records.insert({ predecessorId, successorId, jobId: 'crashed', overlapDays: 14, switchAt: null, retireAt: null, startedAt: startedAt.toISOString(), generator });
    if (withFile) await ctx.keys.vault.store(successorId, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' }));
    return row;
  }

  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  it('rolls back a planned rotation whose process died after writing the file: cancelled (interrupted), no file, no row; a new rotation may start', async () => {
    const a = await predecessor();
    const row = await plannedByProcess(a.id, `${deadPid()}:gone`, new Date(), true);
    expect(keyFiles()).toEqual([`${a.id}.p8`, `${row.successor_id}.p8`].sort());

    const rotation = await ctx.keys.rotations.current(a.id);
    expect(rotation).toMatchObject({ id: row.id, state: 'cancelled', cancelReason: 'interrupted', readyAt: null, cancelledAt: expect.any(String) });
    expect(keyFiles()).toEqual([`${a.id}.p8`]);
    expect(ctx.keys.list().map((k) => [k.id, k.role])).toEqual([[a.id, 'active']]);
    expect(rotationActions()).toEqual([['key.rotation-cancelled', 'interrupted']]);

    // Deterministic: asking again changes nothing, and the rerun of the rotation succeeds.
    expect(await ctx.keys.rotations.current(a.id)).toEqual(rotation);
    const rerun = await ctx.keys.rotations.start({ id: a.id, jobId: 'rerun', switchAt: null, overlapDays: 14 });
    expect(rerun).toMatchObject({ state: 'ready' });
    expect(rotationActions()).toEqual([['key.rotation-cancelled', 'interrupted'], ['key.rotation-started', null], ['key.rotation-ready', null]]);
  });

  it('leaves a planned rotation alone while its process is alive, and rolls it back once it is older than the abandonment limit', async () => {
    const a = await predecessor();
    const startedAt = new Date();
    const row = await plannedByProcess(a.id, `${process.pid}:another-home-instance`, startedAt, false);
    expect(await ctx.keys.rotations.current(a.id, new Date(startedAt.getTime() + 60_000))).toMatchObject({ state: 'planned' });
    await expect(ctx.keys.rotations.start({ id: a.id, jobId: 'second', switchAt: null, overlapDays: 14 })).rejects.toMatchObject({ code: 'ROTATION_CONFLICT' });
    expect(await ctx.keys.rotations.current(a.id, new Date(startedAt.getTime() + ABANDONED_GENERATION_MS + 1))).toMatchObject({ id: row.id, state: 'cancelled', cancelReason: 'interrupted' });
  });

  it('removes the file of a cancelled successor whose removal a crash cut short', async () => {
    const a = await predecessor();
    const rotation = await ctx.keys.rotations.start({ id: a.id, jobId: 'r', switchAt: null, overlapDays: 14 });
    // The cancel committed, then the process died before it removed the file: simulate by restoring it.
    const file = (await ctx.keys.vault.open(rotation.successorId)).export({ type: 'pkcs8', format: 'der' });
    await ctx.keys.rotations.cancel(a.id);
    await ctx.keys.vault.store(rotation.successorId, file);
    expect(keyFiles()).toHaveLength(2);
    await ctx.keys.rotations.current(a.id);
    expect(keyFiles()).toEqual([`${a.id}.p8`]);
  });

  it('cancelling the rotation while its successor is generated stops the job: CANCELLED, no row, no file', async () => {
    const a = await predecessor();
    const generation: KeyGenerationJob[] = [];
    const unsubscribe = ctx.events.subscribe((e) => e.type === 'keys.generation' && generation.push(e.job));
    // RSA-4096 takes long enough that the cancel lands during the prime search.
    const started = ctx.keys.rotations.start({ id: a.id, jobId: 'slow', switchAt: null, overlapDays: 14, algorithm: { type: 'rsa', bits: 4096 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await ctx.keys.rotations.cancel(a.id)).toMatchObject({ state: 'cancelled', cancelReason: 'requested' });
    await expect(started).rejects.toMatchObject({ code: 'CANCELLED' });
    unsubscribe();
    expect(generation.map((j) => j.state)).toEqual(['running', 'cancelled']);
    expect(keyFiles()).toEqual([`${a.id}.p8`]);
    expect(ctx.keys.list()).toHaveLength(1);
    expect(rotationActions()).toEqual([['key.rotation-started', null], ['key.rotation-cancelled', 'requested']]);
  });

  it('cancelling the generation job (Ctrl-C in the CLI) cancels the rotation', async () => {
    const a = await predecessor();
    const started = ctx.keys.rotations.start({ id: a.id, jobId: 'ctrl-c', switchAt: null, overlapDays: 14, algorithm: { type: 'rsa', bits: 4096 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ctx.keys.cancelGeneration('ctrl-c')).toBe(true);
    await expect(started).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await ctx.keys.rotations.current(a.id)).toMatchObject({ state: 'cancelled', cancelReason: 'requested' });
    expect(keyFiles()).toEqual([`${a.id}.p8`]);
  });

  it('a cancel from another process that lands while the file is written: the successor row is never committed', async () => {
    const a = await predecessor();
    const store = ctx.keys.vault.store.bind(ctx.keys.vault);
    ctx.keys.vault.store = async (id, bytes) => {
      await store(id, bytes);
      // Another process (same database) cancels between the file write and the commit.
      const planned = ctx.keys.rotations.records.latestFor(a.id)!;
      expect(ctx.keys.rotations.records.markCancelled(planned.id, 'planned', new Date().toISOString(), 'requested')).toBe(true);
    };
    await expect(ctx.keys.rotations.start({ id: a.id, jobId: 'raced', switchAt: null, overlapDays: 14 })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(keyFiles()).toEqual([`${a.id}.p8`]);
    expect(ctx.keys.list().map((k) => k.id)).toEqual([a.id]);
    expect(ctx.audit.list({ limit: 100 }).entries.filter((e) => e.action === 'key.generated')).toHaveLength(1);
  });

  it('a successor that cannot be stored ends the rotation as generation-failed, with nothing left behind', async () => {
    const a = await predecessor();
    ctx.db.exec("CREATE TRIGGER keys_refuse BEFORE INSERT ON keys BEGIN SELECT RAISE(ABORT, 'refused'); END");
    expect(await createCourierApi(ctx).invoke('keys.rotate', { id: a.id, jobId: 'doomed' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await ctx.keys.rotations.current(a.id)).toMatchObject({ state: 'cancelled', cancelReason: 'generation-failed' });
    expect(keyFiles()).toEqual([`${a.id}.p8`]);
    expect(rotationActions()).toEqual([['key.rotation-started', null], ['key.rotation-cancelled', 'generation-failed']]);
  });
});
