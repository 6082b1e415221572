// `courier pagero …` as a user runs it, against the Pagero simulator: profiles saved with secrets from files, a send
// that is delivered (exit 0), one Pagero refuses (exit 1, its answer printed), bad input (exit 2); and `courier
// serve --pagero-port` receiving a push from the simulator's HTTP client into the Inbox; `courier demo` ready to use.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { pushDocument } from '../../simulators/pagero/pageroPusher';
import { startPageroSimulator, type PageroSimulator } from '../../simulators/pagero/pageroSimulator';
import { COURIER_BIN, startCourier, stopCourier, type CliResult } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';

const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
const LOGIN = { username: 'erp', password: 'cli-password-51aa', clientId: 'cli-client', clientSecret: 'cli-secret-0b7e' };

let dir: { path: string; remove: () => void };
let home: string;
let sim: PageroSimulator;

const file = (name: string, content: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};

function courier(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [COURIER_BIN, ...args, '--home', home], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      resolve({ status: code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = tempDir();
  home = join(dir.path, 'home');
  (await openTestHome(home)).close();
  sim = await startPageroSimulator(LOGIN);
});

afterAll(async () => {
  await sim?.close();
  dir?.remove();
});

describe('courier pagero', () => {
  it('saves an OAuth2 profile with secrets from files, and never prints them', async () => {
    expect((await courier('tls', 'trust-ca', '--scope', 'pagero:sim', file('ca.pem', sim.caPem))).status).toBe(0);
    const saved = await courier('pagero', 'profiles', 'save', '--name', 'sim', '--auth', 'oauth2-password', '--username', LOGIN.username, '--password-file', file('pw', `${LOGIN.password}\n`), '--base-url', sim.url, '--sso-url', sim.ssoUrl, '--client-id', LOGIN.clientId, '--client-secret-file', file('cs', LOGIN.clientSecret));
    expect(saved.stderr).toBe('');
    expect(saved.status).toBe(0);
    expect(saved.stdout).toContain(`${sim.url}/incoming/v1/invoice/test`);
    const listed = await courier('pagero', 'profiles', 'list', '--json');
    expect(listed.stdout).not.toContain(LOGIN.password);
    expect(listed.stdout).not.toContain(LOGIN.clientSecret);
  });

  it('send: delivered with the interchange id given and an attachment batched (exit 0)', async () => {
    const sent = await courier('pagero', 'send', '--profile', 'sim', file('invoice-9.xml', '<Invoice/>'), '--attach', file('scan.pdf', '%PDF'), '--interchange-id', 'CLI-9');
    expect(sent.stderr).toBe('');
    expect(sent.status).toBe(0);
    expect(sent.stdout).toMatch(/delivered\s+interchange CLI-9/);
    expect(sim.received.at(-1)).toMatchObject({ interchangeId: 'CLI-9', contentType: 'application/octet-stream', auth: 'bearer' });
  });

  it('send: a refusal prints Pagero\'s answer and its meaning (exit 1)', async () => {
    sim.failNext(400, 'Invalid document: missing cbc:ID');
    const sent = await courier('pagero', 'send', '--profile', 'sim', file('invoice-10.xml', '<Invoice/>'));
    expect(sent.status).toBe(1);
    expect(sent.stdout).toContain('HTTP 400');
    expect(sent.stdout).toContain('Invalid document: missing cbc:ID');
  });

  it('bad input exits 2 with one line', async () => {
    const missing = await courier('pagero', 'send', '--profile', 'sim');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: BAD_INPUT: /);
    expect((await courier('pagero', 'send', '--profile', 'sim', join(dir.path, 'nope.xml'))).status).toBe(2);
    expect((await courier('pagero', 'send', '--profile', 'nosuch', file('x.xml', '<x/>'))).status).toBe(2);
  });
});

describe('courier serve --pagero-port', () => {
  it('receives a push into the Inbox with the endpoint saved from the CLI', async () => {
    expect((await courier('pagero', 'endpoints', 'save', '--name', 'erp', '--auth', 'basic', '--basic-user', 'pagero', '--basic-password-file', file('push-pw', 'push-pw-1'), '--record-header', 'x-receiving-system')).status).toBe(0);
    const identity = makeServerIdentity('test-pagero-push');
    const serve = await startCourier(['serve', '--home', home, '--port', '0', '--pagero-port', '0', '--pagero-tls-cert', file('push.crt', identity.certPem), '--pagero-tls-key', file('push.key', identity.keyPem)], env);
    try {
      const deadline = Date.now() + 20_000;
      while (!/Pagero push: /.test(serve.stdout()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const base = /Pagero push: (\S+)\/<endpoint>/.exec(serve.stdout())![1]!;
      const answer = await pushDocument({ url: `${base}/erp`, caPem: identity.caPem, auth: { mode: 'basic', user: 'pagero', password: 'push-pw-1' }, body: '<Invoice/>', contentType: 'application/xml', headers: { 'x-interchange-id': 'served-1', 'x-receiving-system': 'SAPS4' } });
      expect(answer.status).toBe(200);
    } finally {
      await stopCourier(serve.child);
    }
    const inbox = await courier('messages', 'list', '--direction', 'in', '--json');
    expect(inbox.stdout).toContain('served-1');
  });
});
