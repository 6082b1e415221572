import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCourierApi, handlers, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { procedures } from '../../../shared/ipc';
import { openTestHome, tempDir } from '../../support/home';

describe('the api router: validate first, answer with outputs or CourierErrors only', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;
  beforeAll(async () => {
    dir = tempDir();
    ctx = await openTestHome(dir.path);
    api = createCourierApi(ctx);
  });
  afterAll(() => {
    ctx.close();
    dir.remove();
  });

  it('binds exactly the procedures of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(procedures).sort());
  });

  it('answers app.info with the host and where the data lives', async () => {
    const reply = await api.invoke('app.info', {});
    expect(reply).toMatchObject({ ok: true, output: { host: 'cli', home: dir.path, paths: { database: `${dir.path}/courier.db` } } });
  });

  it('refuses an unknown procedure with UNKNOWN_PROCEDURE', async () => {
    expect(await api.invoke('keys.steal', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(await api.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(await api.invoke('constructor', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
  });

  it('refuses a subscription called as a query, and a query subscribed to', async () => {
    expect(await api.invoke('events', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(api.subscribe('app.info', {}, () => undefined).reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
  });

  it('refuses wrong types, unknown fields and out-of-range values with BAD_INPUT naming the field', async () => {
    const wrongType = await api.invoke('settings.set', { theme: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('"theme"') } });
    expect(await api.invoke('settings.set', { theme: 'dark', isAdmin: true })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await api.invoke('audit.list', { limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('"limit"') } });
    expect(await api.invoke('app.info', 'a string')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await api.invoke('settings.set', { lastPage: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(ctx.settings.get().lastPage).toBe('/inbox');
  });

  it('turns an unexpected failure into INTERNAL without its message, which might quote a secret', async () => {
    const failing = createCourierApi({
      ...ctx,
      settings: { get: () => { throw new Error('password=hunter2 leaked'); } },
    } as unknown as CourierContext);
    const reply = await failing.invoke('settings.get', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
  });

  it('passes outputs through the contract, dropping any field it does not name', async () => {
    const sneaky = createCourierApi({
      ...ctx,
      settings: { get: () => ({ theme: 'light', lastPage: '/keys', privateKeyPem: '-----BEGIN PRIVATE KEY-----' }) },
    } as unknown as CourierContext);
    const reply = await sneaky.invoke('settings.get', {});
    expect(reply).toEqual({ ok: true, output: { theme: 'light', lastPage: '/keys' } });
  });

  it('delivers events to a subscriber until it unsubscribes', async () => {
    const received: unknown[] = [];
    const subscription = api.subscribe('events', {}, (event) => received.push(event));
    expect(subscription.reply.ok).toBe(true);
    await api.invoke('settings.set', { theme: 'light' });
    subscription.unsubscribe();
    await api.invoke('settings.set', { theme: 'dark' });
    expect(received).toEqual([{ type: 'settings.changed', settings: { theme: 'light', lastPage: '/inbox' } }]);
    expect(z.array(procedures.events.output).safeParse(received).success).toBe(true);
  });
});
