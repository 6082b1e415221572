// e2e: the shell specs on the browser host (Debian's Chromium) and, where an Electron binary exists, on the
// desktop app through Playwright's _electron. Plus what only the browser host has: its token.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath, electronBinary } from '../support/chromium';
import { launchBrowserHost, launchElectronHost, type E2eHost } from './hosts';
import { shellSpecs } from './shell.specs';

/** Nothing secret may ever appear in what crosses the socket. */
function assertNoSecrets(frames: string[], secrets: string[]): void {
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) {
    expect(frame).not.toMatch(/PRIVATE KEY|wrappedKey|passphrase"\s*:/i);
    for (const secret of secrets) expect(frame).not.toContain(secret);
  }
}

describe('browser host (courier serve) in Chromium', () => {
  const allFrames: string[] = [];
  let host: E2eHost | undefined;
  beforeEach(async () => {
    host = await launchBrowserHost();
  });
  afterEach(async () => {
    if (host) {
      allFrames.push(...host.frames);
      await host.close();
    }
  });
  afterAll(async () => {
    const { TEST_PASSPHRASE } = await import('../support/home');
    assertNoSecrets(allFrames, [TEST_PASSPHRASE]);
  });

  for (const spec of shellSpecs) it(spec.name, () => spec.run(host!), 60_000);

  it('takes the token out of the address bar once it has read it', async () => {
    await host!.page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
    expect(host!.page.url()).not.toContain('token=');
  });
});

describe('browser host: a page without the token gets nothing', () => {
  let host: E2eHost & { url?: string };
  beforeAll(async () => {
    host = await launchBrowserHost();
  });
  afterAll(() => host.close());

  it('without a token: a locked screen, and no WebSocket is even opened', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
    const page = await browser.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const base = new URL(host.url!);
    await page.goto(`${base.origin}/inbox`);
    await page.getByRole('heading', { name: 'Courier is locked' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(sockets).toEqual([]);
    await browser.close();
  });

  it('with a wrong token: the socket is refused and no data frame arrives', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
    const page = await browser.newPage();
    const received: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
    const base = new URL(host.url!);
    await page.goto(`${base.origin}/inbox#token=${'x'.repeat(43)}`);
    await page.getByRole('contentinfo', { name: 'Status' }).getByText(/Refused/).waitFor();
    expect(received).toEqual([]);
    await browser.close();
  });
});

const electron = electronBinary();
const electronSkipReason = 'missing' in electron ? electron.missing : '';
if (electronSkipReason) process.stdout.write(`e2e: Electron specs skipped: ${electronSkipReason}\n`);

describe(`desktop app (Playwright _electron)${electronSkipReason ? ` — skipped: ${electronSkipReason}` : ''}`, () => {
  let host: E2eHost | undefined;
  beforeEach(async () => {
    if ('path' in electron) host = await launchElectronHost(electron.path);
  });
  afterEach(async () => {
    await host?.close();
  });
  for (const spec of shellSpecs) it.skipIf(Boolean(electronSkipReason))(spec.name, () => spec.run(host!), 60_000);
});
