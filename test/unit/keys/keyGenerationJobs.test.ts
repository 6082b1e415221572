// A generation job ends one of three ways, each announced on the events subscription: succeeded, cancelled
// (RSA-4096 beside a responsive event loop), or failed — and the last two leave no file, row or audit entry.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import type { KeyGenerationJob } from '../../../shared/ipc';
import { openTestHome, tempDir } from '../../support/home';

describe('key generation jobs', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;

  beforeEach(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
  });
  afterEach(() => {
    ctx.close();
    dir.remove();
  });

  it('ends the job as cancelled, stores nothing, and the event loop kept running throughout', async () => {
    const jobs: KeyGenerationJob[] = [];
    const subscription = api.subscribe('events', {}, (event) => {
      const e = event as { type: string; job?: KeyGenerationJob };
      if (e.type === 'keys.generation') jobs.push(e.job!);
    });

    // A timer that should fire every 10 ms; if generation ran on the event loop, it would stall.
    let ticks = 0;
    let longestGapMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
      ticks++;
    }, 10);

    const started = performance.now();
    const reply = api.invoke('keys.generate', { jobId: 'cancel-me', label: 'never stored', purpose: 'paco-signing', algorithm: { type: 'rsa', bits: 4096 } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const cancelled = await api.invoke('keys.cancelGeneration', { jobId: 'cancel-me' });
    const result = await reply;
    const endedAfterMs = performance.now() - started;
    clearInterval(timer);
    subscription.unsubscribe();

    expect(cancelled).toEqual({ ok: true, output: { jobId: 'cancel-me', cancelled: true } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(jobs.map((job) => job.state)).toEqual(['running', 'cancelled']);
    expect(jobs[1]).toMatchObject({ jobId: 'cancel-me', key: null, error: { code: 'CANCELLED' }, endedAt: expect.any(String) });
    // The reply came as soon as the cancel did, not when OpenSSL's prime search would have finished.
    expect(endedAfterMs).toBeLessThan(1000);
    // Generous bounds for a busy machine; a stalled loop would show a gap as long as the generation itself.
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(longestGapMs).toBeLessThan(300);

    expect(readdirSync(ctx.paths.keys)).toEqual(['master.json']);
    expect(await api.invoke('keys.list', {})).toEqual({ ok: true, output: { keys: [] } });
    expect(ctx.audit.list({ limit: 100 }).entries.filter((e) => e.action.startsWith('key.'))).toEqual([]);
    // The job is gone: cancelling it again is a no-op, and its id is free for a new job.
    expect(await api.invoke('keys.cancelGeneration', { jobId: 'cancel-me' })).toEqual({ ok: true, output: { jobId: 'cancel-me', cancelled: false } });
  });

  it('a cancel that arrives while the key file is being written still leaves nothing behind', async () => {
    const pending = ctx.keys.generate({ jobId: 'late', label: 'late', purpose: 'tls-client', algorithm: { type: 'ec', curve: 'P-256' } });
    // EC generation is fast: cancel as soon as the worker has answered and the vault write has begun.
    const original = ctx.keys.vault.store.bind(ctx.keys.vault);
    ctx.keys.vault.store = async (id, bytes) => {
      const written = original(id, bytes);
      expect(ctx.keys.cancelGeneration('late')).toBe(true);
      await written;
    };
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(ctx.paths.keys)).toEqual(['master.json']);
    expect(ctx.keys.list()).toEqual([]);
  });

  it('a job whose row cannot be written fails, reports it, and removes the key file it had written', async () => {
    ctx.db.exec("CREATE TRIGGER keys_refuse BEFORE INSERT ON keys BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const jobs: KeyGenerationJob[] = [];
    const unsubscribe = ctx.events.subscribe((e) => e.type === 'keys.generation' && jobs.push(e.job));
    const reply = await api.invoke('keys.generate', { jobId: 'doomed', label: 'doomed', purpose: 'as2-signing', algorithm: { type: 'ec', curve: 'P-256' } });
    unsubscribe();
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(jobs.map((job) => job.state)).toEqual(['running', 'failed']);
    expect(jobs[1]).toMatchObject({ error: { code: 'INTERNAL' }, key: null });
    expect(readdirSync(ctx.paths.keys)).toEqual(['master.json']);
    expect(ctx.audit.list({ limit: 100 }).entries.filter((e) => e.action.startsWith('key.'))).toEqual([]);
  });
});
