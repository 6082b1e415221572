// `courier keys …` exactly as scripts call it: the forms, their exit codes (0 ok, 1 failure, 2 bad input),
// one-line errors, and --json output. Runs the built CLI (npm run build:node).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURIER_BIN, courier } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';

const ERROR_LINE = /^error: [A-Z_]+: .+\n$/;

describe('courier keys', () => {
  let dir: ReturnType<typeof tempDir>;
  let home: string;
  const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
  const run = (...args: string[]) => courier(['keys', ...args, '--home', home], env);
  const listIds = () => (JSON.parse(run('list', '--json').stdout) as { keys: Array<{ id: string }> }).keys.map((k) => k.id);

  beforeAll(async () => {
    dir = tempDir();
    home = join(dir.path, 'home');
    // A home made with the tests' cheap scrypt cost, so each CLI process opens it quickly.
    (await openTestHome(home)).close();
  });
  afterAll(() => dir.remove());

  it('keys generate --bits 2048 --purpose --label --json prints the new key with its id; --curve makes an EC key', () => {
    const rsa = run('generate', '--bits', '2048', '--purpose', 'paco-signing', '--label', 'PACO signing', '--json');
    expect(rsa.status).toBe(0);
    expect(JSON.parse(rsa.stdout)).toMatchObject({ id: expect.stringMatching(/^key-[0-9a-f]{16}$/), label: 'PACO signing', purpose: 'paco-signing', algorithm: { type: 'rsa', bits: 2048 } });
    expect(rsa.stderr).toContain('Generating a key pair (RSA-2048)');

    const ec = run('generate', '--curve', 'P-384', '--purpose', 'tls-client', '--label', 'TLS client');
    expect(ec.status).toBe(0);
    expect(ec.stdout).toMatch(/^key-[0-9a-f]{16} {2}EC P-384 +tls-client +\S+ {2}TLS client\nSPKI SHA-256 {2}[0-9a-f]{64}\nJWK kid {7}[A-Za-z0-9_-]{43}\n$/);
    expect(listIds()).toContain(JSON.parse(rsa.stdout).id);
  });

  it('keys list prints one line per key, or its JSON', () => {
    const id = JSON.parse(run('generate', '--curve', 'P-256', '--purpose', 'as2-signing', '--label', 'listed', '--json').stdout).id as string;
    const human = run('list');
    expect(human.status).toBe(0);
    expect(human.stdout.split('\n').find((line) => line.startsWith(id))).toMatch(/EC P-256 +as2-signing .* listed$/);
    const json = run('list', '--purpose', 'as2-signing', '--json');
    expect(JSON.parse(json.stdout).keys.map((k: { id: string }) => k.id)).toEqual([id]);
  });

  it('keys export-public ID --format pem prints the PEM block on stdout; jwk prints the JWK; --json the whole result', () => {
    const key = JSON.parse(run('generate', '--curve', 'P-256', '--purpose', 'paco-encryption', '--label', 'pub', '--json').stdout) as { id: string; jwkThumbprint: string; spkiSha256: string };
    const pem = run('export-public', key.id, '--format', 'pem');
    expect(pem.status).toBe(0);
    expect(pem.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
    expect(pem.stderr).toBe('');
    const jwk = run('export-public', key.id, '--format', 'jwk');
    expect(JSON.parse(jwk.stdout)).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.jwkThumbprint, use: 'enc' });
    const json = run('export-public', key.id, '--format', 'pem', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ id: key.id, format: 'pem', spkiSha256: key.spkiSha256, pem: pem.stdout });
  });

  it('keys export-private ID --out FILE --passphrase-file F --yes writes encrypted PKCS#8; without --yes or with an empty passphrase file it refuses (exit 2)', () => {
    const id = JSON.parse(run('generate', '--curve', 'P-256', '--purpose', 'as2-encryption', '--label', 'priv', '--json').stdout).id as string;
    const passFile = join(dir.path, 'pass');
    const out = join(dir.path, 'exported.p8');
    writeFileSync(passFile, '');
    const empty = run('export-private', id, '--out', out, '--passphrase-file', passFile, '--yes');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/^error: BAD_INPUT: The passphrase file .* is empty\./);

    writeFileSync(passFile, 'a good passphrase\n');
    const unconfirmed = run('export-private', id, '--out', out, '--passphrase-file', passFile);
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toMatch(ERROR_LINE);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(run('export-private', id, '--out', out, '--passphrase-file', join(dir.path, 'missing'), '--yes').status).toBe(2);
    expect(existsSync(out)).toBe(false);

    const done = run('export-private', id, '--out', out, '--passphrase-file', passFile, '--yes', '--json');
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ id, path: out, format: 'pkcs8-pbes2' });
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const audit = courier(['audit', 'list', '--action', 'key.exported-private', '--home', home, '--json'], env);
    expect(JSON.parse(audit.stdout).entries).toHaveLength(1);
    expect(audit.stdout).not.toContain('a good passphrase');
  });

  it('keys delete ID --yes deletes; without --yes it refuses (exit 2); an unknown id is NOT_FOUND (exit 2)', () => {
    const id = JSON.parse(run('generate', '--curve', 'P-256', '--purpose', 'tls-client', '--label', 'gone', '--json').stdout).id as string;
    const unconfirmed = run('delete', id);
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toMatch(/^error: BAD_INPUT: Deleting a key needs --yes/);
    expect(listIds()).toContain(id);
    const deleted = run('delete', id, '--yes', '--json');
    expect(deleted.status).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ id, deleted: true });
    expect(listIds()).not.toContain(id);
    for (const args of [['delete', id, '--yes'], ['export-public', id, '--format', 'pem']]) {
      const missing = run(...args);
      expect(missing.status, args.join(' ')).toBe(2);
      expect(missing.stderr).toMatch(/^error: NOT_FOUND: /);
      expect(missing.stderr).toMatch(ERROR_LINE);
    }
  });

  it('bad input exits 2 with one error line and stores nothing', () => {
    const before = listIds();
    const cases: Array<[string[], RegExp]> = [
      [['generate', '--bits', '1024', '--purpose', 'paco-signing', '--label', 'x'], /RSA keys are 2048, 3072, 4096 bits/],
      [['generate', '--bits', '5000', '--purpose', 'paco-signing', '--label', 'x'], /RSA keys are/],
      [['generate', '--bits', 'many', '--purpose', 'paco-signing', '--label', 'x'], /RSA keys are/],
      [['generate', '--curve', 'P-521', '--purpose', 'paco-signing', '--label', 'x'], /EC keys use the curve P-256 or P-384/],
      [['generate', '--bits', '2048', '--curve', 'P-256', '--purpose', 'paco-signing', '--label', 'x'], /not both/],
      [['generate', '--curve', 'P-256', '--purpose', 'smime', '--label', 'x'], /The purpose is one of/],
      [['generate', '--curve', 'P-256', '--purpose', 'paco-signing'], /--label is required/],
      [['generate', '--curve', 'P-256', '--purpose', 'paco-signing', '--label', ''], /A key needs a label/],
      [['generate', '--curve', 'P-256', '--purpose', 'paco-signing', '--label', 'x'.repeat(101)], /at most 100 characters/],
      [['export-public', 'key-0000000000000000', '--format', 'der'], /"format"/],
      [['export-public'], /exactly one key id/],
      [['rotate', 'key-0000000000000000'], /^error: NOT_FOUND: There is no key/],
      [['renew', 'key-0000000000000000'], /Unknown keys command/],
      [['generate', '--colour', 'blue'], /Unknown option/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(ERROR_LINE);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(listIds()).toEqual(before);
  });

  it('Ctrl-C during a default (RSA-4096) generation cancels it: exit 1, CANCELLED, nothing stored', async () => {
    const before = listIds();
    const child = spawn(process.execPath, [COURIER_BIN, 'keys', 'generate', '--purpose', 'paco-signing', '--label', 'interrupted', '--home', home], {
      env: { ...process.env, ...env },
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('Generating a key pair (RSA-4096)')) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/\nerror: CANCELLED: Key generation was cancelled/);
    expect(listIds()).toEqual(before);
  });
});
