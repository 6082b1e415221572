// DESIGN §3: private keys are encrypted at rest. After generating and exporting, every byte of the home
// (courier.db, its WAL and shm, the keys folder, blobs) is searched for the private keys in any clear form.
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import type { KeySummary } from '../../../shared/ipc';
import { CLEAR_PEM_MARKERS, filesUnder, findings, secretNeedles } from '../../support/secretScan';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../../support/home';

describe('no private key in the clear anywhere in the home', () => {
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

  it('after generating RSA and EC keys and exporting them, public and private', async () => {
    const exportPassphrase = 'the export passphrase, not to be kept';
    const exportsDir = join(dir.path, 'exports');
    mkdirSync(exportsDir);
    const seenEvents: string[] = [];
    const subscription = api.subscribe('events', {}, (event) => seenEvents.push(JSON.stringify(event)));

    const needles: Array<[string, Buffer]> = [];
    const requests = [
      { purpose: 'paco-signing', algorithm: { type: 'rsa', bits: 2048 } },
      { purpose: 'paco-encryption', algorithm: { type: 'ec', curve: 'P-256' } },
      { purpose: 'tls-client', algorithm: { type: 'ec', curve: 'P-384' } },
    ];
    for (const [i, request] of requests.entries()) {
      const generated = await api.invoke('keys.generate', { jobId: `job-${i}`, label: `key ${i}`, ...request });
      expect(generated.ok).toBe(true);
      const key = (generated as { output: KeySummary }).output;
      expect((await api.invoke('keys.exportPublic', { id: key.id, format: 'jwk' })).ok).toBe(true);
      expect((await api.invoke('keys.exportPublic', { id: key.id, format: 'pem' })).ok).toBe(true);
      const path = join(exportsDir, `${key.id}.p8`);
      expect(await api.invoke('keys.exportPrivate', { id: key.id, path, passphrase: exportPassphrase, confirm: true })).toMatchObject({ ok: true });

      // A decrypted copy, outside the home, tells us what to look for.
      const clear = createPrivateKey({ key: readFileSync(path, 'utf8'), format: 'pem', passphrase: exportPassphrase });
      needles.push(...secretNeedles(clear.export({ type: 'pkcs8', format: 'der' }), clear.export({ format: 'jwk' })));
      needles.push([`file passphrase of ${key.id}`, Buffer.from(ctx.keys.vault.filePassphrase(key.id))]);
    }
    needles.push(['export passphrase', Buffer.from(exportPassphrase)], ['home passphrase', Buffer.from(TEST_PASSPHRASE)]);
    subscription.unsubscribe();

    // The database is still open, so its WAL holds the latest pages: it is searched as it stands.
    expect(existsSync(join(ctx.paths.home, 'courier.db-wal'))).toBe(true);
    const files = filesUnder(ctx.paths.home);
    expect(files.filter((f) => f.endsWith('.p8'))).toHaveLength(3);
    expect(findings(files, needles)).toEqual([]);
    expect(findings(files, CLEAR_PEM_MARKERS.map((m) => [m, Buffer.from(m)]))).toEqual([]);

    const audit = JSON.stringify(ctx.audit.list({ limit: 500 }));
    expect(audit).not.toContain(exportPassphrase);
    expect(seenEvents.filter((e) => needles.some(([, needle]) => e.includes(needle.toString('latin1'))))).toEqual([]);

    // The search can fail: the same scan over a folder holding one clear copy finds it.
    const control = join(dir.path, 'control');
    mkdirSync(control);
    const clear = createPrivateKey({ key: readFileSync(filesUnder(exportsDir)[0]!, 'utf8'), format: 'pem', passphrase: exportPassphrase });
    writeFileSync(join(control, 'clear.der'), clear.export({ type: 'pkcs8', format: 'der' }));
    expect(findings(filesUnder(control), needles).length).toBeGreaterThan(0);
  });
});
