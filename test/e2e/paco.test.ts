// e2e: the PACO page on the browser host, as finance staff use it against the PACO simulator — generate the
// two merchant keys on the Keys page, set up a profile in the form, then payment → inquiry → settlement →
// refund from the page, reading the verified answers and the verification panel — and proof that no frame
// the page received carried the company token or the Basic password.
import { createPublicKey } from 'node:crypto';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WS_PATH } from '../../shared/ipc';
import { startPacoSimulator, type PacoSimulator } from '../../simulators/paco/pacoSimulator';
import { request } from '../support/serveHost';
import { launchBrowserHost, type E2eHost } from './hosts';

const API_KEY = 'e2e-merchant-api-key';
const COMPANY_TOKEN = 'e2e-company-token-5d1b9a';
const BASIC_USER = 'e2e-merchant';
const BASIC_PASSWORD = 'e2e-basic-password-c07e';
const PROFILE = 'e2e-uat';

interface MerchantKey {
  kid: string;
  pem: string;
}

describe('PACO page on the browser host (courier serve) in Chromium, against the PACO simulator', () => {
  let host: E2eHost;
  let page: Page;
  let simulator: PacoSimulator | undefined;
  const received: string[] = [];

  beforeAll(async () => {
    host = await launchBrowserHost();
    page = host.page;
    page.setDefaultTimeout(15_000);
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
    await page.reload();
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
  });

  afterAll(async () => {
    await simulator?.close();
    await host?.close();
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const callPanel = () => page.getByRole('region', { name: 'Call PACO' });

  async function generateKey(label: string, purpose: RegExp): Promise<MerchantKey> {
    await page.getByRole('button', { name: 'Generate key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate key' });
    await dialog.getByRole('textbox', { name: 'Label' }).fill(label);
    await dialog.getByRole('combobox', { name: 'Purpose' }).click();
    await page.getByRole('option', { name: purpose }).click();
    await dialog.getByRole('combobox', { name: 'Algorithm' }).click();
    await page.getByRole('option', { name: /^RSA 2048$/ }).click();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    const details = page.getByRole('region', { name: label, exact: true });
    const pem = (await details.getByRole('region', { name: 'Public key (PEM)' }).locator('pre').innerText()).trim();
    const jwk = JSON.parse(await details.getByRole('region', { name: 'JWK' }).locator('pre').innerText()) as { kid: string };
    return { kid: jwk.kid, pem };
  }

  /** A second contract client, as `courier tls trust` would be: the page has no CA field for a profile's scope. */
  async function trustCa(scope: string, pem: string): Promise<void> {
    const url = new URL(host.url!);
    const token = url.hash.replace('#token=', '');
    const socket = new WebSocket(`ws://${url.host}${WS_PATH}?token=${encodeURIComponent(token)}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = await request(socket, { op: 'invoke', id: 1, name: 'tls.trustCa', input: { scope, pem } }, 1);
    socket.close();
    expect(reply).toMatchObject({ reply: { ok: true } });
  }

  async function choose(label: string, option: RegExp): Promise<void> {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  }

  async function sendOperation(operation: string, edit?: (request: Record<string, unknown>) => void): Promise<unknown> {
    await choose('Operation', new RegExp(`^${operation} —`));
    const editor = callPanel().getByRole('textbox', { name: 'Request JSON' });
    await expect.poll(() => editor.inputValue()).toContain('ORDER-0001');
    if (edit) {
      const request = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
      edit(request);
      await editor.fill(JSON.stringify(request, null, 2));
    }
    await callPanel().getByRole('button', { name: 'Send', exact: true }).click();
    const response = callPanel().getByRole('region', { name: 'Response' });
    await response.getByRole('heading', { name: `Response (${operation})` }).waitFor();
    return JSON.parse(await response.getByLabel('Response JSON').innerText());
  }

  it('generates an RSA-2048 PACO signing key and an RSA-2048 PACO encryption key on the Keys page, then starts PACO', async () => {
    await nav('Keys').click();
    await page.getByRole('heading', { level: 1, name: 'Keys', exact: true }).waitFor();
    const signing = await generateKey('e2e paco signing', /^PACO signing/);
    const encryption = await generateKey('e2e paco encryption', /^PACO encryption/);
    simulator = await startPacoSimulator({
      apiKey: API_KEY,
      token: COMPANY_TOKEN,
      basicUser: BASIC_USER,
      basicPassword: BASIC_PASSWORD,
      merchantSigningKeys: [{ kid: signing.kid, key: createPublicKey(signing.pem) }],
      merchantEncryptionKey: { kid: encryption.kid, key: createPublicKey(encryption.pem) },
      rsaBits: 2048,
    });
    await trustCa(`paco:${PROFILE}`, simulator.caPem);
  });

  it('creates the profile in the form: required fields are named, secrets are write-only and shown only as stored', async () => {
    await nav('Payments (PACO)').click();
    await page.getByRole('heading', { level: 1, name: 'Payments (PACO)', exact: true }).waitFor();
    await page.getByText('No PACO profiles yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'New profile' }).click();
    const form = page.getByRole('form', { name: 'New PACO profile' });
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByText('Enter the company token.').waitFor();
    await form.getByText('Choose the key that signs your requests.').waitFor();

    await form.getByRole('textbox', { name: 'Profile name' }).fill(PROFILE);
    await form.getByRole('textbox', { name: 'Base URL' }).fill(simulator!.url);
    await form.getByRole('textbox', { name: 'API key' }).fill(API_KEY);
    await form.getByLabel('Company token').fill(COMPANY_TOKEN);
    await form.getByRole('textbox', { name: 'Basic user' }).fill(BASIC_USER);
    await form.getByLabel('Basic password').fill(BASIC_PASSWORD);
    await form.getByRole('textbox', { name: 'PACO encryption key: kid' }).fill(simulator!.encryptionKey.kid);
    await form.getByRole('textbox', { name: 'PACO encryption key: key' }).fill(simulator!.encryptionKey.pem);
    await form.getByRole('textbox', { name: 'PACO signing key: kid' }).fill(simulator!.signingKey.kid);
    await form.getByRole('textbox', { name: 'PACO signing key: key' }).fill(simulator!.signingKey.pem);
    await choose('Merchant signing key', /^e2e paco signing/);
    await choose('Merchant encryption key', /^e2e paco encryption/);
    expect(await form.getByRole('combobox', { name: 'Signing algorithm (JWS)' }).inputValue()).toBe('PS256');
    expect(await form.getByRole('combobox', { name: 'Content encryption (JWE enc)' }).inputValue()).toBe('A128CBC-HS256');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.waitFor({ state: 'hidden' });

    const row = page.getByRole('table', { name: 'Profiles' }).getByRole('row', { name: new RegExp(PROFILE) });
    await row.getByText('Token stored').waitFor();
    await row.getByText('Password stored').waitFor();
    await row.getByText(simulator!.url).waitFor();

    // Editing shows the secrets as stored, with empty fields: the values never come back to the page.
    await row.getByRole('button', { name: `Edit ${PROFILE}` }).click();
    const edit = page.getByRole('form', { name: `Edit profile ${PROFILE}` });
    expect(await edit.getByLabel('Company token').inputValue()).toBe('');
    expect(await edit.getByLabel('Basic password').inputValue()).toBe('');
    expect(await edit.getByText('Stored. Leave empty to keep it', { exact: false }).count()).toBe(2);
    await edit.getByRole('button', { name: 'Cancel' }).click();
  });

  it('validates the request JSON as it is typed: the error names the line and Send waits until it parses', async () => {
    const editor = callPanel().getByRole('textbox', { name: 'Request JSON' });
    await expect.poll(() => editor.inputValue()).toContain('"transactionAmount"');
    await editor.fill('{\n  "apiRequest": {\n    "officeId": "OFFICE1",\n  }\n}');
    await callPanel().getByText(/^Line 4, column \d+:/).waitFor();
    expect(await callPanel().getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    await callPanel().getByRole('button', { name: 'Reset to template' }).click();
    expect(await callPanel().getByRole('button', { name: 'Send', exact: true }).isEnabled()).toBe(true);
  });

  it('pays, inquires, settles and refunds from the page; each JOSE answer shows its verification', async () => {
    const payment = await sendOperation('payment');
    expect(payment).toMatchObject({ apiResponse: { responseCode: 'PC-B050000' }, data: { orderNo: 'ORDER-0001', amount: 100, status: 'Authorized' } });
    const verification = page.getByRole('region', { name: 'Verification' });
    for (const value of ['PS256', 'RSA-OAEP', 'A128CBC-HS256', simulator!.signingKey.kid, simulator!.encryptionKey.kid, API_KEY]) {
      await verification.getByText(value, { exact: true }).first().waitFor();
    }
    await verification.getByRole('row', { name: /Expires \(exp\)/ }).getByText(/^\d{4}-\d\d-\d\dT/).waitFor();

    const status = await sendOperation('transactionStatus');
    expect(status).toMatchObject({ data: { orderNo: 'ORDER-0001', status: 'Authorized' } });
    await page.getByRole('region', { name: 'Verification' }).getByText('plain JSON GET', { exact: false }).waitFor();

    expect(await sendOperation('settlement')).toMatchObject({ data: { status: 'Settled' } });
    const refund = await sendOperation('refund', (request) => {
      (request.apiRequest as { refundAmount: { amount: number } }).refundAmount.amount = 40;
    });
    expect(refund).toMatchObject({ data: { orderNo: 'ORDER-0001', refunded: 40, status: 'PartiallyRefunded' } });
    expect(simulator!.ledger.find('ORDER-0001')).toMatchObject({ refunded: 40 });
  });

  it('shows an answer that fails verification inline: JOSE_REJECTED naming the failed check, with a hint', async () => {
    simulator!.breakNextResponse('tampered-signature');
    await choose('Operation', /^transactionList —/);
    await callPanel().getByRole('button', { name: 'Send', exact: true }).click();
    const alert = callPanel().getByRole('alert');
    await alert.getByText('JOSE_REJECTED', { exact: true }).waitFor();
    await alert.getByText(/PACO response refused at the .* check/).waitFor();
    await alert.getByText('What to do:').waitFor();
  });

  it('deletes the profile only after a confirmation; the merchant keys stay in the keystore', async () => {
    const profiles = page.getByRole('table', { name: 'Profiles' });
    await profiles.getByRole('button', { name: `Delete ${PROFILE}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete PACO profile' });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await profiles.getByRole('row', { name: new RegExp(PROFILE) }).waitFor();
    await profiles.getByRole('button', { name: `Delete ${PROFILE}` }).click();
    await dialog.getByRole('button', { name: 'Delete profile' }).click();
    await page.getByText('No PACO profiles yet', { exact: false }).waitFor();
    await nav('Keys').click();
    await expect.poll(() => page.getByRole('table', { name: 'Key pairs' }).locator('tbody tr').count()).toBe(2);
  });

  it('no frame the page received carried the company token or the Basic password', () => {
    expect(received.length).toBeGreaterThan(10);
    for (const frame of received) {
      expect(frame).not.toContain(COMPANY_TOKEN);
      expect(frame).not.toContain(BASIC_PASSWORD);
    }
  });
});
