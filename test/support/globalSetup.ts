// Builds what the process-level tests run (the bundled CLI in dist/cli, the renderer in dist/renderer) and
// makes sure the e2e specs have a Chromium.
import { execFileSync } from 'node:child_process';
import { chromiumPath } from './chromium';

export default function setup(): void {
  // For quick loops over tests that need neither dist/ nor a browser (unit, interop): COURIER_TEST_NO_BUILD=1.
  if (process.env.COURIER_TEST_NO_BUILD === '1') return;
  const run = (args: string[]) => {
    try {
      execFileSync('npm', ['run', '--silent', ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run ${args.join(' ')} failed:\n${stdout}${stderr}`);
    }
  };
  // The full build: typecheck (so a contract change that breaks either side fails the run), renderer, Node bundles.
  run(['build']);
  // Fails the run up front, with the command to run, when no Chromium can be had.
  process.env.CHROMIUM_PATH = chromiumPath();
}
