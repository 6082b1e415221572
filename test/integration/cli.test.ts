// The `courier` binary as scripts use it: exit codes 0/1/2, one-line errors, --json, no prompt without a TTY.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courier, startCourier, stopCourier } from '../support/cli';
import { tempDir, TEST_PASSPHRASE } from '../support/home';
import { request, tryUpgrade } from '../support/serveHost';

const ERROR_LINE = /^error: [A-Z_]+: .+( \(.+\))?\n$/;

describe('courier CLI', () => {
  let dir: ReturnType<typeof tempDir>;
  let home: string;
  const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
  beforeEach(() => {
    dir = tempDir();
    home = join(dir.path, 'home');
  });
  afterEach(() => dir.remove());

  it('--help lists the commands and exits 0', () => {
    const result = courier(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/usage: courier <command>/);
    for (const command of ['demo', 'serve', 'info', 'audit', 'settings', 'master-key']) expect(result.stdout).toContain(command);
  });

  it('initialises a fresh home without any prompt when COURIER_PASSPHRASE is set, and reports it as JSON', () => {
    const result = courier(['info', '--home', home, '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ host: 'cli', home, paths: { database: join(home, 'courier.db') } });
    expect(existsSync(join(home, 'keys', 'master.json'))).toBe(true);
  });

  it('without a passphrase and without a terminal: PASSPHRASE_REQUIRED, exit 2, no hang', () => {
    const result = courier(['info', '--home', home]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(ERROR_LINE);
    expect(result.stderr).toContain('PASSPHRASE_REQUIRED');
    expect(result.stderr).toContain('COURIER_PASSPHRASE');
  });

  it('a wrong passphrase: WRONG_PASSPHRASE, exit 2, the home still opens with the right one', () => {
    expect(courier(['info', '--home', home], env).status).toBe(0);
    const wrong = courier(['info', '--home', home], { COURIER_PASSPHRASE: 'not the passphrase' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^error: WRONG_PASSPHRASE: /);
    expect(courier(['info', '--home', home], env).status).toBe(0);
  });

  it('unknown commands and flags: BAD_INPUT, exit 2, with a hint', () => {
    const unknown = courier(['fly']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(ERROR_LINE);
    const badFlag = courier(['info', '--colour'], env);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toMatch(/^error: BAD_INPUT: .*\(usage: courier info/);
    const badValue = courier(['settings', 'set', '--theme', 'purple', '--home', home], env);
    expect(badValue.status).toBe(2);
    expect(badValue.stderr).toContain('"theme"');
  });

  it('a corrupt database: STORE_CORRUPT, exit 1, and the file is not replaced', () => {
    expect(courier(['info', '--home', home], env).status).toBe(0);
    writeFileSync(join(home, 'courier.db'), 'garbage'.repeat(1000));
    for (const suffix of ['-wal', '-shm']) writeFileSync(join(home, `courier.db${suffix}`), '');
    const result = courier(['info', '--home', home], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: STORE_CORRUPT: /);
    expect(result.stderr).toMatch(ERROR_LINE);
  });

  it('settings set/get and audit list round-trip through the same Api as the UI', () => {
    expect(courier(['settings', 'set', '--theme', 'dark', '--home', home], env).status).toBe(0);
    expect(JSON.parse(courier(['settings', 'get', '--home', home, '--json'], env).stdout)).toMatchObject({ theme: 'dark' });
    const audit = JSON.parse(courier(['audit', 'list', '--home', home, '--json'], env).stdout);
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain('home.created');
  });

  it('master-key export then restore under a new passphrase keeps the home usable', () => {
    const exportPass = join(dir.path, 'export-pass');
    writeFileSync(exportPass, 'export passphrase\n');
    const exportFile = join(dir.path, 'master.json');
    expect(courier(['info', '--home', home], env).status).toBe(0);
    const exported = courier(['master-key', 'export', '--out', exportFile, '--passphrase-file', exportPass, '--home', home], env);
    expect(exported.status).toBe(0);
    const restored = courier(['master-key', 'restore', exportFile, '--passphrase-file', exportPass, '--home', home], { COURIER_PASSPHRASE: 'a new passphrase entirely' });
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(courier(['info', '--home', home], env).status).toBe(2);
    expect(courier(['info', '--home', home], { COURIER_PASSPHRASE: 'a new passphrase entirely' }).status).toBe(0);
  });

  it('serve: binds 127.0.0.1, prints the URL with its token, serves the contract at /ws, stops on SIGTERM', async () => {
    mkdirSync(home, { recursive: true });
    const { child, firstLine } = await startCourier(['serve', '--home', home, '--port', '0'], env);
    try {
      const url = new URL(firstLine);
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);
      const token = url.hash.replace('#token=', '');
      expect((await tryUpgrade(`ws://127.0.0.1:${url.port}/ws`)).status).toBe(401);
      const { socket } = await tryUpgrade(`ws://127.0.0.1:${url.port}/ws?token=${token}`);
      expect(await request(socket!, { op: 'invoke', id: 1, name: 'app.info', input: {} }, 1)).toMatchObject({ reply: { ok: true, output: { host: 'serve', home } } });
      socket!.close();
    } finally {
      expect(await stopCourier(child)).toBe(0);
    }
  });

  it('demo: starts on a fresh demo home with no passphrase set and prints its URL', async () => {
    const { child, firstLine } = await startCourier(['demo', '--port', '0', '--no-open']);
    try {
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
      const url = new URL(firstLine);
      const { socket } = await tryUpgrade(`ws://127.0.0.1:${url.port}/ws?token=${url.hash.replace('#token=', '')}`);
      const reply = await request(socket!, { op: 'invoke', id: 1, name: 'app.info', input: {} }, 1);
      expect(reply).toMatchObject({ reply: { ok: true, output: { host: 'serve', home: expect.stringMatching(/courier-demo-/) } } });
      socket!.close();
    } finally {
      await stopCourier(child);
    }
  });
});
