// `courier as2g …` as scripts use it, against the AS2 Gateway simulator: accounts with the password from a file,
// every subcommand with its exit code (0 ok, 1 remote failure, 2 bad input), and the sync killed with SIGKILL in
// the middle — twice — then resumed: every received message ends up in Inbox exactly once and marked read.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAs2gSimulator, type As2gSimulator } from '../../simulators/as2gateway/as2gatewaySimulator';
import { COURIER_BIN } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';

const home = tempDir('courier-as2g-cli-');
const work = tempDir('courier-as2g-cli-work-');
const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
const USER = 'cli@example.com';
const PASSWORD = 'cli-password-1';
let sim: As2gSimulator;

/** The CLI in its own process without blocking this one: the simulator answers from here. */
function courierAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [COURIER_BIN, ...args, '--home', home.path], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const run = (...args: string[]) => courierAsync(['as2g', ...args]);
const json = async (...args: string[]) => {
  const result = await run(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown> & { records?: Array<{ as2MessageId: string }> };
};

beforeAll(async () => {
  sim = await startAs2gSimulator({ username: USER, password: PASSWORD, transitionMs: 100, rateLimit: { requests: 1000, windowMs: 10_000 } });
  const ctx = await openTestHome(home.path);
  ctx.tlsTrust.trustCa('as2g:sim', sim.caPem);
  ctx.tlsTrust.trustCa('as2g:bad', sim.caPem);
  ctx.close();
  writeFileSync(join(work.path, 'password'), `${PASSWORD}\n`);
  writeFileSync(join(work.path, 'wrong'), 'wrong\n');
});

afterAll(async () => {
  await sim?.close();
  home.remove();
  work.remove();
});

describe('courier as2g', () => {
  it('accounts: save with --password-file (never printed), list, login', async () => {
    const saved = await run('accounts', 'save', '--name', 'sim', '--username', USER, '--base-url', sim.url, '--password-file', join(work.path, 'password'));
    expect(saved.status).toBe(0);
    expect(saved.stdout).toContain('TLS trust scope as2g:sim');
    expect(saved.stdout + saved.stderr).not.toContain(PASSWORD);
    expect((await run('login', '--account', 'sim')).stdout).toContain(`Logged in to the AS2 Gateway as ${USER}`);
    const list = (await json('accounts', 'list')) as { accounts: Array<{ name: string; sealed: { login: boolean; session: boolean } }> };
    expect(list.accounts).toEqual([expect.objectContaining({ name: 'sim', sealed: { login: true, session: true } })]);
    expect(JSON.stringify(list)).not.toContain(PASSWORD);
  });

  it('exit codes: 2 for bad input, 2 for an unknown account, 1 for a refused login', async () => {
    expect((await run('list', '--account', 'sim', 'inbox')).status).toBe(2);
    expect((await run('list', '--account', 'sim', 'received', '--page-length', 'many')).status).toBe(2);
    expect((await run('delete', '--account', 'sim', 'received', '<x@y>')).stderr).toContain('--yes');
    const unknown = await run('partners', '--account', 'nobody');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: NOT_FOUND: /);
    expect((await run('accounts', 'save', '--name', 'bad', '--username', USER, '--base-url', sim.url, '--password-file', join(work.path, 'wrong'))).status).toBe(0);
    const refused = await run('stations', '--account', 'bad');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^error: UNAUTHORIZED: /);
  });

  it('partners, stations, send --wait, list, get, download, stop, retry, delete', async () => {
    expect((await run('partners', '--account', 'sim', '--query', 'acm')).stdout).toMatch(/^ACME\s+ACME Corp/);
    expect((await run('stations', '--account', 'sim')).stdout).toMatch(/^COURIER_STATION/);
    const doc = join(work.path, 'order.xml');
    writeFileSync(doc, '<order id="1"/>');
    const sent = await run('send', '--account', 'sim', '--station', 'COURIER_STATION', '--partner', 'ACME', '--subject', 'Order 1', '--content-type', 'text/xml', '--wait', doc);
    expect(sent.status).toBe(0);
    expect(sent.stderr).toContain('delivered: AS2 Gateway: sent · Delivered · MDN Received');
    const id = /Queued on the AS2 Gateway: (\S+)/.exec(sent.stdout)![1]!;
    expect((await json('list', '--account', 'sim', 'sent', '--message-id', id)).records!.map((r) => r.as2MessageId)).toEqual([id]);
    expect((await json('get', '--account', 'sim', 'sent', id))).toMatchObject({ subject: 'Order 1', deliveryStatus: 'Delivered' });
    expect((await run('download', '--account', 'sim', 'sent', id, '--out', work.path)).status).toBe(0);
    expect(readFileSync(join(work.path, 'order.xml'), 'utf8')).toBe('<order id="1"/>');
    expect((await run('download', '--account', 'sim', 'sent', id, '--mdn', '--out', work.path)).stdout).toContain('mdn.txt');
    const ctx = await openTestHome(home.path);
    expect(ctx.messageQueries.list({ direction: 'outbound', protocols: ['as2gateway'], offset: 0, limit: 10 }).rows.map((r) => [r.subject, r.status])).toEqual([['Order 1', 'delivered']]);
    ctx.close();

    sim.mailbox.partners.push({ ...sim.mailbox.partners[0]!, as2Identifier: 'DOWN', name: 'Down' });
    sim.mailbox.unreachable.add('DOWN');
    const queued = await run('send', '--account', 'sim', '--station', 'COURIER_STATION', '--partner', 'DOWN', doc);
    const queuedId = /Queued on the AS2 Gateway: (\S+)/.exec(queued.stdout)![1]!;
    expect((await run('stop', '--account', 'sim', queuedId)).stdout).toContain('Successfully stopped retrying');
    expect((await run('retry', '--account', 'sim', queuedId)).stdout).toContain('Successfully started retrying');
    expect((await json('list', '--account', 'sim', 'queued', '--query', queuedId)).records!.map((r) => r.as2MessageId)).toEqual([queuedId]);
    expect((await run('delete', '--account', 'sim', 'queued', queuedId, '--yes')).stdout).toBe('Deleted 1 messages\n');
  });

  it('batch-download writes a folder per message and exits 1 when one had an .error', async () => {
    const ids = [1, 2].map((i) => sim.mailbox.receive({ station: 'COURIER_STATION', partner: 'ACME', files: [{ name: `b${i}.txt`, contentType: 'text/plain', content: Buffer.from(`batch ${i}`) }] }).entity.as2MessageId);
    const out = join(work.path, 'batch');
    expect((await run('batch-download', '--account', 'sim', '--out', out, '--mark-read', ...ids)).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(ids.map((id) => id.replace(/[<>]/g, '_')).sort());
    expect(readFileSync(join(out, ids[0]!.replace(/[<>]/g, '_'), 'b1.txt'), 'utf8')).toBe('batch 1');
    const missing = await run('batch-download', '--account', 'sim', '--out', out, '<gone@as2gateway.com>');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('error: No AS2 message found');
  });
});

