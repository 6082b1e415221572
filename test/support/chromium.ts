// Finds the Chromium the e2e specs drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium; installs Debian's
// package when running as root with apt, otherwise stops with the one command to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    process.stderr.write('e2e: Chromium not found; installing Debian\'s chromium package…\n');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  throw new Error('The e2e tests need Chromium. Run: sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary)');
}

/** The Electron binary, when one was downloaded (it cannot be here: ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronBinary(): { path: string } | { missing: string } {
  try {
    const path = execFileSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
  } catch {
    return { missing: 'the electron package has no binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; this machine cannot download it)' };
  }
}
