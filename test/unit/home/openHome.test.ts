import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportMasterKey, restoreMasterKey } from '../../../electron/core/home/masterKeyRecovery';
import { openTestHome, tempDir, testProtector } from '../../support/home';

describe('a Courier home: master key and database belong together', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('initialises a fresh home, then reopens it with the same data', async () => {
    const ctx = await openTestHome(dir.path);
    expect(ctx.created).toBe(true);
    const sealed = ctx.secrets.seal('api-token', 'test');
    ctx.close();
    const again = await openTestHome(dir.path);
    expect(again.created).toBe(false);
    expect(again.secrets.openText(sealed, 'test')).toBe('api-token');
    expect(again.audit.list({ limit: 10, action: 'home.created' }).entries).toHaveLength(1);
    again.close();
  });

  it('leaves no half-made home behind when creating it fails (a passphrase refused), so the next try succeeds', async () => {
    await expect(openTestHome(dir.path, { protector: testProtector('short') })).rejects.toMatchObject({ code: expect.any(String) });
    expect(existsSync(join(dir.path, 'courier.db'))).toBe(false);
    const ctx = await openTestHome(dir.path);
    expect(ctx.created).toBe(true);
    ctx.close();
  });

  it('refuses to start an empty store when courier.db is gone but the key is there', async () => {
    (await openTestHome(dir.path)).close();
    renameSync(join(dir.path, 'courier.db'), join(dir.path, 'moved.db'));
    await expect(openTestHome(dir.path)).rejects.toMatchObject({ code: 'STORE_MISSING' });
    expect(existsSync(join(dir.path, 'courier.db'))).toBe(false);
  });

  it('refuses to make a new key when keys/master.json is gone but the database is there', async () => {
    (await openTestHome(dir.path)).close();
    renameSync(join(dir.path, 'keys', 'master.json'), join(dir.path, 'master.bak'));
    await expect(openTestHome(dir.path)).rejects.toMatchObject({ code: 'HOME_UNUSABLE' });
    expect(existsSync(join(dir.path, 'keys', 'master.json'))).toBe(false);
  });

  it('detects a master key from another home (MASTER_KEY_MISMATCH)', async () => {
    const other = tempDir();
    (await openTestHome(dir.path)).close();
    (await openTestHome(other.path)).close();
    renameSync(join(other.path, 'keys', 'master.json'), join(dir.path, 'keys', 'master.json'));
    await expect(openTestHome(dir.path)).rejects.toMatchObject({ code: 'MASTER_KEY_MISMATCH' });
    other.remove();
  });

  it('reports a home path that is a file as HOME_UNUSABLE', async () => {
    const file = join(dir.path, 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(openTestHome(file)).rejects.toMatchObject({ code: 'HOME_UNUSABLE' });
  });

  it('restores an exported master key under a new passphrase, and refuses a foreign one', async () => {
    const ctx = await openTestHome(dir.path);
    const sealed = ctx.secrets.seal('kept', 'test');
    const exported = await exportMasterKey(ctx, 'export passphrase');
    ctx.close();
    const exportFile = join(dir.path, 'master-export.json');
    writeFileSync(exportFile, exported);

    // The keyring "changed": the home now needs a new passphrase, restored from the export.
    await restoreMasterKey(dir.path, exportFile, 'export passphrase', testProtector('a brand new passphrase'));
    const reopened = await openTestHome(dir.path, { protector: testProtector('a brand new passphrase') });
    expect(reopened.secrets.openText(sealed, 'test')).toBe('kept');
    expect(reopened.audit.list({ limit: 5, action: 'master-key.exported' }).entries).toHaveLength(1);
    reopened.close();

    const foreign = tempDir();
    const foreignCtx = await openTestHome(foreign.path);
    writeFileSync(exportFile, await exportMasterKey(foreignCtx, 'export passphrase'));
    foreignCtx.close();
    await expect(restoreMasterKey(dir.path, exportFile, 'export passphrase', testProtector())).rejects.toMatchObject({ code: 'MASTER_KEY_MISMATCH' });
    foreign.remove();
  });

  it('keeps preferences across restarts and falls back to defaults for a damaged file', async () => {
    const ctx = await openTestHome(dir.path);
    expect(ctx.settings.get()).toEqual({ theme: 'system', lastPage: '/inbox' });
    await ctx.settings.set({ theme: 'dark' });
    ctx.close();
    const again = await openTestHome(dir.path);
    expect(again.settings.get().theme).toBe('dark');
    again.close();
    writeFileSync(join(dir.path, 'preferences.json'), '{ broken');
    const third = await openTestHome(dir.path);
    expect(third.settings.get().theme).toBe('system');
    third.close();
  });
});
