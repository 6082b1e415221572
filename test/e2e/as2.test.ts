// e2e: AS2 as an EDI coordinator works it, on the browser host started as `courier demo` (station, partner and
// the AS2 partner simulator ready): send a document from the Send page and see the partner's signed MDN in the
// Outbox; find the simulator's message in the Inbox; make the partner fail and read the explanation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserHost, type E2eHost } from './hosts';

describe('AS2 on the browser host (courier demo) in Chromium, against the AS2 partner simulator', () => {
  let host: E2eHost;
  let page: Page;
  let control: { url: string; dispatcher: Agent };
  let welcomeMessageId: string;

  beforeAll(async () => {
    host = await launchBrowserHost('demo');
    page = host.page;
    page.setDefaultTimeout(20_000);
    // The demo prints what it set up once the welcome message has been answered.
    const deadline = Date.now() + 30_000;
    while (!/AS2 welcome message/.test(host.output!()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const output = host.output!();
    welcomeMessageId = /AS2 welcome message from SIMPARTNER: (\S+?),/.exec(output)![1]!;
    const controlUrl = /(https:\/\/127\.0\.0\.1:\d+)\/control\/received/.exec(output)![1]!;
    control = { url: controlUrl, dispatcher: new Agent({ connect: { ca: readFileSync(join(host.home, 'as2-partner-simulator-ca.pem'), 'utf8') } }) };
    await page.reload();
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
  });

  afterAll(async () => {
    await control?.dispatcher.close();
    await host?.close();
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  async function armFault(fault: Record<string, unknown>): Promise<void> {
    const response = await request(`${control.url}/control/faults`, {
      method: 'POST',
      dispatcher: control.dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault, times: 1 }),
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  }

  async function sendFromSendPage(fileName: string, content: string, subject: string): Promise<void> {
    await nav('Send').click();
    await page.getByRole('heading', { level: 1, name: 'Send' }).waitFor();
    await page.getByRole('combobox', { name: 'Partner' }).click();
    await page.getByRole('option', { name: /SIMPARTNER/ }).click();
    await page.getByLabel('Choose files', { exact: true }).setInputFiles({ name: fileName, mimeType: 'application/edi-x12', buffer: Buffer.from(content) });
    await expect.poll(() => page.getByRole('combobox', { name: 'Document' }).inputValue()).toBe(fileName);
    await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open it in the Outbox' }).click();
  }

  it('sends a document from the Send page and shows the verified, matching MDN in the Outbox', async () => {
    await sendFromSendPage('order-4711.edi', 'ISA*00*          *00*          *ZZ*COURIERDEMO*ZZ*SIMPARTNER~\n', 'Order 4711');
    await expect.poll(() => page.getByLabel('Disposition').innerText(), { timeout: 30_000 }).toMatch(/processed$/);
    await expect.poll(() => page.getByLabel('MIC check').innerText()).toMatch(/match/i);
    await expect.poll(() => page.getByLabel('MDN signature').innerText()).toMatch(/verified/i);
    await expect(page.getByRole('region', { name: 'Explanation' }).count()).resolves.toBe(0);

    await nav('Outbox').click();
    const grid = page.getByRole('grid', { name: 'Outbox messages' });
    await expect.poll(() => grid.getByRole('row', { name: /Order 4711/ }).count()).toBe(1);
    await expect(grid.getByRole('row', { name: /Order 4711/ }).innerText()).resolves.toMatch(/Delivered/i);
  });

  it('shows the message the simulator sent in the Inbox, with its payload', async () => {
    await nav('Inbox').click();
    const grid = page.getByRole('grid', { name: 'Inbox messages' });
    const row = grid.getByRole('row', { name: new RegExp(welcomeMessageId.slice(0, 24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await row.waitFor();
    await row.click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Payload preview').innerText()).toMatch(/\S/);
    await expect.poll(() => page.getByLabel('Disposition').innerText()).toMatch(/processed$/);
  });

  it('opens a failed MDN and explains it in plain words', async () => {
    await armFault({ kind: 'error-disposition', modifier: 'decryption-failed' });
    await sendFromSendPage('order-4712.edi', 'ISA*00*order 4712~\n', 'Order 4712');
    const explanation = page.getByRole('region', { name: 'Explanation' });
    await expect.poll(() => explanation.innerText(), { timeout: 20_000 }).toMatch(/could not decrypt/);
    await expect(explanation.innerText()).resolves.toMatch(/encryption certificate/);
    await expect.poll(() => page.getByLabel('Disposition').innerText()).toMatch(/decryption-failed/);
  });
});
