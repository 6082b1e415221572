// e2e: the Keys page on the browser host, as a security officer uses it — generate an EC key, cancel an
// RSA-4096 generation, export the private key to a file openssl opens, delete the key — and proof that
// no frame the page received carried the export passphrase or a private key.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserHost, type E2eHost } from './hosts';

const EXPORT_PASSPHRASE = 'e2e export passphrase 7f3c';
const LABEL = 'e2e signing';

describe('Keys page on the browser host (courier serve) in Chromium', () => {
  let host: E2eHost;
  let page: Page;
  let outDir: string;
  const received: string[] = [];
  const sent: string[] = [];
  let shownPem = '';

  beforeAll(async () => {
    host = await launchBrowserHost();
    page = host.page;
    page.setDefaultTimeout(10_000);
    outDir = mkdtempSync(join(tmpdir(), 'courier-e2e-export-'));
    // launchBrowserHost mixes both directions into host.frames; keep the page's received frames apart.
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(String(frame.payload)));
      socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    });
    // The first socket opened before this listener existed: reload (the token is kept for the tab) to watch one from its start.
    await page.reload();
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Keys', exact: true }).waitFor();
  });

  afterAll(async () => {
    await host?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const keysTable = () => page.getByRole('table', { name: 'Key pairs' });
  const status = () => page.getByRole('main').getByRole('status');
  const details = (label: string) => page.getByRole('region', { name: label, exact: true });

  async function openGenerateDialog(): Promise<Locator> {
    await page.getByRole('button', { name: 'Generate key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate key' });
    await dialog.waitFor();
    return dialog;
  }

  async function choose(dialog: Locator, field: string, option: RegExp): Promise<void> {
    await dialog.getByRole('combobox', { name: field }).click();
    await page.getByRole('option', { name: option }).click();
  }

  it('generates an EC P-256 key through the dialog; the row appears and the details show its PEM and JWK', async () => {
    await page.getByText('No keys yet').waitFor();
    const dialog = await openGenerateDialog();

    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await dialog.getByText('A key needs a label.').waitFor();
    await dialog.getByText('Choose what the key is for.').waitFor();

    await dialog.getByRole('textbox', { name: 'Label' }).fill(LABEL);
    expect(await dialog.getByRole('combobox', { name: 'Algorithm' }).inputValue()).toBe('RSA 4096');
    await choose(dialog, 'Purpose', /^PACO signing/);
    await choose(dialog, 'Algorithm', /^EC P-256$/);
    await dialog.getByText('2C2P asks for RSA 4096 key pairs for PACO').waitFor();
    await choose(dialog, 'Purpose', /^TLS client authentication/);
    await dialog.getByText('Check the algorithm').waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();

    await status().getByText('Key generated').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = keysTable().getByRole('row', { name: new RegExp(LABEL) });
    await row.getByText('EC P-256').waitFor();
    await row.getByText('TLS client authentication').waitFor();

    const panel = details(LABEL);
    const pemBlock = panel.getByRole('region', { name: 'Public key (PEM)' });
    await pemBlock.getByText('-----BEGIN PUBLIC KEY-----').waitFor();
    shownPem = (await pemBlock.locator('pre').innerText()).trim();
    // The fingerprint shown is the SHA-256 of the DER SubjectPublicKeyInfo of the PEM shown, as Node computes it.
    const der = createPublicKey(shownPem).export({ type: 'spki', format: 'der' });
    const fingerprint = createHash('sha256').update(der).digest('hex');
    await panel.getByText(fingerprint, { exact: true }).waitFor();
    expect(execFileSync('openssl', ['pkey', '-pubin', '-noout', '-text'], { input: shownPem, encoding: 'utf8' })).toMatch(/prime256v1|P-256/);

    const jwkBlock = panel.getByRole('region', { name: 'JWK' });
    const jwk = JSON.parse(await jwkBlock.locator('pre').innerText()) as Record<string, string>;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    await row.getByText(`${jwk.kid!.slice(0, 8)}…`).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), pemBlock.getByRole('button', { name: 'Download .pem' }).click()]);
    expect(download.suggestedFilename()).toBe('e2e-signing.pem');
    expect(readFileSync(await download.path(), 'utf8').trim()).toBe(shownPem);
  });

  it('cancels a running RSA-4096 generation: the dialog shows its progress, then "cancelled", and no row is added', async () => {
    const dialog = await openGenerateDialog();
    await dialog.getByRole('textbox', { name: 'Label' }).fill('e2e cancelled');
    await choose(dialog, 'Purpose', /^PACO signing/);
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    // RSA-4096 prime search takes 0.2 s to a few seconds here: look, then cancel at once.
    await dialog.getByText(/Generating RSA 4096 key… \d+ s/).waitFor();
    expect(await dialog.getByRole('progressbar', { name: /Generating RSA 4096 key/ }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel generation' }).click();
    await status().getByText('Generation cancelled').waitFor();
    await status().getByText('Nothing was stored', { exact: false }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await keysTable().getByText('e2e cancelled').count()).toBe(0);

    // Reloaded from Courier, not only from this page's memory: still the one key.
    await page.reload();
    await keysTable().getByRole('row', { name: new RegExp(LABEL) }).waitFor();
    expect(await keysTable().locator('tbody tr').count()).toBe(1);
    expect(await page.getByText('e2e cancelled').count()).toBe(0);
  });

  it('exports the private key of the EC key to a file that openssl pkcs8 opens with the passphrase', async () => {
    const file = join(outDir, 'e2e-signing.p8');
    await keysTable().getByRole('button', { name: LABEL, exact: true }).click();
    await details(LABEL).getByRole('button', { name: 'Export private key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export private key' });
    await dialog.getByText('Anyone who has the file and its passphrase', { exact: false }).waitFor();
    const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });

    await dialog.getByRole('textbox', { name: 'Destination file' }).fill('relative/key.p8');
    await dialog.getByText('Give the full path', { exact: false }).waitFor();
    await dialog.getByRole('textbox', { name: 'Destination file' }).fill(file);
    await dialog.getByRole('textbox', { name: 'Passphrase', exact: true }).fill('short');
    await dialog.getByText('The passphrase needs at least 8 characters.').waitFor();
    await dialog.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(EXPORT_PASSPHRASE);
    await dialog.getByRole('textbox', { name: 'Repeat passphrase' }).fill(`${EXPORT_PASSPHRASE}x`);
    await dialog.getByText('The passphrases do not match.').waitFor();
    await dialog.getByRole('textbox', { name: 'Repeat passphrase' }).fill(EXPORT_PASSPHRASE);
    expect(await exportButton.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /I understand/ }).check();
    expect(await exportButton.isEnabled()).toBe(true);
    await exportButton.click();

    await status().getByText('Private key exported').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const opened = execFileSync('openssl', ['pkcs8', '-in', file, '-passin', `pass:${EXPORT_PASSPHRASE}`], { encoding: 'utf8' });
    expect(opened).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const publicHalf = execFileSync('openssl', ['pkey', '-pubout'], { input: opened, encoding: 'utf8' });
    expect(publicHalf.trim()).toBe(shownPem);
    expect(spawnSync('openssl', ['pkcs8', '-in', file, '-passin', 'pass:not the passphrase']).status).not.toBe(0);

    // Reopened, the dialog holds nothing from last time; Escape closes it.
    await details(LABEL).getByRole('button', { name: 'Export private key…' }).click();
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Passphrase', exact: true }).inputValue()).toBe('');
    expect(await dialog.getByRole('textbox', { name: 'Repeat passphrase' }).inputValue()).toBe('');
    expect(await dialog.getByRole('textbox', { name: 'Destination file' }).inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('deletes the key only once its label is typed, warning that what was encrypted to it is lost', async () => {
    await details(LABEL).getByRole('button', { name: 'Delete key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete key' });
    await dialog.getByText('can no longer be decrypted', { exact: false }).waitFor();
    const deleteButton = dialog.getByRole('button', { name: 'Delete key', exact: true });
    const confirmation = dialog.getByRole('textbox', { name: `Type “${LABEL}” to confirm` });
    expect(await deleteButton.isDisabled()).toBe(true);
    await confirmation.fill(LABEL.slice(0, -1));
    expect(await deleteButton.isDisabled()).toBe(true);
    await confirmation.fill(LABEL);
    await deleteButton.click();

    await status().getByText('Key deleted').waitFor();
    await page.getByText('No keys yet').waitFor();
    expect(await keysTable().count()).toBe(0);
    await page.reload();
    await page.getByText('No keys yet').waitFor();
  });

  it('no frame the page received carried the export passphrase or a private key; it sent the passphrase once, to keys.exportPrivate', () => {
    expect(received.length).toBeGreaterThan(0);
    expect(received.some((frame) => frame.includes('"keys.generation"') && frame.includes('"cancelled"'))).toBe(true);
    for (const frame of received) {
      expect(frame).not.toContain(EXPORT_PASSPHRASE);
      expect(frame).not.toContain('PRIVATE KEY');
    }
    const carrying = sent.filter((frame) => frame.includes(EXPORT_PASSPHRASE));
    expect(carrying).toHaveLength(1);
    expect(JSON.parse(carrying[0]!)).toMatchObject({ op: 'invoke', name: 'keys.exportPrivate', input: { passphrase: EXPORT_PASSPHRASE, confirm: true } });
  });
});
