// `courier as2 send` and `courier messages …` as scripts use them: the built CLI sends a file to a receiving
// station over HTTPS and follows it to its MDN (exit 0 delivered, 1 failed), then lists, shows and exports it.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMendelsonStation, addPartner, MENDELSON_DIR } from '../support/as2Exchange';
import { startTestReceiver, type TestReceiver } from '../support/as2TestReceiver';
import { COURIER_BIN } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';

const home = tempDir('courier-as2-send-cli-');
const work = tempDir('courier-as2-send-cli-work-');
let receiver: TestReceiver;

/** The CLI in its own process, without blocking this one (the receiver answers from here). */
function courierAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [COURIER_BIN, ...args, '--home', home.path], { env: { ...process.env, COURIER_PASSPHRASE: TEST_PASSPHRASE }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  const ctx = await openTestHome(home.path);
  await addMendelsonStation(ctx);
  const key = join(work.path, 'receiver.key');
  const cert = join(work.path, 'receiver.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=clireceiver'], { stdio: 'ignore' });
  receiver = await startTestReceiver({ as2Id: 'clireceiver', keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8'), senderCertPem: readFileSync(join(MENDELSON_DIR, 'cert_test_public.pem'), 'utf8') });
  const partner = ctx.as2Profiles.getPartner(await addPartner(ctx, 'clireceiver', readFileSync(cert), { url: receiver.url }));
  ctx.tlsTrust.trustCa(partner.tlsScope, receiver.caPem);
  ctx.close();
});

afterAll(async () => {
  await receiver?.close();
  home.remove();
  work.remove();
});

describe('courier as2 send / messages', () => {
  it('sends a file with an attachment, prints progress, and exits 0 once delivered', async () => {
    const document = join(work.path, 'order-7.edi');
    const attachment = join(work.path, 'note.txt');
    writeFileSync(document, 'ISA*00*~');
    writeFileSync(attachment, 'see attached');
    const result = await courierAsync(['as2', 'send', '--partner', 'clireceiver', document, '--attach', attachment, '--subject', 'Order 7', '--wait']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^queued message \d+ \(courier-/);
    expect(result.stdout).toContain('sending: Attempt 1');
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^delivered: processed/);
    const [received] = [...receiver.received.values()];
    expect(Object.keys(unzipSync(received!.payload)).sort()).toEqual(['attachments/order-7/note.txt', 'order-7.edi']);
  });

  it('exits 1 when the partner\'s MDN fails the message', async () => {
    receiver.fault = 'mic-mismatch';
    const document = join(work.path, 'bad.edi');
    writeFileSync(document, 'will mismatch');
    const result = await courierAsync(['as2', 'send', '--partner', 'clireceiver', document, '--json']);
    receiver.fault = 'none';
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'failed', fileName: 'bad.edi' });
  });

  it('lists, shows and exports messages', async () => {
    const list = await courierAsync(['messages', 'list', '--direction', 'out', '--json']);
    const rows = JSON.parse(list.stdout).rows as Array<{ id: number; status: string; fileName: string }>;
    expect(rows.map((row) => [row.fileName, row.status])).toEqual([
      ['bad.edi', 'failed'],
      ['order-7.zip', 'delivered'],
    ]);
    const failedOnly = JSON.parse((await courierAsync(['messages', 'list', '--status', 'failed', '--json'])).stdout);
    expect(failedOnly.total).toBe(1);
    const show = JSON.parse((await courierAsync(['messages', 'show', String(rows[0]!.id), '--json'])).stdout);
    expect(show).toMatchObject({ status: 'failed', mdn: { micMatches: false }, problem: { code: 'mic-mismatch' }, canResume: true });
    const out = join(work.path, 'export.zip');
    const exported = await courierAsync(['messages', 'export', String(rows[1]!.id), '--out', out]);
    expect(exported.status).toBe(0);
    expect(Object.keys(unzipSync(readFileSync(out)))).toContain('payload/order-7.zip');
    expect((await courierAsync(['messages', 'show', 'x'])).status).toBe(2);
    expect((await courierAsync(['messages', 'stop', String(rows[1]!.id)])).stderr).toMatch(/^error: CONFLICT: Message \d+ is done/);
  });
});
