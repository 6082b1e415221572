// Per-profile trust in courier.db: what may be trusted, what a pin looks like, that each profile sees only
// its own entries, and that every change lands in the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { certificateFacts } from '../../../electron/core/tls/certificateFacts';
import { normalizeSpkiPin } from '../../../electron/core/tls/trustStore';
import { openTestHome, tempDir } from '../../support/home';
import { issueCertificate, makeKey } from '../../support/testPki';

const DAY = 86_400_000;
const root = issueCertificate({ commonName: 'Store Root', key: makeKey('ec-p256'), ca: true });
const intermediate = issueCertificate({ commonName: 'Store Issuing CA', key: makeKey('ec-p256'), issuer: root, ca: true });

describe('normalizeSpkiPin', () => {
  const digest = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
  it('accepts hex, colon-separated hex and base64, all as the same lower-case hex pin', () => {
    const hex = digest.toString('hex');
    expect(normalizeSpkiPin(hex)).toBe(hex);
    expect(normalizeSpkiPin(hex.toUpperCase().match(/../g)!.join(':'))).toBe(hex);
    expect(normalizeSpkiPin(digest.toString('base64'))).toBe(hex);
  });
  it('refuses anything that is not 32 bytes', () => {
    for (const bad of ['', 'abc', digest.subarray(0, 31).toString('base64'), Buffer.alloc(33).toString('base64'), 'z'.repeat(64), `${digest.toString('base64').slice(0, -1)}!`]) {
      expect(() => normalizeSpkiPin(bad), bad).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});

describe('TlsTrustStore', () => {
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

  it('trusts each CA of a bundle once per profile, and only for that profile', () => {
    const first = ctx.tlsTrust.trustCa('as2:acme', root.pem + intermediate.pem);
    expect(first.map((e) => e.label)).toEqual(['CN=Store Root', 'CN=Store Issuing CA']);
    expect(ctx.tlsTrust.trustCa('as2:acme', root.pem).map((e) => e.id)).toEqual([first[0]!.id]);
    ctx.tlsTrust.trustCa('fiscal:default', root.pem);
    expect(ctx.tlsTrust.trustFor('as2:acme').caPems).toHaveLength(2);
    expect(ctx.tlsTrust.trustFor('fiscal:default').caPems).toEqual([certificateFacts(root.der).summary.pem]);
    expect(ctx.tlsTrust.trustFor('pagero:default')).toEqual({ caPems: [], pins: [] });
    expect(ctx.audit.list({ limit: 50, action: 'tls.ca-trusted' }).entries).toHaveLength(3);
  });

  it('refuses what would not help or would harm: a non-CA leaf, an expired CA, a weak CA key, a private key', () => {
    const leaf = issueCertificate({ commonName: 'leaf.example', key: makeKey('ec-p256'), issuer: intermediate });
    const expired = issueCertificate({ commonName: 'Old Root', key: makeKey('ec-p256'), ca: true, notBefore: new Date(Date.now() - 9 * DAY), notAfter: new Date(Date.now() - DAY) });
    const weak = issueCertificate({ commonName: 'Weak Root', key: makeKey('rsa-1024'), ca: true });
    expect(() => ctx.tlsTrust.trustCa('s', leaf.pem)).toThrow(/neither a CA nor self-signed/);
    expect(() => ctx.tlsTrust.trustCa('s', expired.pem)).toThrow(/expired on/);
    expect(() => ctx.tlsTrust.trustCa('s', weak.pem)).toThrow(/1024 bits/);
    expect(() => ctx.tlsTrust.trustCa('s', root.pem + leaf.keyPem)).toThrow(/PRIVATE KEY" block/);
    expect(ctx.tlsTrust.list()).toEqual([]);
  });

  it('pins, lists and removes; removing needs the right profile; each change is audited', () => {
    const pin = ctx.tlsTrust.pin('paco:live', Buffer.alloc(32, 9).toString('hex'), 'CN=paco.example');
    expect(pin).toMatchObject({ kind: 'pin', scope: 'paco:live', spkiSha256: Buffer.alloc(32, 9).toString('hex'), label: 'CN=paco.example' });
    expect(ctx.tlsTrust.pin('paco:live', Buffer.alloc(32, 9).toString('base64')).id).toBe(pin.id);
    expect(ctx.tlsTrust.trustFor('paco:live').pins).toEqual([pin.spkiSha256]);
    expect(() => ctx.tlsTrust.remove('paco:test', pin.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(ctx.tlsTrust.remove('paco:live', pin.id).id).toBe(pin.id);
    expect(ctx.tlsTrust.list('paco:live')).toEqual([]);
    const actions = ctx.audit.list({ limit: 50 }).entries.map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('tls.'))).toEqual(['tls.trust-removed', 'tls.pin-added']);
  });

  it('the table itself refuses a CA row without its certificate', () => {
    expect(() =>
      ctx.db.prepare("INSERT INTO tls_trust (scope, kind, spki_sha256, created_at) VALUES ('s', 'ca', 'x', 'now')").run(),
    ).toThrow(/CHECK constraint/);
  });
});
