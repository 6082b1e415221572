// e2e: finance staff sending ERP extracts over HTTPS, on the browser host started as `courier demo` (the FISCAL
// simulator and its ready profile `demo`) in Chromium. A CSV dropped on the window (a real drop event carrying a
// DataTransfer) opens the Send page with its preview, uploads to FISCAL and shows in History; a malformed CSV shows
// its problem with the line number and nothing is sent; the same CSV goes to a Pagero simulator over OAuth2 with
// a profile made on the Partners page (Connections), its CA trusted for the profile's scope beforehand; two files
// go to Pagero as one zip (a chosen business document with the other as its attachment, as the seed recommends).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageroSimulator, type PageroSimulator } from '../../simulators/pagero/pageroSimulator';
import { courier } from '../support/cli';
import { TEST_PASSPHRASE } from '../support/home';
import { launchBrowserHost, type E2eHost } from './hosts';

const LEDGER = 'date;account;amount\n2026-05-01;4000;12.50\n2026-05-02;4010;99.00\n';
const BROKEN = 'date;account;amount\n2026-05-01;4000;12.50\n2026-05-02;4010\n2026-05-03;4020;7.00\n';
const PAGERO = { username: 'erp-user', password: 'erp-password', clientId: 'courier-client', clientSecret: 'client-secret' };
const PAGERO_PROFILE = 'e2e-pagero';
const INVOICE = '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>42</ID></Invoice>\n';
const SCAN = '%PDF-1.4\n% a scanned delivery note\n%%EOF\n';

/** Drops files on the page the way a file manager does: dragenter, dragover and drop with one DataTransfer. */
async function dropFiles(page: Page, files: { name: string; type: string; content: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.content], file.name, { type: file.type }));
    return transfer;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer });
}

