// e2e: the TLS inspector page on the browser host, as a security officer uses it, against real
// `openssl s_server` instances: a valid 3-level chain checked with its root as extra CA (chosen as a DER
// file), an expired leaf, the root trusted for a profile from its card and checked again without the extra
// CA, a pinned key, the chain exported (and read back by openssl), trust removed after confirming, and the
// inline errors for a refused connection and a bad port.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/home';
import { startOpenSslServer, type OpenSslServer } from '../support/opensslServer';
import { issueCertificate, makeKey, type TestCertificate } from '../support/testPki';
import { launchBrowserHost, type E2eHost } from './hosts';

const DAY = 86_400_000;
const SCOPE = 'e2e:demo';

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('TLS inspector page on the browser host (courier serve) in Chromium', () => {
  const dir = tempDir('courier-e2e-tls-');
  let host: E2eHost;
  let page: Page;
  let root: TestCertificate;
  let intermediate: TestCertificate;
  let leaf: TestCertificate;
  let validServer: OpenSslServer | undefined;
  let expiredServer: OpenSslServer | undefined;
  const rootDerFile = join(dir.path, 'e2e-root.cer');

  beforeAll(async () => {
    root = issueCertificate({ commonName: 'E2E Root CA', key: makeKey('ec-p256'), ca: true });
    intermediate = issueCertificate({ commonName: 'E2E Issuing CA', key: makeKey('ec-p256'), issuer: root, ca: true });
    leaf = issueCertificate({ commonName: 'localhost', key: makeKey('ec-p256'), issuer: intermediate, sans: ['localhost'] });
    const expiredLeaf = issueCertificate({
      commonName: 'localhost',
      key: makeKey('rsa-2048'),
      issuer: intermediate,
      sans: ['localhost'],
      notBefore: new Date(Date.now() - 60 * DAY),
      notAfter: new Date(Date.now() - 3 * DAY - 3_600_000),
    });
    writeFileSync(rootDerFile, root.der);
    [validServer, expiredServer, host] = await Promise.all([
      startOpenSslServer(dir.path, 'valid', [leaf, intermediate]),
      startOpenSslServer(dir.path, 'expired', [expiredLeaf, intermediate]),
      launchBrowserHost(),
    ]);
    page = host.page;
    page.setDefaultTimeout(15_000);
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('Connected', { exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'TLS inspector', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'TLS inspector', exact: true }).waitFor();
  });

  afterAll(async () => {
    await Promise.all([host?.close(), validServer?.stop(), expiredServer?.stop()]);
    dir.remove();
  });

  const form = () => page.getByRole('form', { name: 'Server to inspect' });
  const inspection = () => page.getByRole('status', { name: 'Inspection' });
  const chain = () => page.getByRole('list', { name: 'Certificate chain' });
  const card = (name: RegExp) => chain().getByRole('article', { name });
  const extraCa = () => form().getByRole('textbox', { name: 'Extra CA (PEM)' });
  const trustedTable = () => page.getByRole('table', { name: `Trusted for ${SCOPE}` });

  async function fillTarget(port: number, servername = 'localhost'): Promise<void> {
    await form().getByRole('textbox', { name: 'Host' }).fill(`127.0.0.1:${port}`);
    await form().getByRole('textbox', { name: 'Server name (SNI)' }).fill(servername);
  }

  async function inspect(): Promise<Locator> {
    await form().getByRole('button', { name: 'Inspect', exact: true }).click();
    await inspection().getByRole('group').waitFor();
    return inspection();
  }

  it('refuses a bad port in the form, and shows a refused connection inline with what to do', async () => {
    await form().getByRole('textbox', { name: 'Host' }).fill('127.0.0.1:99999');
    await form().getByRole('button', { name: 'Inspect', exact: true }).click();
    await form().getByText('“99999” is not a port number; a port is a number from 1 to 65535.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await inspection().textContent()).toBe('');

    const port = await closedPort();
    await form().getByRole('textbox', { name: 'Host' }).fill(`127.0.0.1:${port}`);
    const status = await inspect();
    await status.getByText('No connection').waitFor();
    await status.getByText(`127.0.0.1:${port} refused the connection.`).waitFor();
    await status.getByText('What to do:').waitFor();
    await status.getByText('Check the port, and that the server is running.').waitFor();
    expect(await chain().count()).toBe(0);
  });

  it('a valid 3-level chain with its root as extra CA (a DER file): "Chain valid" and three cards, leaf first', async () => {
    await fillTarget(validServer!.port);
    const chooser = page.waitForEvent('filechooser');
    await form().getByRole('button', { name: 'Choose CA file…' }).click();
    await (await chooser).setFiles(rootDerFile);
    await form().getByText('Read from e2e-root.cer').waitFor();
    expect(await extraCa().inputValue()).toBe(root.pem);
    // Enter in a field inspects.
    await form().getByRole('textbox', { name: 'Host' }).press('Enter');

    await inspection().getByText('Chain valid').waitFor();
    await inspection().getByText(/TLSv1\.3 · TLS_/).waitFor();
    const cards = chain().getByRole('article');
    expect(await cards.count()).toBe(3);
    expect(await chain().getByRole('heading', { level: 3 }).allTextContents()).toEqual(['1. Leaf: localhost', '2. Intermediate: E2E Issuing CA', '3. Root: E2E Root CA']);

    const leafCard = card(/^1\. Leaf/);
    await leafCard.getByText('EC P-256', { exact: true }).waitFor();
    await leafCard.getByText('DNS:localhost', { exact: true }).waitFor();
    await leafCard.getByText('ecdsa-with-SHA256', { exact: true }).waitFor();
    // Issued for 30 days: under a month left is flagged (a badge with a warning sign), not counted as a problem.
    await leafCard.getByText('expires in 29 days', { exact: true }).waitFor();
    const spki = createHash('sha256').update(leaf.key.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    await leafCard.getByText(spki, { exact: true }).waitFor();
    await leafCard.getByText(new X509Certificate(leaf.pem).fingerprint256, { exact: true }).waitFor();
    await leafCard.getByRole('button', { name: 'Copy SPKI SHA-256' }).waitFor();
    await leafCard.getByRole('button', { name: 'Pin this key for…' }).waitFor();
    expect(await leafCard.getByRole('button', { name: /^Trust this/ }).count()).toBe(0);

    const rootCard = card(/^3\. Root/);
    for (const badge of ['Root', 'CA', 'Self-signed', 'Trust anchor', 'No problems']) await rootCard.getByText(badge, { exact: true }).waitFor();
    // An intermediate cannot anchor the chain without its root, so only the root offers to be trusted.
    await rootCard.getByRole('button', { name: 'Trust this CA for…' }).waitFor();
    expect(await card(/^2\. Intermediate/).getByRole('button', { name: /^Trust this/ }).count()).toBe(0);
  });

  it('an expired leaf: "Chain not valid — 1 problem", the expired problem on the leaf card with what to do', async () => {
    await fillTarget(expiredServer!.port);
    await form().getByRole('button', { name: 'Clear extra CA' }).click();
    await extraCa().fill(root.pem);
    const status = await inspect();
    await status.getByText('Chain not valid — 1 problem').waitFor();
    await status.getByText(/TLS verdict CERT_HAS_EXPIRED/).waitFor();

    const leafCard = card(/^1\. Leaf/);
    await leafCard.getByText('Problem: Expired').waitFor();
    await leafCard.getByText(/^CN=localhost expired on .* \(3 days ago\)\.$/).waitFor();
    await leafCard.getByText(/Ask the server's operator to renew the certificate/).waitFor();
    await leafCard.getByText('expired 3 days ago', { exact: true }).waitFor();
    await leafCard.getByText('RSA 2048', { exact: true }).waitFor();
    await leafCard.getByText('1 problem', { exact: true }).waitFor();
    for (const other of [/^2\. Intermediate/, /^3\. Root/]) {
      await card(other).getByText('No problems', { exact: true }).waitFor();
      expect(await card(other).getByRole('note').count()).toBe(0);
    }
  });

  it(`trusts the root for ${SCOPE} from its card; inspecting again with that scope and no extra CA is valid`, async () => {
    // Without the extra CA, the chain ends at an issuer nobody trusts.
    await fillTarget(validServer!.port);
    await form().getByRole('button', { name: 'Clear extra CA' }).click();
    await inspect();
    await inspection().getByText('Chain not valid — 1 problem').waitFor();
    await card(/^2\. Intermediate/).getByText('Problem: Unknown issuer').waitFor();
    expect(await chain().getByRole('article').count()).toBe(2);

    await extraCa().fill(root.pem);
    await inspect();
    await inspection().getByText('Chain valid').waitFor();
    await card(/^3\. Root/).getByRole('button', { name: 'Trust this CA for…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trust this CA for a profile' });
    await dialog.getByText(new X509Certificate(root.pem).fingerprint256, { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Trust for …' }).click();
    await dialog.getByText('Give the scope of the profile, e.g. fiscal:default.').waitFor();
    await dialog.getByRole('combobox', { name: 'Trust scope' }).fill(SCOPE);
    await dialog.getByText(`Connections of ${SCOPE} will accept every server certificate this CA issues, and this certificate itself.`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: `Trust for ${SCOPE}` }).click();
    await dialog.waitFor({ state: 'hidden' });

    const notice = page.getByRole('status', { name: 'Trust change' });
    await notice.getByText(`Trusted for ${SCOPE}`).waitFor();
    await trustedTable().getByRole('cell', { name: 'CN=E2E Root CA', exact: true }).waitFor();
    expect(await form().getByRole('combobox', { name: 'Trust scope' }).inputValue()).toBe(SCOPE);

    await notice.getByRole('button', { name: `Inspect again with ${SCOPE}` }).click();
    await inspection().getByText('Chain valid').waitFor();
    // The button went away with the notice; focus waits on the outcome instead of falling to the page.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Inspection');
    expect(await extraCa().inputValue()).toBe('');
    await page.getByText(`the system's roots and profile ${SCOPE}`, { exact: true }).waitFor();
    expect(await chain().getByRole('article').count()).toBe(3);
    await card(/^3\. Root/).getByText('Trust anchor', { exact: true }).waitFor();
  });

  it(`pins the leaf's key for ${SCOPE}: the pin is listed and the server still passes`, async () => {
    await card(/^1\. Leaf/).getByRole('button', { name: 'Pin this key for…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pin this key for a profile' });
    expect(await dialog.getByRole('combobox', { name: 'Trust scope' }).inputValue()).toBe(SCOPE);
    await dialog.getByRole('button', { name: `Pin for ${SCOPE}` }).click();
    await dialog.waitFor({ state: 'hidden' });
    await trustedTable().getByText('Pinned key').waitFor();
    const spki = createHash('sha256').update(leaf.key.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    await trustedTable().getByText(`SPKI SHA-256 ${spki}`).waitFor();

    await page.getByRole('status', { name: 'Trust change' }).getByRole('button', { name: `Inspect again with ${SCOPE}` }).click();
    await inspection().getByText('Chain valid').waitFor();
  });

  it('exports the chain as PEM: a .pem download that openssl reads as the three certificates, shown for copying', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export chain (PEM)' }).click();
    const file = join(dir.path, 'exported.pem');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`127.0.0.1_${validServer!.port}-chain.pem`);
    await saved.saveAs(file);
    const pem = readFileSync(file, 'utf8');
    expect(pem).toBe(leaf.pem + intermediate.pem + root.pem);
    const subjects = execFileSync('sh', ['-c', `openssl crl2pkcs7 -nocrl -certfile "${file}" | openssl pkcs7 -print_certs -noout`], { encoding: 'utf8' });
    expect(subjects.match(/^subject=.*$/gm)).toEqual(['subject=CN = localhost', 'subject=CN = E2E Issuing CA', 'subject=CN = E2E Root CA']);

    expect(await page.getByRole('region', { name: 'Chain PEM' }).textContent()).toBe(pem);
    await page.getByText(`Saved as 127.0.0.1_${validServer!.port}-chain.pem: 3 certificates, leaf first.`).waitFor();
    await page.getByRole('button', { name: 'Copy chain PEM' }).waitFor();
  });

  it(`removes the CA from ${SCOPE} after confirming; inspecting again, the chain is refused again`, async () => {
    await trustedTable().getByRole('button', { name: 'Remove CN=E2E Root CA' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove a CA from ${SCOPE}` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await trustedTable().getByRole('cell', { name: 'CN=E2E Root CA', exact: true }).waitFor();

    await trustedTable().getByRole('button', { name: 'Remove CN=E2E Root CA' }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await trustedTable().getByRole('cell', { name: 'CN=E2E Root CA', exact: true }).waitFor({ state: 'detached' });
    await trustedTable().getByText('Pinned key').waitFor();

    await page.getByRole('status', { name: 'Trust change' }).getByRole('button', { name: `Inspect again with ${SCOPE}` }).click();
    await inspection().getByText(/^Chain not valid/).waitFor();
    await card(/^2\. Intermediate/).getByText('Problem: Unknown issuer').waitFor();
  });
});
