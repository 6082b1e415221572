// Builds what the process-level tests run: the bundled CLI (dist/cli) and the renderer (dist/renderer).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  const run = (args: string[]) => execFileSync('npm', ['run', '--silent', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  run(['build:renderer']);
  run(['build:node']);
}