describe('HTTPS delivery on the browser host (courier demo) in Chromium, against the FISCAL and Pagero simulators', () => {
  let host: E2eHost;
  let page: Page;
  let pagero: PageroSimulator;

  beforeAll(async () => {
    pagero = await startPageroSimulator({ ...PAGERO, documentTypes: ['invoice'], sendModes: ['test'] });
    host = await launchBrowserHost('demo', {
      prepareHome: async (home) => {
        const caFile = join(home, 'pagero-simulator-ca.pem');
        writeFileSync(caFile, pagero.caPem);
        const trusted = courier(['tls', 'trust-ca', '--scope', `pagero:${PAGERO_PROFILE}`, '--home', home, caFile], { COURIER_PASSPHRASE: TEST_PASSPHRASE });
        if (trusted.status !== 0) throw new Error(`trust-ca failed: ${trusted.stderr}`);
      },
    });
    page = host.page;
    page.setDefaultTimeout(20_000);
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
  });

  afterAll(async () => {
    await host?.close();
    await pagero?.close();
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const history = () => page.getByRole('table', { name: 'History' });
  const batchRow = (fileName: string) => page.getByRole('table', { name: 'Files to send' }).getByRole('row', { name: new RegExp(fileName.replace('.', '\\.')) });

  async function choose(combobox: string, option: RegExp | string): Promise<void> {
    await page.getByRole('combobox', { name: combobox }).click();
    await page.getByRole('option', { name: option }).click();
  }

  it('opens a CSV dropped on the Inbox on the Send page, previews it, uploads it to FISCAL and lists it in History', async () => {
    await nav('Inbox').click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await dropFiles(page, [{ name: 'ledger-2026-05.csv', type: 'text/csv', content: LEDGER }]);

    await page.getByRole('heading', { level: 1, name: 'Send' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/send');
    const preview = page.getByRole('region', { name: 'Preview of ledger-2026-05.csv' });
    await expect.poll(() => preview.getByLabel('Delimiter', { exact: true }).innerText()).toBe('semicolon (;)');
    await expect.poll(() => preview.getByLabel('Rows', { exact: true }).innerText()).toBe('3');
    await expect.poll(() => preview.getByLabel('Encoding', { exact: true }).innerText()).toMatch(/UTF-8/);
    const firstRows = preview.getByRole('table', { name: 'First rows of ledger-2026-05.csv' });
    await expect.poll(() => firstRows.getByRole('columnheader').allInnerTexts()).toEqual(['Row', 'date', 'account', 'amount']);
    await expect.poll(() => firstRows.getByRole('row').nth(2).innerText()).toMatch(/2026-05-02\s+4010\s+99\.00/);

    await page.getByRole('radio', { name: 'FISCAL' }).check();
    await expect.poll(() => page.getByRole('combobox', { name: 'FISCAL profile' }).inputValue()).toMatch(/^demo /);
    await choose('File type', 'Transactions (APT)');
    await page.getByRole('button', { name: 'Upload to FISCAL' }).click();

    await expect.poll(() => batchRow('ledger-2026-05.csv').innerText(), { timeout: 30_000 }).toMatch(/Sent: /);
    const row = history().getByRole('row', { name: /ledger-2026-05\.csv/ });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toMatch(/FISCAL[\s\S]*Delivered/);
  });

  it('shows a malformed CSV\'s problem with its line number and sends nothing', async () => {
    const before = await history().getByRole('row').count();
    await dropFiles(page, [{ name: 'broken.csv', type: 'text/csv', content: BROKEN }]);
    await page.getByRole('button', { name: 'Preview broken.csv' }).click();
    const problems = page.getByRole('region', { name: 'Preview of broken.csv' }).getByRole('list', { name: 'Problems' });
    await expect.poll(() => problems.innerText()).toMatch(/\bline 3\b/i);
    await expect.poll(() => batchRow('broken.csv').innerText()).toMatch(/problem/);

    await page.getByRole('button', { name: 'Upload to FISCAL' }).click();
    await page.getByRole('alert').getByText('No file passed its check', { exact: false }).waitFor();
    await expect.poll(() => batchRow('broken.csv').innerText()).toMatch(/Ready/);
    expect(await history().getByRole('row').count()).toBe(before);
    await page.getByRole('button', { name: 'Remove broken.csv' }).click();
  });

  it('saves a Pagero profile with OAuth2 on the Partners page and sends the dropped CSV to Pagero', async () => {
    await nav('Partners').click();
    await page.getByRole('button', { name: 'Add Pagero profile' }).click();
    const form = page.getByRole('form', { name: 'New Pagero profile' });
    await form.getByRole('textbox', { name: 'Profile name' }).fill(PAGERO_PROFILE);
    await form.getByRole('textbox', { name: 'Interchange API address' }).fill(pagero.url);
    await form.getByRole('textbox', { name: 'User name' }).fill(PAGERO.username);
    await form.getByLabel(/^Password/).fill(PAGERO.password);
    await form.getByRole('textbox', { name: 'Token endpoint' }).fill(pagero.ssoUrl);
    await form.getByRole('textbox', { name: 'Client id' }).fill(PAGERO.clientId);
    await form.getByLabel(/^Client secret/).fill(PAGERO.clientSecret);
    await form.getByRole('button', { name: 'Save Pagero profile' }).click();
    const profiles = page.getByRole('table', { name: 'Pagero profiles' });
    await expect.poll(() => profiles.getByRole('row', { name: new RegExp(PAGERO_PROFILE) }).innerText()).toMatch(/OAuth2/);

    await dropFiles(page, [{ name: 'invoices-2026-05.csv', type: 'text/csv', content: LEDGER }]);
    await page.getByRole('heading', { level: 1, name: 'Send' }).waitFor();
    await page.getByRole('radio', { name: 'Pagero' }).check();
    await choose('Pagero profile', new RegExp(PAGERO_PROFILE));
    await page.getByRole('textbox', { name: 'Interchange ID' }).fill('E2E-INV-0001');
    await page.getByRole('button', { name: 'Send to Pagero' }).click();

    await expect.poll(() => batchRow('invoices-2026-05.csv').innerText(), { timeout: 30_000 }).toMatch(/Sent: [\s\S]*E2E-INV-0001/);
    expect(pagero.grants.password).toBeGreaterThanOrEqual(1);
    expect(pagero.received.map((document) => [document.interchangeId, document.auth, document.body?.toString('utf8')])).toEqual([['E2E-INV-0001', 'bearer', LEDGER]]);
    const row = history().getByRole('row', { name: /invoices-2026-05\.csv/ });
    await expect.poll(() => row.innerText()).toMatch(/Pagero[\s\S]*Delivered/);
  });

  it('shows an upload in flight with its bytes and cancels it, leaving it unsent and Pagero with nothing new', async () => {
    pagero.stallNextUpload();
    const received = pagero.received.length;
    await dropFiles(page, [{ name: 'stalled-2026-05.csv', type: 'text/csv', content: LEDGER.repeat(200) }]);
    await page.getByRole('button', { name: 'Send to Pagero' }).click();
    // The bytes shown come from the main process's 'transfers.progress' events, not from the page's own guess.
    await expect.poll(() => host.frames.some((frame) => frame.includes('transfers.progress') && frame.includes('stalled-2026-05.csv') && !/"sentBytes":0[,}]/.test(frame))).toBe(true);
    await expect.poll(() => batchRow('stalled-2026-05.csv').innerText()).toMatch(/Uploading: [1-9][\d.]* (bytes|KiB) of 12\.5 KiB sent/);
    await page.getByRole('button', { name: 'Cancel upload of stalled-2026-05.csv' }).click();
    await expect.poll(() => batchRow('stalled-2026-05.csv').innerText(), { timeout: 30_000 }).toMatch(/Cancelled/);
    expect(pagero.received.length).toBe(received);
  });

  it('sends two dropped files to Pagero as one zip: the chosen document at its root, the other as its attachment', async () => {
    await page.getByRole('button', { name: 'Remove all' }).click();
    const received = pagero.received.length;
    await dropFiles(page, [
      { name: 'delivery-scan.pdf', type: 'application/pdf', content: SCAN },
      { name: 'invoice-42.xml', type: 'application/xml', content: INVOICE },
    ]);
    await page.getByRole('radiogroup', { name: 'Pagero batch' }).getByRole('radio', { name: 'One document with attachments (one zip)' }).check();
    await choose('Pagero document', 'invoice-42.xml');
    await page.getByText('Sent as invoice-42.zip: invoice-42.xml at its root, delivery-scan.pdf under attachments/invoice-42/.', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Pagero profile' }).inputValue()).toMatch(new RegExp(`^${PAGERO_PROFILE} `));
    await page.getByRole('textbox', { name: 'Interchange ID' }).fill('E2E-ZIP-0001');
    await page.getByRole('button', { name: 'Send 2 files to Pagero as one zip' }).click();

    for (const name of ['invoice-42.xml', 'delivery-scan.pdf']) {
      await expect.poll(() => batchRow(name).innerText(), { timeout: 30_000 }).toMatch(/Sent: [\s\S]*E2E-ZIP-0001; invoice-42\.zip, the document and 1 attachment/);
    }
    const sent = pagero.received.slice(received);
    expect(sent.map((document) => [document.interchangeId, document.contentType])).toEqual([['E2E-ZIP-0001', 'application/octet-stream']]);
    const entries = Object.entries(unzipSync(new Uint8Array(sent[0]!.body!))).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]);
    expect(entries).toEqual([
      ['invoice-42.xml', INVOICE],
      ['attachments/invoice-42/delivery-scan.pdf', SCAN],
    ]);
    const row = history().getByRole('row', { name: /invoice-42\.zip/ });
    await expect.poll(() => row.innerText()).toMatch(/Pagero[\s\S]*Delivered/);
  });
});
