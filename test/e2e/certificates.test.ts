// e2e: the Certificates page on the browser host, as a security officer uses it — a partner's PEM chain
// dropped onto the page (a real drop event) and a DER certificate chosen with the file picker; a leaf that
// expires in 5 days flagged in its row, in the sidebar and in the banner; a PKCS#12 made by `openssl pkcs12
// -export -legacy` opened after a wrong password; a CSR for a generated key that `openssl req -verify`
// accepts, signed by a CA with `openssl x509 -req` and attached back; a certificate deleted after confirming.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/home';
import { issueCertificate, makeKey, type TestCertificate } from '../support/testPki';
import { launchBrowserHost, type E2eHost } from './hosts';
import { navLinkName } from './shell.specs';

const DAY = 86_400_000;
const P12_PASSWORD = 'e2e pkcs12 password 41c9';

describe('Certificates page on the browser host (courier serve) in Chromium', () => {
  const dir = tempDir('courier-e2e-certs-');
  const shots = process.env.COURIER_E2E_SCREENSHOTS;
  let host: E2eHost;
  let page: Page;
  let root: TestCertificate;
  let intermediate: TestCertificate;
  let soonLeaf: TestCertificate;
  let partner: TestCertificate;
  const received: string[] = [];
  const sent: string[] = [];

  beforeAll(async () => {
    const caValidity = { notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 900 * DAY) };
    root = issueCertificate({ commonName: 'E2E Partner Root CA', key: makeKey('ec-p256'), ca: true, ...caValidity });
    intermediate = issueCertificate({ commonName: 'E2E Partner Issuing CA', key: makeKey('ec-p256'), issuer: root, ca: true, ...caValidity });
    soonLeaf = issueCertificate({
      commonName: 'as2.partner.example',
      key: makeKey('ec-p256'),
      issuer: intermediate,
      sans: ['as2.partner.example'],
      notAfter: new Date(Date.now() + 5 * DAY + 3_600_000),
    });
    partner = issueCertificate({ commonName: 'E2E Other Partner', key: makeKey('ec-p256'), notAfter: new Date(Date.now() + 400 * DAY) });
    writeFileSync(join(dir.path, 'other-partner.cer'), partner.der);
    writeFileSync(join(dir.path, 'root-ca.pem'), root.pem);
    writeFileSync(join(dir.path, 'root-ca.key'), root.keyPem);

    host = await launchBrowserHost();
    page = host.page;
    page.setDefaultTimeout(15_000);
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(String(frame.payload)));
      socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    });
    // Watch a socket from its start: reload (the token is kept for the tab).
    await page.reload();
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
    await nav('Certificates').click();
    await page.getByRole('heading', { level: 1, name: 'Certificates', exact: true }).waitFor();
  });

  afterAll(async () => {
    await host?.close();
    dir.remove();
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: navLinkName(name) });
  const table = () => page.getByRole('table', { name: 'Certificates held' });
  const row = (name: string | RegExp) => table().getByRole('row', { name });
  const status = () => page.getByRole('main').getByRole('status');
  const banner = () => page.getByRole('region', { name: 'Certificate expiry' });
  const details = (name: string) => page.getByRole('region', { name, exact: true });

  async function screenshot(name: string): Promise<void> {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }

  /** A drop as a file manager makes it: a DataTransfer holding a File, built in the page. */
  async function dropFile(fileName: string, text: string): Promise<void> {
    const dataTransfer = await page.evaluateHandle(
      ({ fileName, text }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], fileName, { type: 'application/x-pem-file' }));
        return transfer;
      },
      { fileName, text },
    );
    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await page.getByText('Drop to import the certificate file').waitFor();
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await page.getByText('Drop to import the certificate file').waitFor({ state: 'detached' });
  }

  async function chooseFile(button: Locator, path: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await button.click();
    await (await chooser).setFiles(path);
  }

  it('imports a PEM chain dropped on the page; the leaf that expires in 5 days is flagged in its row, the sidebar and a banner', async () => {
    await page.getByText('No certificates yet').waitFor();
    expect(await banner().count()).toBe(0);
    await dropFile('partner-chain.pem', soonLeaf.pem + intermediate.pem + root.pem);

    await status().getByText('Imported 3 certificates', { exact: true }).waitFor();
    const leafRow = row(/as2\.partner\.example/);
    await leafRow.getByText('7 days', { exact: true }).waitFor();
    await leafRow.getByText('E2E Partner Issuing CA').waitFor();
    await leafRow.getByText('Leaf', { exact: true }).waitFor();
    await row(/^E2E Partner Root CA/).getByText('Root CA', { exact: true }).waitFor();
    expect(await table().locator('tbody tr').count()).toBe(3);
    // Soonest expiry first.
    expect(await table().locator('tbody tr').first().textContent()).toContain('as2.partner.example');

    await nav('Certificates').filter({ hasText: '1 expiring' }).waitFor();
    expect(await nav('Keys').textContent()).toBe('Keys');
    await banner().getByText('1 certificate expires within 7 days', { exact: false }).waitFor();
    await screenshot('certificates-after-drop');

    // The banner's "Review" opens the filtered list: only the leaf.
    await banner().getByRole('link', { name: 'Review' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?expiring=30');
    await expect.poll(() => page.getByRole('switch', { name: 'Expiring within 30 days' }).isChecked()).toBe(true);
    await expect.poll(() => table().locator('tbody tr').count()).toBe(1);
    await page.getByRole('switch', { name: 'Expiring within 30 days' }).click();
    await expect.poll(() => table().locator('tbody tr').count()).toBe(3);
  });

  it('shows a certificate in full: fingerprints as Node computes them, SANs, and the chain to the root it holds', async () => {
    await row(/as2\.partner\.example/).getByRole('button', { name: 'as2.partner.example', exact: true }).click();
    const panel = details('as2.partner.example');
    const x509 = new X509Certificate(soonLeaf.pem);
    await panel.getByText(x509.fingerprint256, { exact: true }).waitFor();
    await panel.getByText(x509.fingerprint, { exact: true }).waitFor();
    await panel.getByText('DNS:as2.partner.example', { exact: true }).waitFor();
    await panel.getByText('EC P-256', { exact: true }).waitFor();
    await panel.getByText('Courier does not hold the private key').waitFor();
    await panel.getByText('Complete: it ends in a root certificate Courier holds.').waitFor();
    const chain = panel.getByRole('list', { name: 'Certificate chain' });
    expect((await chain.getByRole('listitem').allTextContents()).map((text) => text.split(' — ')[0])).toEqual([
      'as2.partner.example',
      'E2E Partner Issuing CA',
      'E2E Partner Root CA',
    ]);
    await panel.getByRole('button', { name: 'Copy SHA-256 fingerprint' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download PEM' }).click()]);
    expect(download.suggestedFilename()).toBe('as2.partner.example.pem');
    expect(new X509Certificate(readFileSync(await download.path())).fingerprint256).toBe(x509.fingerprint256);
    await screenshot('certificate-details');
  });

  it('imports a DER certificate chosen with the file picker, and says when a dropped file brings nothing new', async () => {
    await chooseFile(page.getByRole('button', { name: 'Import certificate…' }), join(dir.path, 'other-partner.cer'));
    await status().getByText('Imported 1 certificate', { exact: true }).waitFor();
    await row(/^E2E Other Partner/).waitFor();
    expect(await table().locator('tbody tr').count()).toBe(4);

    await dropFile('again.pem', root.pem + partner.pem);
    await status().getByText('Nothing new imported').waitFor();
    expect(await table().locator('tbody tr').count()).toBe(4);
  });

  it('refuses a file over 1 MiB before reading it', async () => {
    await dropFile('huge.pem', 'A'.repeat((1 << 20) + 1));
    await page.getByRole('status').getByText('huge.pem is 1,048,577 bytes; a certificate file has at most 1 MiB (1,048,576 bytes).').waitFor();
    expect(sent.some((frame) => frame.includes('huge.pem'))).toBe(false);
  });

  it('imports a PKCS#12 from openssl -legacy: a wrong password is said in the dialog, the right one brings its key to the Keys page', async () => {
    const identityKey = makeKey('rsa-2048');
    const identity = issueCertificate({ commonName: 'e2e identity', key: identityKey, notAfter: new Date(Date.now() + 10 * DAY + 3_600_000) });
    writeFileSync(join(dir.path, 'identity.key'), identity.keyPem);
    writeFileSync(join(dir.path, 'identity.pem'), identity.pem);
    const p12 = join(dir.path, 'identity.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-legacy', '-inkey', join(dir.path, 'identity.key'), '-in', join(dir.path, 'identity.pem'), '-name', 'e2e identity', '-passout', `pass:${P12_PASSWORD}`, '-out', p12]);

    await chooseFile(page.getByRole('button', { name: 'Import certificate…' }), p12);
    const dialog = page.getByRole('dialog', { name: 'Open PKCS#12 file' });
    await dialog.getByText('identity.p12', { exact: true }).waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill('not the password');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('Wrong password: try again.').waitFor();
    await dialog.getByRole('alert').getByText('The password does not open', { exact: false }).waitFor();
    expect(await dialog.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await screenshot('pkcs12-wrong-password');

    await dialog.getByLabel('Password', { exact: true }).fill(P12_PASSWORD);
    await dialog.getByRole('combobox', { name: 'What the key is for' }).click();
    await page.getByRole('option', { name: 'TLS client authentication' }).click();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await status().getByText('Imported key and certificate for CN=e2e identity').waitFor();
    await row(/^e2e identity/).getByText('Own key', { exact: true }).waitFor();
    await row(/^e2e identity/).getByText('14 days', { exact: true }).waitFor();
    await nav('Certificates').filter({ hasText: '2 expiring' }).waitFor();
    await nav('Keys').filter({ hasText: '1 expiring' }).waitFor();
    // Only our own key's certificate, which has 14 days: a warning, not the red of the 7-day one.
    expect(await nav('Keys').locator('.mantine-Badge-root').getAttribute('style')).toContain('yellow');

    await nav('Keys').click();
    await page.getByRole('heading', { level: 1, name: 'Keys', exact: true }).waitFor();
    const keyRow = page.getByRole('table', { name: 'Key pairs' }).getByRole('row', { name: /e2e identity/ });
    await keyRow.getByText('RSA 2048').waitFor();
    await keyRow.getByText('TLS client authentication').waitFor();
    await keyRow.getByRole('button', { name: 'e2e identity', exact: true }).click();
    await details('e2e identity').getByRole('region', { name: 'Certificates' }).getByText('14 days', { exact: true }).waitFor();
  });

  it('creates a CSR for a generated key that openssl req -verify accepts, and attaches the certificate a CA issued from it', async () => {
    await page.getByRole('button', { name: 'Generate key', exact: true }).click();
    const generate = page.getByRole('dialog', { name: 'Generate key' });
    await generate.getByRole('textbox', { name: 'Label' }).fill('e2e csr');
    await generate.getByRole('combobox', { name: 'Purpose' }).click();
    await page.getByRole('option', { name: /^TLS client authentication/ }).click();
    await generate.getByRole('combobox', { name: 'Algorithm' }).click();
    await page.getByRole('option', { name: /^EC P-256$/ }).click();
    await generate.getByRole('button', { name: 'Generate', exact: true }).click();
    await generate.waitFor({ state: 'hidden' });
    const keyPanel = details('e2e csr');
    await keyPanel.getByText('No certificate for this key yet.').waitFor();

    await keyPanel.getByRole('button', { name: 'Create CSR…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create certificate signing request' });
    await dialog.getByRole('textbox', { name: 'Subject', exact: true }).fill('CN=e2e csr, O=Example Ltd, C=DE');
    await dialog.getByRole('textbox', { name: 'Subject alternative names' }).fill('DNS:client.example.com');
    await dialog.getByRole('button', { name: 'Create CSR', exact: true }).click();
    const pemBlock = dialog.getByRole('region', { name: 'CSR (PEM)' });
    await pemBlock.getByText('-----BEGIN CERTIFICATE REQUEST-----', { exact: false }).waitFor();
    const shown = (await pemBlock.locator('pre').innerText()).trim();
    const [download] = await Promise.all([page.waitForEvent('download'), pemBlock.getByRole('button', { name: 'Download .csr' }).click()]);
    expect(download.suggestedFilename()).toBe('e2e-csr.csr');
    const csrFile = join(dir.path, 'e2e.csr');
    writeFileSync(csrFile, readFileSync(await download.path()));
    expect(readFileSync(csrFile, 'utf8').trim()).toBe(shown);
    const verified = execFileSync('openssl', ['req', '-verify', '-noout', '-text', '-in', csrFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(verified).toMatch(/Subject:.*CN\s?=\s?e2e csr/);
    expect(verified).toMatch(/Subject:.*O\s?=\s?Example Ltd/);
    expect(verified).toContain('DNS:client.example.com');
    await screenshot('csr-dialog');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The CA answers: openssl signs the CSR with the partner root; the result is attached to the key.
    const issued = join(dir.path, 'e2e-csr-issued.pem');
    execFileSync('openssl', ['x509', '-req', '-in', csrFile, '-CA', join(dir.path, 'root-ca.pem'), '-CAkey', join(dir.path, 'root-ca.key'), '-set_serial', '4660', '-days', '200', '-out', issued], { stdio: 'ignore' });
    await chooseFile(keyPanel.getByRole('button', { name: 'Attach CA-signed certificate…' }), issued);
    await status().getByText('Certificate attached').waitFor();
    const own = keyPanel.getByRole('region', { name: 'Certificates' });
    await own.getByText('issued by E2E Partner Root CA', { exact: false }).waitFor();

    // A self-signed one too, for 20 days: it lands under the 30-day flag at once.
    await keyPanel.getByRole('button', { name: 'Create self-signed certificate…' }).click();
    const selfSign = page.getByRole('dialog', { name: 'Create self-signed certificate' });
    expect(await selfSign.getByRole('textbox', { name: 'Subject', exact: true }).inputValue()).toBe('CN=e2e csr');
    await selfSign.getByRole('textbox', { name: 'Valid for (days)' }).fill('20');
    await selfSign.getByRole('button', { name: 'Create certificate' }).click();
    await selfSign.waitFor({ state: 'hidden' });
    await status().getByText('Self-signed certificate created').waitFor();
    await own.getByText('issued by e2e csr', { exact: false }).waitFor();
    await own.getByText('30 days', { exact: true }).waitFor();

    // Its details on the Certificates page link back to the key.
    await own.getByRole('listitem').filter({ hasText: 'issued by E2E Partner Root CA' }).getByRole('link', { name: 'e2e csr' }).click();
    const certPanel = details('e2e csr');
    await certPanel.getByText('Complete: it ends in a root certificate Courier holds.').waitFor();
    await certPanel.getByRole('link', { name: /“e2e csr” on the Keys page/ }).waitFor();
    // Both certificates of the key, the CA's and the self-signed one, are marked as ours.
    expect(await row(/^e2e csr/).count()).toBe(2);
    expect(await row(/^e2e csr/).getByText('Own key', { exact: true }).count()).toBe(2);
  });

  it('deletes a certificate only after confirming', async () => {
    await row(/^E2E Other Partner/).getByRole('button', { name: 'E2E Other Partner', exact: true }).click();
    await details('E2E Other Partner').getByRole('button', { name: 'Delete certificate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete certificate' });
    await dialog.getByText('Courier can no longer verify what this certificate signed', { exact: false }).waitFor();
    await screenshot('delete-certificate');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row(/^E2E Other Partner/).waitFor();

    await details('E2E Other Partner').getByRole('button', { name: 'Delete certificate…' }).click();
    await dialog.getByRole('button', { name: 'Delete certificate', exact: true }).click();
    await status().getByText('Certificate deleted').waitFor();
    await row(/^E2E Other Partner/).waitFor({ state: 'detached' });
    await page.reload();
    await row(/as2\.partner\.example/).waitFor();
    expect(await row(/^E2E Other Partner/).count()).toBe(0);
    await screenshot('certificates-final');
  });

  it('no frame the page received carried the PKCS#12 password or a private key; it sent the password only to certs.import', () => {
    expect(received.length).toBeGreaterThan(0);
    for (const frame of received) {
      expect(frame).not.toContain(P12_PASSWORD);
      expect(frame).not.toContain('PRIVATE KEY');
    }
    const carrying = sent.filter((frame) => frame.includes(P12_PASSWORD));
    expect(carrying).toHaveLength(1);
    expect(JSON.parse(carrying[0]!)).toMatchObject({ op: 'invoke', name: 'certs.import', input: { fileName: 'identity.p12', password: P12_PASSWORD } });
  });
});
