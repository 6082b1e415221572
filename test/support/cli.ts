// Runs the built `courier` binary as a user would: its own process, stdin closed, env of our choosing.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const COURIER_BIN = join(import.meta.dirname, '../../dist/cli/courier.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function courier(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const result = spawnSync(process.execPath, [COURIER_BIN, ...args], {
    env: { ...process.env, COURIER_PASSPHRASE: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a long-running command (serve, demo) and resolves with its first stdout line. */
export function startCourier(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ child: ChildProcessWithoutNullStreams; firstLine: string; stdout: () => string; stderr: () => string }> {
  const child = spawn(process.execPath, [COURIER_BIN, ...args], { env: { ...process.env, COURIER_PASSPHRASE: undefined, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve({ child, firstLine: stdout.slice(0, newline), stdout: () => stdout, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`courier exited with ${code} before printing: ${stderr}`)));
  });
}

export function stopCourier(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
