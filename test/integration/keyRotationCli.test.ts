// `courier keys rotate ID` and `courier keys rotation ID` as scripts call them: the forms, --json, the exit
// codes (0 ok, 1 failure, 2 bad input or a step not allowed now), and a rotation whose process is killed
// mid-generation: another process leaves it alone while that process lives, and rolls it back once it is
// gone, with no orphan key file and no successor row. Runs the built CLI (npm run build:node).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyRotation, KeySummary } from '../../shared/ipc';
import { COURIER_BIN, courier } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';

const ERROR_LINE = /^error: [A-Z_]+: .+\n$/;

describe('courier keys rotate / rotation', () => {
  let dir: ReturnType<typeof tempDir>;
  let home: string;
  const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
  const run = (...args: string[]) => courier(['keys', ...args, '--home', home], env);
  const json = <T>(...args: string[]): T => {
    const result = run(...args, '--json');
    expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  const keys = () => json<{ keys: KeySummary[] }>('list').keys;
  const newKey = (label: string) => json<KeySummary>('generate', '--curve', 'P-256', '--purpose', 'as2-signing', '--label', label).id;
  const keyFiles = () => readdirSync(join(home, 'keys')).filter((name) => name !== 'master.json').sort();

  beforeAll(async () => {
    dir = tempDir();
    home = join(dir.path, 'home');
    (await openTestHome(home)).close();
  });
  afterAll(() => dir.remove());

  it('rotate ID makes a successor of the same algorithm and purpose; rotation ID shows it; --switch-now switches; --cancel after that is refused', () => {
    const id = newKey('AS2 signing');
    const started = run('rotate', id, '--json');
    expect(started.status).toBe(0);
    expect(started.stderr).toContain(`Generating the successor of ${id} (EC P-256)`);
    const rotation = JSON.parse(started.stdout) as KeyRotation;
    expect(rotation).toMatchObject({ state: 'ready', predecessorId: id, switchAt: null, retireAt: null, overlapDays: 14 });
    expect(keys().find((k) => k.id === rotation.successorId)).toMatchObject({ algorithm: { type: 'ec', curve: 'P-256' }, purpose: 'as2-signing', role: 'incoming' });

    const shown = run('rotation', id);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^Rotation ${rotation.id}: ${id} → ${rotation.successorId} {2}ready\n {2}started {5}\\S+\n`));
    expect(shown.stdout).toContain(`on request: courier keys rotation ${id} --switch-now`);
    expect(json<{ rotation: KeyRotation }>('rotation', rotation.successorId)).toEqual({ rotation });

    const again = run('rotate', id);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(ERROR_LINE);
    expect(again.stderr).toMatch(/^error: ROTATION_CONFLICT: Key "key-[0-9a-f]+" is already being rotated/);

    const switched = json<{ rotation: KeyRotation }>('rotation', id, '--switch-now').rotation;
    expect(switched).toMatchObject({ id: rotation.id, state: 'switched', switchedAt: expect.any(String), retireAt: expect.any(String) });
    expect(Date.parse(switched.retireAt!) - Date.parse(switched.switchAt!)).toBe(14 * 24 * 3600 * 1000);
    expect(run('list').stdout.split('\n').find((line) => line.startsWith(id))).toMatch(/ {2}\[receiving-only\]$/);

    const late = run('rotation', id, '--cancel', '--yes');
    expect(late.status).toBe(2);
    expect(late.stderr).toMatch(/^error: ROTATION_CONFLICT: .*cannot be rolled back/);
    expect(late.stderr).toMatch(ERROR_LINE);
  });

  it('--switch-at ISO and --overlap-days set the timeline; --cancel --yes rolls back and removes the successor', () => {
    const id = newKey('scheduled');
    const rotation = json<KeyRotation>('rotate', id, '--switch-at', '2099-01-01T09:00:00+01:00', '--overlap-days', '30', '--label', 'next year');
    expect(rotation).toMatchObject({ state: 'ready', switchAt: '2099-01-01T08:00:00.000Z', retireAt: '2099-01-31T08:00:00.000Z', overlapDays: 30 });
    expect(keys().find((k) => k.id === rotation.successorId)?.label).toBe('next year');

    const cancelled = json<{ rotation: KeyRotation }>('rotation', id, '--cancel', '--yes').rotation;
    expect(cancelled).toMatchObject({ id: rotation.id, state: 'cancelled', cancelReason: 'requested' });
    expect(keys().map((k) => k.id)).not.toContain(rotation.successorId);
    expect(keyFiles()).not.toContain(`${rotation.successorId}.p8`);
  });

  it('--switch-at now with --overlap-days 0 switches and retires at once; the old key stays, retired', () => {
    const id = newKey('compromised');
    const rotation = json<KeyRotation>('rotate', id, '--switch-at', 'now', '--overlap-days', '0');
    expect(rotation).toMatchObject({ state: 'retired', switchedAt: expect.any(String), retiredAt: expect.any(String) });
    expect(keys().find((k) => k.id === id)).toMatchObject({ role: 'retired', successorId: rotation.successorId });
    expect(keyFiles()).toContain(`${id}.p8`);
  });

  it('a key never rotated: rotation ID says so (exit 0, {"rotation": null})', () => {
    const id = newKey('quiet');
    expect(run('rotation', id).stdout).toBe(`Key ${id} has not taken part in a rotation.\n`);
    expect(json('rotation', id)).toEqual({ rotation: null });
  });

  it('bad input exits 2 with one error line and starts nothing', () => {
    const id = newKey('untouched');
    const before = keys().length;
    const cases: Array<[string[], RegExp]> = [
      [['rotate'], /Give exactly one key id/],
      [['rotate', 'key-0000000000000000'], /^error: NOT_FOUND: There is no key/],
      [['rotate', id, '--switch-at', 'tomorrow'], /switchAt is an ISO 8601 date-time with a zone/],
      [['rotate', id, '--switch-at', '2000-01-01T00:00:00Z'], /is in the past/],
      [['rotate', id, '--overlap-days=-1'], /overlapDays cannot be negative/],
      [['rotate', id, '--overlap-days', 'two'], /overlapDays is a whole number/],
      [['rotate', id, '--bits', '2048', '--curve', 'P-256'], /not both/],
      [['rotate', id, '--purpose', 'tls-client'], /Unknown option/],
      [['rotation'], /Give exactly one key id/],
      [['rotation', 'key-0000000000000000'], /^error: NOT_FOUND: /],
      [['rotation', id, '--cancel'], /needs --yes/],
      [['rotation', id, '--yes'], /--yes only confirms --cancel/],
      [['rotation', id, '--switch-now', '--cancel', '--yes'], /not both/],
      [['rotation', id, '--switch-now'], /^error: NOT_FOUND: Key "key-[0-9a-f]+" has no rotation/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(ERROR_LINE);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(keys()).toHaveLength(before);
    expect(json('rotation', id)).toEqual({ rotation: null });
  });

  it('SIGKILL during the successor generation: left alone while the process lives, rolled back once it is gone, nothing orphaned', async () => {
    const id = newKey('crash');
    const filesBefore = keyFiles();
    const child = spawn(process.execPath, [COURIER_BIN, 'keys', 'rotate', id, '--bits', '4096', '--home', home], { env: { ...process.env, ...env } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let stderr = '';
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes(`Generating the successor of ${id} (RSA-4096)`)) resolve();
      }),
    );
    // Frozen mid-generation, the process is alive: another process must not take its rotation away.
    child.kill('SIGSTOP');
    const live = json<{ rotation: KeyRotation }>('rotation', id).rotation;
    expect(live).toMatchObject({ predecessorId: id, state: 'planned', readyAt: null });
    expect(run('rotate', id).stderr).toMatch(/^error: ROTATION_CONFLICT: .*already being rotated \(rotation \d+, planned\)/);

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const after = run('rotation', id, '--json');
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout).rotation).toMatchObject({ id: live.id, state: 'cancelled', cancelReason: 'interrupted', successorId: live.successorId });
    expect(keyFiles()).toEqual(filesBefore);
    expect(readdirSync(join(home, 'keys')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(keys().map((k) => k.id)).not.toContain(live.successorId);
    expect(keys().find((k) => k.id === id)).toMatchObject({ role: 'active', successorId: null });
    const audit = JSON.parse(courier(['audit', 'list', '--action', 'key.rotation-cancelled', '--home', home, '--json'], env).stdout) as { entries: Array<{ target: string; details: Record<string, unknown> }> };
    expect(audit.entries.filter((e) => e.target === id).map((e) => e.details.reason)).toEqual(['interrupted']);

    // Asking again changes nothing; rotating again works.
    expect(JSON.parse(run('rotation', id, '--json').stdout)).toEqual(JSON.parse(after.stdout));
    expect(json<KeyRotation>('rotate', id)).toMatchObject({ state: 'ready' });
  });
});
