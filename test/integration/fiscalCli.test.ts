// `courier fiscal …` as a script runs it (the built CLI, its own process) against the FISCAL simulator: a profile
// saved with --token-file shows when its token expires, an upload exits 0 with FISCAL's answer, a malformed CSV
// exits 2 naming its line before anything is sent, a refused token exits 1, and the token never appears in output.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFiscalSimulator, type FiscalSimulator } from '../../simulators/fiscal/fiscalSimulator';
import { COURIER_BIN, courier } from '../support/cli';
import { tempDir, TEST_PASSPHRASE } from '../support/home';

const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
const TOKEN = 'cli-test-token-0123456789';
const dir = tempDir('courier-fiscal-cli-');
const home = join(dir.path, 'home');
const file = (name: string, text: string) => {
  writeFileSync(join(dir.path, name), text);
  return join(dir.path, name);
};
let sim: FiscalSimulator;

/** The CLI without blocking this process: the simulator it talks to runs here. */
function courierAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [COURIER_BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  sim = await startFiscalSimulator({ customer: 'acme', units: ['acme', 'north'], token: TOKEN, tokenExpiresAt: new Date(Date.now() + 30 * 86_400_000) });
  const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const saved = courier(['fiscal', 'profiles', 'save', '--home', home, '--name', 'acme', '--region', 'euwest', '--customer', 'acme', '--unit', 'north', '--token-file', file('token.txt', `${TOKEN}\n`), '--token-expires', expires, '--base-url', sim.url], env);
  expect(saved.stderr).toBe('');
  expect(saved.status).toBe(0);
  expect(courier(['tls', 'trust-ca', '--home', home, '--scope', 'fiscal:acme', file('ca.pem', sim.caPem)], env).status).toBe(0);
});

afterAll(async () => {
  await sim.close();
  dir.remove();
});

describe('courier fiscal', () => {
  it('lists the profile with its token expiry and the reminder, never the token', () => {
    const list = courier(['fiscal', 'profiles', 'list', '--home', home], env);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/acme\s+acme\/north\s+euwest\s+token expires in 10 days/);
    const show = courier(['fiscal', 'profiles', 'show', 'acme', '--home', home, '--json'], env);
    expect(JSON.parse(show.stdout)).toMatchObject({ unit: 'north', access: { stored: true, expiresInDays: 10, reminder: expect.stringContaining('expires in 10 days') } });
    expect(list.stdout + show.stdout).not.toContain(TOKEN);
  });

  it('uploads a CSV and prints FISCAL\'s answer (exit 0)', async () => {
    const result = await courierAsync(['fiscal', 'upload', '--home', home, '--profile', 'acme', '--type', 'Suppliers', file('suppliers list.csv', 'Id,Name\n1,Acme\n2,Globex\n')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('201 Created');
    expect(sim.uploads.at(-1)).toMatchObject({ unit: 'north', fileType: 'Suppliers', status: 201, fileName: expect.stringMatching(/^suppliers_list_\d{8}T\d{6}Z\.csv$/) });
  });

  it('stops a malformed CSV before upload with its line number (exit 2)', () => {
    const before = sim.uploads.length;
    const result = courier(['fiscal', 'upload', '--home', home, '--profile', 'acme', '--type', 'APT', file('bad.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8\n')], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: BAD_INPUT: bad\.csv was not uploaded \(line 4\)/);
    expect(sim.uploads.length).toBe(before);
    const inspect = courier(['fiscal', 'inspect', '--home', home, join(dir.path, 'bad.csv')], env);
    expect(inspect.status).toBe(2);
    expect(inspect.stdout).toContain('error: line 4: Line 4 has 2 columns; the first line has 3.');
  });

  it('refuses an unknown --type (exit 2) and reports a refused token (exit 1) without showing it', async () => {
    expect(courier(['fiscal', 'upload', '--home', home, '--profile', 'acme', '--type', 'Invoices', join(dir.path, 'bad.csv')], env).status).toBe(2);
    sim.setToken('rotated-token', new Date(Date.now() + 86_400_000));
    const result = await courierAsync(['fiscal', 'upload', '--home', home, '--profile', 'acme', '--type', 'APT', file('ok.csv', 'a,b\n1,2\n')]);
    sim.setToken(TOKEN, new Date(Date.now() + 30 * 86_400_000));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: REMOTE_REJECTED: FISCAL refused the access token \(401 Unauthorized\)/);
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
  });

  it('deletes the profile only with --yes', () => {
    expect(courier(['fiscal', 'profiles', 'delete', 'acme', '--home', home], env).status).toBe(2);
    expect(courier(['fiscal', 'profiles', 'delete', 'acme', '--home', home, '--yes'], env).status).toBe(0);
    expect(courier(['fiscal', 'profiles', 'list', '--home', home], env).stdout).toContain('No FISCAL profiles.');
  });
});
