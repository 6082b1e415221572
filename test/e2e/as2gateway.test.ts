// e2e: the AS2 Gateway on the browser host (`courier demo`, with the gateway simulator and the ready account
// demo-gateway): send a file through the gateway from the Send page and follow it in the Outbox to the gateway's
// "Delivered · MDN Received"; find a message the gateway received in the Inbox (pulled by the sync) and download
// its attachment. No frame the page received carries the account's password or session token.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserHost, type E2eHost } from './hosts';

describe('AS2 Gateway from the Send page, Outbox and Inbox (courier demo)', () => {
  let host: E2eHost;
  let page: Page;

  beforeAll(async () => {
    host = await launchBrowserHost('demo');
    page = host.page;
    page.setDefaultTimeout(20_000);
    const deadline = Date.now() + 30_000;
    while (!/AS2 Gateway simulator:/.test(host.output!()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await page.reload();
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
  });

  afterAll(async () => {
    await host?.close();
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  it('sends through the gateway from the Send page and shows the gateway status in the Outbox', async () => {
    await nav('Send').click();
    await page.getByRole('heading', { level: 1, name: 'Send' }).waitFor();
    await page.getByRole('radio', { name: 'AS2 Gateway' }).check();
    await page.getByLabel('Choose files', { exact: true }).setInputFiles({ name: 'gateway-order.xml', mimeType: 'text/xml', buffer: Buffer.from('<order id="G-1"/>') });
    const form = page.getByRole('form', { name: 'Send through the AS2 Gateway' });
    await form.getByRole('combobox', { name: 'Station' }).click();
    await page.getByRole('option', { name: /COURIER_STATION/ }).click();
    await form.getByRole('combobox', { name: 'Partner', exact: true }).click();
    await page.getByRole('option', { name: /ACME/ }).click();
    await form.getByRole('textbox', { name: 'Subject' }).fill('Gateway order G-1');
    await form.getByRole('button', { name: 'Send through the AS2 Gateway' }).click();
    await page.getByRole('link', { name: 'Open it in the Outbox' }).click();
    await expect.poll(() => page.getByText(/AS2 Gateway: sent · Delivered · MDN Received/).count(), { timeout: 40_000 }).toBeGreaterThan(0);
    await nav('Outbox').click();
    const grid = page.getByRole('grid', { name: 'Outbox messages' });
    await expect.poll(() => grid.getByRole('row', { name: /Gateway order G-1/ }).count()).toBe(1);
    await expect(grid.getByRole('row', { name: /Gateway order G-1/ }).innerText()).resolves.toMatch(/Delivered/i);
  });

  it('shows a message the gateway received in the Inbox and downloads its attachment', async () => {
    await nav('Inbox').click();
    const grid = page.getByRole('grid', { name: 'Inbox messages' });
    const row = grid.getByRole('row', { name: /Purchase order 4711/ });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Payload preview').innerText()).toMatch(/UNB\+UNOC:3\+ACME/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download payload' }).click()]);
    expect(download.suggestedFilename()).toBe('po-4711.edi');
    expect(readFileSync((await download.path())!, 'utf8')).toContain("UNB+UNOC:3+ACME+COURIER+240101:1200+4711'");
  });

  it('never sent the account password or session token to the page', () => {
    const frames = host.frames.join('\n');
    expect(frames).not.toMatch(/"password"\s*:\s*"[^"]/);
    expect(frames).not.toMatch(/eyJ[A-Za-z0-9_-]{30,}/);
  });
});