/** `courier as2g sync` in its own process, killed with SIGKILL when the gateway sees the n-th mark-as-read. */
function syncKilledAt(n: number): Promise<{ signal: NodeJS.Signals | null; marks: number }> {
  const child = spawn(process.execPath, [COURIER_BIN, 'as2g', 'sync', '--account', 'sim', '--home', home.path], { env: { ...process.env, ...env }, stdio: 'ignore' });
  let marks = 0;
  sim.onRequest = (_method, path) => {
    if (!path.includes('markAsRead=true')) return;
    marks++;
    // The message is stored, the mark-as-read is on its way, and Courier dies before the gateway acts on it.
    if (marks === n) {
      child.kill('SIGKILL');
      return new Promise<'drop'>((resolve) => child.once('exit', () => resolve('drop')));
    }
  };
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, marks })));
}

describe('sync killed mid-way (SIGKILL) and resumed', () => {
  it('stores every received message exactly once and leaves none unread', async () => {
    for (const message of sim.mailbox.received) message.read = true;
    const messages = Array.from({ length: 12 }, (_, i) => sim.mailbox.receive({ station: 'COURIER_STATION', partner: i % 3 ? 'ACME' : 'GLOBEX', subject: `crash ${i}`, files: [{ name: `c${i}.edi`, contentType: 'application/edi-x12', content: Buffer.from(`ISA*${i}`) }] }));
    const stored = async () => {
      const ctx = await openTestHome(home.path);
      const rows = ctx.messageQueries.list({ direction: 'inbound', protocols: ['as2gateway'], offset: 0, limit: 500 }).rows;
      ctx.close();
      return rows.filter((r) => r.subject?.startsWith('crash ')).length;
    };
    const first = await syncKilledAt(4);
    expect(first.signal).toBe('SIGKILL');
    // Killed in the window that matters: the 4th message is in Inbox, but the gateway never heard it was read.
    expect(await stored()).toBe(4);
    expect(messages.filter((m) => m.read)).toHaveLength(3);
    const second = await syncKilledAt(3);
    expect(second.signal).toBe('SIGKILL');
    expect(await stored()).toBe(6);
    sim.onRequest = undefined;
    const last = (await json('sync', '--account', 'sim')) as { stored: number; alreadyStored: number; markedRead: number };
    expect(last).toMatchObject({ stored: 6, alreadyStored: 1, markedRead: 7 });
    expect(messages.every((m) => m.read)).toBe(true);
    const ctx = await openTestHome(home.path);
    try {
      const rows = ctx.messageQueries.list({ direction: 'inbound', protocols: ['as2gateway'], offset: 0, limit: 500 }).rows.filter((r) => r.subject?.startsWith('crash '));
      expect(rows.map((r) => r.subject).sort()).toEqual(messages.map((m) => m.entity.subject).sort());
      for (const message of messages) {
        const row = rows.find((r) => r.messageId === message.entity.as2MessageId.slice(1, -1))!;
        expect((await ctx.messageQueries.payload(row.id, 1000)).bytes.equals(message.files[0]!.content)).toBe(true);
      }
    } finally {
      ctx.close();
    }
    expect((await json('sync', '--account', 'sim'))).toMatchObject({ stored: 0, alreadyStored: 0, markedRead: 0 });
  }, 60_000);
});
