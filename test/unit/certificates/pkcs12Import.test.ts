// certs.import for PKCS#12 identities: the key joins the keystore as an imported key (encrypted at rest like a
// generated one) with its certificate attached; a wrong or missing password, a hostile iteration count or a
// damaged file is a typed error that stores nothing. Files come from node-forge (its own 3DES, AES, PBE and MAC)
// and from Mendelson AS2's test identity (RC2-40 + 3DES, as `openssl pkcs12 -legacy` writes).
import { createPublicKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { PFX } from '@peculiar/asn1-pfx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { IterationBudget } from '../../../electron/core/certificates/pkcs12KeyDerivation';
import { spkiSha256 } from '../../../electron/core/keys/publicKeyExports';
import type { CourierErrorData, KeySummary, OutputOf } from '../../../shared/ipc';
import { forgePkcs12 } from '../../support/certificateFiles';
import { openTestHome, tempDir } from '../../support/home';
import { issueCertificate, makeKey } from '../../support/testPki';

const MENDELSON = '/work/shared/interop/mendelson-as2';

const ca = issueCertificate({ commonName: 'Identity CA', key: makeKey('rsa-2048'), ca: true });
const own = issueCertificate({ commonName: 'as2.courier.example', key: makeKey('rsa-2048'), issuer: ca, sans: ['as2.courier.example'] });
const PASSWORD = 'Pkcs12-Password-not-kept';

function spkiHashOf(pem: string): string {
  return spkiSha256(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }));
}

