// Key pairs through the same Api the UI and the CLI use: generate, list, export, delete — and every bad
// input answered with a typed error that leaves the home exactly as it was.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../../electron/api';
import type { CourierContext } from '../../../electron/core/home/openHome';
import { EXPORT_PBKDF2_ITERATIONS } from '../../../electron/core/keys/keyService';
import { procedures, type CourierEvent, type InputOf, type KeySummary, type OutputOf } from '../../../shared/ipc';
import { openTestHome, tempDir } from '../../support/home';

describe('keys through the Api', () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: CourierContext;
  let api: Api;
  let jobs = 0;

  beforeEach(async () => {
    dir = tempDir();
    ctx = await openTestHome(join(dir.path, 'home'));
    api = createCourierApi(ctx);
  });
  afterEach(() => {
    ctx.close();
    dir.remove();
  });

  const call = (name: string, input: unknown) => api.invoke(name, input);

  async function generate(input: Omit<InputOf<'keys.generate'>, 'jobId'>): Promise<KeySummary> {
    const reply = await call('keys.generate', { jobId: `job-${++jobs}`, ...input });
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.output as KeySummary;
  }

  const keyFiles = () => readdirSync(ctx.paths.keys).filter((name) => name !== 'master.json');
  const keyAudit = () => ctx.audit.list({ limit: 500 }).entries.filter((e) => e.action.startsWith('key.'));

  it('generates an EC P-256 key, reports the job as running then succeeded, stores one encrypted file and audits it', async () => {
    const events: CourierEvent[] = [];
    const unsubscribe = ctx.events.subscribe((event) => events.push(event));
    const key = await generate({ label: 'PACO signing 2026', purpose: 'paco-signing', algorithm: { type: 'ec', curve: 'P-256' } });
    unsubscribe();

    expect(key).toMatchObject({ label: 'PACO signing 2026', purpose: 'paco-signing', algorithm: { type: 'ec', curve: 'P-256' }, origin: 'generated', successorId: null });
    expect(key.id).toMatch(/^key-[0-9a-f]{16}$/);
    const jobEvents = events.flatMap((e) => (e.type === 'keys.generation' ? [e.job] : []));
    expect(jobEvents.map((j) => j.state)).toEqual(['running', 'succeeded']);
    expect(jobEvents[1]!.key).toEqual(key);
    expect(keyFiles()).toEqual([`${key.id}.p8`]);
    expect(readFileSync(join(ctx.paths.keys, `${key.id}.p8`), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(keyAudit()).toMatchObject([{ action: 'key.generated', target: key.id, details: { purpose: 'paco-signing', algorithm: 'EC P-256', spkiSha256: key.spkiSha256 } }]);
  });

  it('asks for RSA-4096 when the caller names no algorithm, and for 4096 bits when it names only RSA', () => {
    const parse = (input: Record<string, unknown>) => procedures['keys.generate'].input.parse({ jobId: 'j', label: 'l', purpose: 'paco-signing', ...input }).algorithm;
    expect(parse({})).toEqual({ type: 'rsa', bits: 4096 });
    expect(parse({ algorithm: { type: 'rsa' } })).toEqual({ type: 'rsa', bits: 4096 });
  });

  it('generates RSA-2048 when asked and lists keys newest first, filtered by purpose', async () => {
    const rsa = await generate({ label: 'AS2 signing', purpose: 'as2-signing', algorithm: { type: 'rsa', bits: 2048 } });
    const ec = await generate({ label: 'TLS client', purpose: 'tls-client', algorithm: { type: 'ec', curve: 'P-384' } });
    expect(rsa.algorithm).toEqual({ type: 'rsa', bits: 2048 });
    const all = await call('keys.list', {});
    expect(all).toEqual({ ok: true, output: { keys: [ec, rsa] } });
    expect(await call('keys.list', { purpose: 'as2-signing' })).toEqual({ ok: true, output: { keys: [rsa] } });
    expect(await call('keys.get', { id: ec.id })).toEqual({ ok: true, output: ec });
  });

  it('exports the public key as SPKI PEM and as a JWK whose kid is the key thumbprint, matching the stored private key', async () => {
    const key = await generate({ label: 'PACO encryption', purpose: 'paco-encryption', algorithm: { type: 'rsa', bits: 2048 } });
    const pem = (await call('keys.exportPublic', { id: key.id, format: 'pem' })) as { ok: true; output: Extract<OutputOf<'keys.exportPublic'>, { format: 'pem' }> };
    const jwk = (await call('keys.exportPublic', { id: key.id, format: 'jwk' })) as { ok: true; output: Extract<OutputOf<'keys.exportPublic'>, { format: 'jwk' }> };
    expect(pem.output.pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
    expect(jwk.output.jwk).toMatchObject({ kty: 'RSA', kid: key.jwkThumbprint, use: 'enc', e: 'AQAB' });
    expect(Object.keys(jwk.output.jwk).sort()).toEqual(['e', 'kid', 'kty', 'n', 'use']);
    const stored = await ctx.keys.vault.open(key.id);
    expect(createPublicKey(stored).export({ type: 'spki', format: 'pem' })).toBe(pem.output.pem);
    expect(createPublicKey({ key: { ...jwk.output.jwk }, format: 'jwk' }).export({ type: 'spki', format: 'pem' })).toBe(pem.output.pem);
  });

  it('exports the private key only encrypted, to the chosen file, under the given passphrase, and audits it without the passphrase', async () => {
    const key = await generate({ label: 'AS2 encryption', purpose: 'as2-encryption', algorithm: { type: 'ec', curve: 'P-256' } });
    const path = join(dir.path, 'exported.p8');
    const passphrase = 'export passphrase 12345';
    const reply = await call('keys.exportPrivate', { id: key.id, path, passphrase, confirm: true });
    expect(reply).toEqual({ ok: true, output: { id: key.id, path, format: 'pkcs8-pbes2', kdf: 'pbkdf2-hmac-sha256', iterations: EXPORT_PBKDF2_ITERATIONS, cipher: 'aes-256-cbc' } });
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const opened = createPrivateKey({ key: text, format: 'pem', passphrase });
    expect(createPublicKey(opened).export({ type: 'spki', format: 'der' })).toEqual(createPublicKey(await ctx.keys.vault.open(key.id)).export({ type: 'spki', format: 'der' }));
    expect(() => createPrivateKey({ key: text, format: 'pem', passphrase: 'another passphrase' })).toThrow();

    const audit = keyAudit().find((e) => e.action === 'key.exported-private')!;
    expect(audit).toMatchObject({ target: key.id, details: { path, kdf: 'pbkdf2-hmac-sha256', cipher: 'aes-256-cbc' } });
    expect(JSON.stringify(ctx.audit.list({ limit: 500 }))).not.toContain(passphrase);
  });

  it('refuses to replace an existing file unless asked, and never writes into the keys folder', async () => {
    const key = await generate({ label: 'k', purpose: 'tls-client', algorithm: { type: 'ec', curve: 'P-256' } });
    const path = join(dir.path, 'taken.p8');
    writeFileSync(path, 'keep me');
    const input = { id: key.id, path, passphrase: 'passphrase-1', confirm: true };
    expect(await call('keys.exportPrivate', input)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('already exists') } });
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    expect(await call('keys.exportPrivate', { ...input, overwrite: true })).toMatchObject({ ok: true });
    expect(readFileSync(path, 'utf8')).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);

    const intoVault = { ...input, path: join(ctx.paths.keys, `${key.id}.p8`), overwrite: true };
    expect(await call('keys.exportPrivate', intoVault)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('keys folder') } });
    expect(await ctx.keys.vault.open(key.id)).toBeDefined();
  });

  it('deletes only when confirmed: the row, the file, and an audit entry; afterwards the id is NOT_FOUND', async () => {
    const key = await generate({ label: 'short-lived', purpose: 'as2-signing', algorithm: { type: 'ec', curve: 'P-256' } });
    expect(await call('keys.delete', { id: key.id })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('confirm') } });
    expect(keyFiles()).toEqual([`${key.id}.p8`]);
    expect(await call('keys.delete', { id: key.id, confirm: true })).toEqual({ ok: true, output: { id: key.id, deleted: true } });
    expect(keyFiles()).toEqual([]);
    expect(await call('keys.get', { id: key.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(keyAudit().map((e) => e.action)).toEqual(['key.deleted', 'key.generated']);
  });

  describe('bad input: a typed error, and nothing stored', () => {
    const valid = { label: 'valid', purpose: 'paco-signing', algorithm: { type: 'ec', curve: 'P-256' } };
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['an unknown purpose', { ...valid, purpose: 'smime-signing' }, /"purpose": The purpose is one of/],
      ['RSA 1024 bits', { ...valid, algorithm: { type: 'rsa', bits: 1024 } }, /"algorithm.bits": RSA keys are 2048, 3072, 4096 bits/],
      ['RSA 5000 bits', { ...valid, algorithm: { type: 'rsa', bits: 5000 } }, /"algorithm.bits"/],
      ['curve P-521', { ...valid, algorithm: { type: 'ec', curve: 'P-521' } }, /"algorithm.curve": EC keys use the curve P-256 or P-384/],
      ['an unknown key type', { ...valid, algorithm: { type: 'dsa' } }, /"algorithm.type"/],
      ['an empty label', { ...valid, label: '' }, /"label": A key needs a label/],
      ['a label of spaces', { ...valid, label: '   ' }, /"label": A key needs a label/],
      ['an overlong label', { ...valid, label: 'x'.repeat(101) }, /"label": A label has at most 100 characters/],
      ['a label with control characters', { ...valid, label: 'a\u0000b' }, /"label": A label cannot hold control characters/],
      ['a hostile job id', { ...valid, jobId: '../../etc/passwd' }, /"jobId"/],
      ['an extra field', { ...valid, privateKey: 'x' }, /Unrecognized key/],
    ];
    for (const [what, input, message] of cases) {
      it(`keys.generate with ${what}`, async () => {
        const reply = await call('keys.generate', { jobId: 'job-bad', ...input });
        expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(message) } });
        expect(keyFiles()).toEqual([]);
        expect(await call('keys.list', {})).toEqual({ ok: true, output: { keys: [] } });
        expect(keyAudit()).toEqual([]);
      });
    }

    it('exports and deletes of an unknown id: NOT_FOUND', async () => {
      for (const [name, input] of [
        ['keys.exportPublic', { id: 'key-0000000000000000', format: 'pem' }],
        ['keys.exportPublic', { id: '../master', format: 'jwk' }],
        ['keys.exportPrivate', { id: 'key-0000000000000000', path: join(dir.path, 'x.p8'), passphrase: 'passphrase-1', confirm: true }],
        ['keys.delete', { id: 'key-0000000000000000', confirm: true }],
      ] as const) {
        expect(await call(name, input), name).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
      expect(existsSync(join(dir.path, 'x.p8'))).toBe(false);
    });

    it('export-private without confirmation, with an empty or short passphrase, or to a relative path', async () => {
      const key = await generate(valid as Omit<InputOf<'keys.generate'>, 'jobId'>);
      const path = join(dir.path, 'out.p8');
      const base = { id: key.id, path, passphrase: 'passphrase-1', confirm: true };
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ ...base, confirm: undefined }, /"confirm": Exporting a private key needs an explicit confirmation/],
        [{ ...base, confirm: false }, /"confirm"/],
        [{ ...base, passphrase: '' }, /"passphrase": The passphrase needs at least 8 characters/],
        [{ ...base, passphrase: 'short' }, /"passphrase"/],
        [{ ...base, path: 'relative/out.p8' }, /must be absolute/],
        [{ ...base, path: dir.path }, /is a folder/],
        [{ ...base, path: join(dir.path, 'no-such-folder', 'out.p8') }, /Cannot write/],
      ];
      for (const [input, message] of cases) {
        const reply = await call('keys.exportPrivate', input);
        expect(reply, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(message) } });
        expect(JSON.stringify(reply)).not.toContain('passphrase-1');
      }
      expect(existsSync(path)).toBe(false);
      expect(keyAudit().map((e) => e.action)).toEqual(['key.generated']);
    });

    it('a second job with the id of a running one', async () => {
      const first = call('keys.generate', { jobId: 'same', ...valid, algorithm: { type: 'rsa', bits: 2048 } });
      expect(await call('keys.generate', { jobId: 'same', ...valid })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('already running') } });
      expect(await first).toMatchObject({ ok: true });
      expect(keyFiles()).toHaveLength(1);
    });
  });

  it('a key file that is missing or damaged is reported as such, not as a wrong passphrase', async () => {
    const key = await generate({ label: 'k', purpose: 'tls-client', algorithm: { type: 'ec', curve: 'P-256' } });
    const file = join(ctx.paths.keys, `${key.id}.p8`);
    const exportTo = (name: string) => call('keys.exportPrivate', { id: key.id, path: join(dir.path, name), passphrase: 'passphrase-1', confirm: true });
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(.{40})./m, (_m, head: string) => `${head}${head.endsWith('A') ? 'B' : 'A'}`));
    expect(await exportTo('a.p8')).toMatchObject({ ok: false, error: { code: 'STORE_CORRUPT' } });
    rmSync(file);
    expect(await exportTo('b.p8')).toMatchObject({ ok: false, error: { code: 'STORE_MISSING' } });
    expect(await call('keys.delete', { id: key.id, confirm: true })).toMatchObject({ ok: true });
    expect(await call('keys.exportPublic', { id: key.id, format: 'pem' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
