import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { openTestHome, tempDir } from '../../support/home';

describe('audit log: append-only, paged, never a secret', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  beforeEach(async () => {
    dir = tempDir();
    ctx = await openTestHome(dir.path);
  });
  afterEach(() => {
    ctx.close();
    dir.remove();
  });

  it('lists entries newest first, a page at a time', () => {
    for (let i = 0; i < 5; i++) ctx.audit.append({ action: 'test.step', target: `t${i}`, details: { i } });
    const first = ctx.audit.list({ limit: 2, action: 'test.step' });
    expect(first.entries.map((e) => e.target)).toEqual(['t4', 't3']);
    const second = ctx.audit.list({ limit: 2, action: 'test.step', before: first.nextBefore! });
    expect(second.entries.map((e) => e.target)).toEqual(['t2', 't1']);
    const last = ctx.audit.list({ limit: 2, action: 'test.step', before: second.nextBefore! });
    expect(last.entries.map((e) => e.target)).toEqual(['t0']);
    expect(last.nextBefore).toBeNull();
  });

  it('records the home creation with the actor and host', () => {
    const [created] = ctx.audit.list({ limit: 10, action: 'home.created' }).entries;
    expect(created).toMatchObject({ action: 'home.created', actor: expect.stringMatching(/^cli:/), target: dir.path });
  });

  it('refuses to change or delete an entry, even with raw SQL', () => {
    ctx.audit.append({ action: 'key.generated' });
    expect(() => ctx.db.prepare("UPDATE audit_log SET action = 'nothing'").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('refuses details whose names say they hold a secret', () => {
    for (const key of ['password', 'clientSecret', 'accessToken', 'privateKey', 'passphrase']) {
      expect(() => ctx.audit.append({ action: 'profile.saved', details: { [key]: 'x' } })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    }
    expect(ctx.audit.list({ limit: 10, action: 'profile.saved' }).entries).toEqual([]);
  });

  it('publishes each new entry as a live event', () => {
    const seen: string[] = [];
    const stop = ctx.events.subscribe((event) => {
      if (event.type === 'audit.appended') seen.push(event.entry.action);
    });
    ctx.audit.append({ action: 'trust.changed' });
    stop();
    expect(seen).toEqual(['trust.changed']);
  });
});