describe('certs.import: PKCS#12', () => {
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

  const invoke = (fileName: string, file: Buffer, extra: Record<string, unknown> = {}) =>
    api.invoke('certs.import', { fileName, contentBase64: file.toString('base64'), ...extra });
  async function imported(fileName: string, file: Buffer, extra: Record<string, unknown> = {}) {
    const reply = await invoke(fileName, file, extra);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.output as OutputOf<'certs.import'>;
  }
  function snapshot() {
    return {
      certificates: ctx.db.prepare('SELECT id FROM certificates ORDER BY id').all(),
      keys: ctx.db.prepare('SELECT id FROM keys ORDER BY id').all(),
      files: readdirSync(ctx.paths.keys).sort(),
      audit: ctx.audit.list({ limit: 500 }).entries.length,
    };
  }
  async function refused(fileName: string, file: Buffer, extra: Record<string, unknown> = {}): Promise<CourierErrorData> {
    const before = snapshot();
    const reply = await invoke(fileName, file, extra);
    if (reply.ok) throw new Error(`${fileName} was accepted`);
    expect(snapshot()).toEqual(before);
    expect(JSON.stringify(reply.error)).not.toContain(PASSWORD);
    return reply.error;
  }

  for (const algorithm of ['3des', 'aes256'] as const) {
    it(`forge ${algorithm}: the key lands in keys list (imported, encrypted at rest), its certificate and the CA are attached and listed`, async () => {
      const file = forgePkcs12({ keyPem: own.keyPem, certPems: [own.pem, ca.pem], password: PASSWORD, algorithm, friendlyName: 'Courier AS2 identity' });
      const result = await imported('identity.p12', file, { password: PASSWORD, purpose: 'as2-encryption' });
      expect(result.format).toBe('pkcs12');
      expect(result.keys).toHaveLength(1);
      const key = result.keys[0]!.key;
      expect(key).toMatchObject({ origin: 'imported', purpose: 'as2-encryption', label: 'Courier AS2 identity', algorithm: { type: 'rsa', bits: 2048 }, spkiSha256: spkiHashOf(own.pem) });

      const listed = (await api.invoke('keys.list', {})) as { ok: true; output: { keys: KeySummary[] } };
      expect(listed.output.keys.map((k) => k.id)).toEqual([key.id]);
      const atRest = readFileSync(join(ctx.paths.keys, `${key.id}.p8`), 'utf8');
      expect(atRest).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      expect(createPublicKey(await ctx.keys.vault.open(key.id)).export({ type: 'spki', format: 'der' })).toEqual(createPublicKey(own.keyPem).export({ type: 'spki', format: 'der' }));

      expect(result.certificates.map((c) => [c.certificate.subject, c.certificate.keyId])).toEqual([
        ['CN=as2.courier.example', key.id],
        ['CN=Identity CA', null],
      ]);
      const ofKey = (await api.invoke('certs.list', { keyId: key.id })) as { ok: true; output: OutputOf<'certs.list'> };
      expect(ofKey.output.certificates.map((c) => c.subject)).toEqual(['CN=as2.courier.example']);
      expect(ctx.audit.list({ limit: 10, action: 'key.imported' }).entries[0]).toMatchObject({ target: key.id, details: { fileName: 'identity.p12', format: 'pkcs12', spkiSha256: key.spkiSha256 } });
      expect(JSON.stringify(ctx.audit.list({ limit: 100 }))).not.toContain(PASSWORD);
    });
  }

  it('Mendelson AS2 test identity (RC2-40 certificates, 3DES key; password "test") imports with the key of cert_test_public.pem', async () => {
    const result = await imported('cert_test.p12', readFileSync(join(MENDELSON, 'cert_test.p12')), { password: 'test' });
    expect(result.keys).toHaveLength(1);
    expect(result.keys[0]!.key.spkiSha256).toBe(spkiHashOf(readFileSync(join(MENDELSON, 'cert_test_public.pem'), 'utf8')));
    expect(result.certificates.map((c) => [c.certificate.subject, c.certificate.keyId])).toEqual([['C=AU, ST=Some-State, O=Internet Widgits Pty Ltd\\,, CN=pyas2lib', result.keys[0]!.key.id]]);
  });

  it('importing the same identity twice stores one key, one file, one certificate', async () => {
    const file = forgePkcs12({ keyPem: own.keyPem, certPems: [own.pem], password: PASSWORD, algorithm: 'aes256' });
    const first = await imported('a.p12', file, { password: PASSWORD });
    const before = snapshot();
    const second = await imported('b.p12', file, { password: PASSWORD });
    expect(second.keys).toEqual([{ key: first.keys[0]!.key, alreadyPresent: true }]);
    expect(second.certificates.map((c) => c.alreadyPresent)).toEqual([true]);
    expect(snapshot()).toEqual(before);
  });

  it('a wrong password is WRONG_PASSWORD, no password PASSWORD_REQUIRED: nothing stored, the password never echoed', async () => {
    for (const algorithm of ['3des', 'aes256'] as const) {
      const file = forgePkcs12({ keyPem: own.keyPem, certPems: [own.pem], password: PASSWORD, algorithm });
      expect(await refused('identity.p12', file, { password: `${PASSWORD}x` })).toMatchObject({ code: 'WRONG_PASSWORD', hint: expect.stringContaining('nothing was imported') });
      expect(await refused('identity.p12', file)).toMatchObject({ code: 'PASSWORD_REQUIRED' });
    }
    const mendelson = readFileSync(join(MENDELSON, 'cert_test.p12'));
    expect(await refused('cert_test.p12', mendelson, { password: 'Test' })).toMatchObject({ code: 'WRONG_PASSWORD' });
  });

  it('an empty password opens a file made with one, without asking', async () => {
    const file = forgePkcs12({ keyPem: own.keyPem, certPems: [own.pem], password: '', algorithm: '3des' });
    expect((await imported('open.p12', file)).keys).toHaveLength(1);
  });

  it('a MAC asking for 5,000,000 iterations is refused before any work', async () => {
    const pfx = AsnConvert.parse(forgePkcs12({ keyPem: own.keyPem, certPems: [own.pem], password: PASSWORD, algorithm: '3des' }), PFX);
    pfx.macData.iterations = 5_000_000;
    const started = performance.now();
    const error = await refused('slow.p12', Buffer.from(AsnConvert.serialize(pfx)), { password: PASSWORD });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'BAD_INPUT' });
    expect(error.message).toContain(`more than Courier spends on one file (${IterationBudget.PER_DERIVATION} per key`);
  });

  it('truncated and bit-flipped PKCS#12 files are typed errors that store nothing', async () => {
    const file = forgePkcs12({ keyPem: own.keyPem, certPems: [own.pem], password: PASSWORD, algorithm: 'aes256' });
    for (const cut of [16, 200, file.length / 2, file.length - 40]) {
      expect(['BAD_INPUT', 'WRONG_PASSWORD']).toContain((await refused('cut.p12', file.subarray(0, Math.floor(cut)), { password: PASSWORD })).code);
    }
    const flipped = Buffer.from(file);
    flipped[Math.floor(file.length * 0.6)]! ^= 0x01;
    // The MAC covers the contents, so a flipped bit inside them reads as a wrong password or a damaged file.
    expect(['BAD_INPUT', 'WRONG_PASSWORD']).toContain((await refused('flipped.p12', flipped, { password: PASSWORD })).code);
  });

  it('a key Courier does not hold (RSA-1024) is refused with the reason, and nothing is stored', async () => {
    const weak = issueCertificate({ commonName: 'weak', key: makeKey('rsa-1024') });
    const file = forgePkcs12({ keyPem: weak.keyPem, certPems: [weak.pem], password: PASSWORD, algorithm: '3des' });
    expect((await refused('weak.p12', file, { password: PASSWORD })).message).toContain('RSA 2048/3072/4096 and EC P-256/P-384');
  });
});
