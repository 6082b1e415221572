// The two ways the e2e specs reach the UI: the browser host (`courier serve` in Debian's Chromium) and the
// desktop app (Playwright's _electron), behind one interface so the same specs run on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, chromium, type Browser, type ElectronApplication, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/chromium';
import { startCourier, stopCourier } from '../support/cli';
import { TEST_PASSPHRASE } from '../support/home';

export interface E2eHost {
  kind: 'serve' | 'electron';
  page: Page;
  home: string;
  /** Every WebSocket frame the page sent or received (browser host only). */
  frames: string[];
  /** The app's base URL with its token (browser host only). */
  url?: string;
  /** Everything the host printed on stdout so far (browser host only; the demo prints what it set up). */
  output?: () => string;
  /** Stops the main process while the page stays open (to show how the UI handles it). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

/** `courier serve` on a fresh home, or `courier demo` (simulators and ready profiles) on one. */
export async function launchBrowserHost(
  mode: 'serve' | 'demo' = 'serve',
  options: { prepareHome?: (home: string) => Promise<void> } = {},
): Promise<E2eHost & { browser: Browser }> {
  const home = mkdtempSync(join(tmpdir(), 'courier-e2e-'));
  await options.prepareHome?.(home);
  const args = mode === 'demo' ? ['demo', '--home', home, '--port', '0', '--no-open'] : ['serve', '--home', home, '--port', '0'];
  const server = await startCourier(args, { COURIER_PASSPHRASE: TEST_PASSPHRASE });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => frames.push(String(frame.payload)));
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  await page.goto(server.firstLine);
  let stopped = false;
  return {
    kind: 'serve',
    browser,
    page,
    home,
    frames,
    url: server.firstLine,
    output: server.stdout,
    async stopServer() {
      stopped = true;
      await stopCourier(server.child);
    },
    async close() {
      await browser.close();
      if (!stopped) await stopCourier(server.child);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function launchElectronHost(executablePath: string): Promise<E2eHost> {
  const home = mkdtempSync(join(tmpdir(), 'courier-e2e-electron-'));
  const app: ElectronApplication = await _electron.launch({
    executablePath,
    args: [join(import.meta.dirname, '../../dist/electron/main.js')],
    env: { ...process.env, COURIER_HOME: home, COURIER_PASSPHRASE: TEST_PASSPHRASE } as Record<string, string>,
  });
  const page = await app.firstWindow();
  return {
    kind: 'electron',
    page,
    home,
    frames: [],
    stopServer: () => app.close(),
    async close() {
      await app.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
