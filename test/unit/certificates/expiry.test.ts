// Issue 4, expiry: certificates expiring within 30/14/7 days are flagged, and `certs.list` with
// expiringWithinDays returns exactly those due (expired ones included, so a renewal check never goes quiet).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import { DAY_MS, expiryOf } from '../../../electron/core/certificates/expiry';
import type { CourierContext } from '../../../electron/core/home/openHome';
import type { CertificateEntry } from '../../../shared/ipc';
import { openTestHome, tempDir } from '../../support/home';
import { issueCertificate, makeKey } from '../../support/testPki';

describe('expiry flags', () => {
  it('7 / 14 / 30 / ok / expired, by time left; whole days left rounded down, whole days since expiry counted from 1', () => {
    const now = new Date('2030-06-01T12:00:00Z');
    const at = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
    expect(expiryOf(at(-0.01), now)).toEqual({ daysUntilExpiry: -1, expiry: 'expired' });
    expect(expiryOf(at(-3.5), now)).toEqual({ daysUntilExpiry: -3, expiry: 'expired' });
    expect(expiryOf(at(0), now)).toEqual({ daysUntilExpiry: 0, expiry: '7' });
    expect(expiryOf(at(7), now)).toEqual({ daysUntilExpiry: 7, expiry: '7' });
    expect(expiryOf(at(7.01), now)).toEqual({ daysUntilExpiry: 7, expiry: '14' });
    expect(expiryOf(at(14), now)).toEqual({ daysUntilExpiry: 14, expiry: '14' });
    expect(expiryOf(at(30), now)).toEqual({ daysUntilExpiry: 30, expiry: '30' });
    expect(expiryOf(at(30.01), now)).toEqual({ daysUntilExpiry: 30, expiry: 'ok' });
  });
});

describe('certs.list and expiry', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;
  const key = makeKey('ec-p256');
  const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
  const certificates = [60, 5, 20, 10, -3].map((days) => issueCertificate({ commonName: `expires ${days}`, key, notBefore: inDays(-100), notAfter: inDays(days) }));

  beforeAll(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
    const reply = await api.invoke('certs.import', { fileName: 'all.pem', contentBase64: Buffer.from(certificates.map((c) => c.pem).join('')).toString('base64') });
    expect(reply.ok).toBe(true);
  });
  afterAll(() => {
    ctx.close();
    dir.remove();
  });

  async function list(input: Record<string, unknown>): Promise<CertificateEntry[]> {
    const reply = await api.invoke('certs.list', input);
    if (!reply.ok) throw new Error(reply.error.message);
    return (reply.output as { certificates: CertificateEntry[] }).certificates;
  }

  it('notAfter in 5, 10, 20, 60 days is flagged 7, 14, 30, ok; three days ago is expired; soonest first', async () => {
    expect((await list({})).map((c) => [c.subject, c.expiry, c.daysUntilExpiry])).toEqual([
      ['CN=expires -3', 'expired', -3],
      ['CN=expires 5', '7', 4],
      ['CN=expires 10', '14', 9],
      ['CN=expires 20', '30', 19],
      ['CN=expires 60', 'ok', 59],
    ]);
  });

  it('expiringWithinDays 30 returns exactly those due within 30 days; 7 only the 5-day and the expired one', async () => {
    expect((await list({ expiringWithinDays: 30 })).map((c) => c.subject)).toEqual(['CN=expires -3', 'CN=expires 5', 'CN=expires 10', 'CN=expires 20']);
    expect((await list({ expiringWithinDays: 7 })).map((c) => c.subject)).toEqual(['CN=expires -3', 'CN=expires 5']);
    expect(await list({ expiringWithinDays: 365 })).toHaveLength(5);
  });

  it('a negative or fractional day count is BAD_INPUT', async () => {
    expect(await api.invoke('certs.list', { expiringWithinDays: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await api.invoke('certs.list', { expiringWithinDays: 1.5 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
