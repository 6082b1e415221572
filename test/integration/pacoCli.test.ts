// `courier paco` as scripts use it, against the PACO simulator over real HTTPS: a profile saved from flags and
// secret files, then payment → transactionStatus → settlement → refund, `--json` shapes and exit codes 0/1/2.
// The simulator runs in this process, so the CLI is spawned asynchronously (spawnSync would block its socket).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacoSimulator } from '../../simulators/paco/pacoSimulator';
import { COURIER_BIN, startCourier, stopCourier, type CliResult } from '../support/cli';
import { openTestHome, tempDir, TEST_PASSPHRASE } from '../support/home';
import { startPacoMerchant } from '../support/pacoMerchant';
import { request, tryUpgrade } from '../support/serveHost';

const ERROR_LINE = /^error: [A-Z_]+: .+( \(.+\))?\n$/;
const env = { COURIER_PASSPHRASE: TEST_PASSPHRASE };
const TOKEN = 'cli-company-token-93b1';
const BASIC_PASSWORD = 'cli-basic-password-4e07';

let dir: { path: string; remove: () => void };
let home: string;
let sim: PacoSimulator;
let signingKeyId: string;
let encryptionKeyId: string;

const file = (name: string, content: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
function paco(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [COURIER_BIN, 'paco', ...args, '--home', home], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      resolve({ status: code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = tempDir();
  home = join(dir.path, 'home');
  const ctx = await openTestHome(home);
  try {
    ({ sim, signingKeyId, encryptionKeyId } = await startPacoMerchant(ctx, { apiKey: 'cli-api-key', token: TOKEN, basicPassword: BASIC_PASSWORD }));
    ctx.tlsTrust.trustCa('paco:shop', sim.caPem);
  } finally {
    ctx.close();
  }
});

afterAll(async () => {
  await sim?.close();
  dir?.remove();
});

describe('courier paco', () => {
  it('profiles save from flags and secret files; show and list never print the secrets', async () => {
    const saved = await paco(
      'profiles', 'save', '--name', 'shop', '--base-url', sim.url, '--api-key', 'cli-api-key', '--basic-user', 'merchant',
      '--token-file', file('token.txt', `${TOKEN}\n`), '--basic-password-file', file('basic.txt', `${BASIC_PASSWORD}\n`),
      '--paco-encryption-key', file('paco-enc.pem', sim.encryptionKey.pem), '--paco-encryption-kid', sim.encryptionKey.kid,
      '--paco-signing-key', file('paco-sig.pem', sim.signingKey.pem), '--paco-signing-kid', sim.signingKey.kid,
      '--merchant-signing-key', signingKeyId, '--merchant-encryption-key', encryptionKeyId, '--json',
    );
    expect(saved.stderr).toBe('');
    expect(saved.status).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ name: 'shop', baseUrl: sim.url, sealed: { companyHeader: true, basicAuth: true }, tlsScope: 'paco:shop', signingAlgorithm: 'PS256' });
    const shown = await paco('profiles', 'show', 'shop');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('paco:shop');
    const listed = await paco('profiles', 'list', '--json');
    expect(JSON.parse(listed.stdout).profiles.map((p: { name: string }) => p.name)).toEqual(['shop']);
    for (const output of [saved.stdout, shown.stdout, listed.stdout]) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(BASIC_PASSWORD);
    }
  });

  it('payment → transactionStatus → settlement → refund, with --json shapes', async () => {
    const order = { apiRequest: { officeId: 'OFFICE1', orderNo: 'CLI-1', transactionAmount: { amount: 500, currencyCode: 'THB' } } };
    const payment = await paco('call', '--profile', 'shop', 'payment', '--json-file', file('pay.json', JSON.stringify(order)), '--json');
    expect(payment.stderr).toBe('');
    expect(payment.status).toBe(0);
    expect(JSON.parse(payment.stdout)).toMatchObject({
      operation: 'payment',
      response: { data: { orderNo: 'CLI-1', status: 'Authorized', amount: 500 } },
      verification: { jwsAlg: 'PS256', jweAlg: 'RSA-OAEP', jweEnc: 'A128CBC-HS256', responseSigningKid: sim.signingKey.kid, claims: { iss: 'PacoIssuer', aud: 'cli-api-key' } },
    });
    const status = await paco('call', '--profile', 'shop', 'transactionStatus', '--json-file', file('status.json', '{"orderNo":"CLI-1"}'), '--json');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ operation: 'transactionStatus', verification: null, response: { data: { status: 'Authorized' } } });
    expect((await paco('call', '--profile', 'shop', 'settlement', '--json-file', file('settle.json', '{"apiRequest":{"officeId":"OFFICE1","orderNo":"CLI-1"}}'))).status).toBe(0);
    const refund = await paco('call', '--profile', 'shop', 'refund', '--json-file', file('refund.json', '{"apiRequest":{"officeId":"OFFICE1","orderNo":"CLI-1","refundAmount":{"amount":200}}}'));
    expect(refund.status).toBe(0);
    expect(refund.stdout).toMatch(/^refund: ok\n/);
    expect(refund.stdout).toContain(`signature verified with PACO kid ${sim.signingKey.kid}`);
    expect(refund.stdout).toContain('"refunded": 200');
  });

  it('a refusal by PACO exits 1 with one error line', async () => {
    const tooMuch = await paco('call', '--profile', 'shop', 'refund', '--json-file', file('over.json', '{"apiRequest":{"officeId":"OFFICE1","orderNo":"CLI-1","refundAmount":{"amount":9999}}}'));
    expect(tooMuch.status).toBe(1);
    expect(tooMuch.stderr).toMatch(ERROR_LINE);
    expect(tooMuch.stderr).toContain('BAD_MESSAGE');
    const unknownOrder = await paco('call', '--profile', 'shop', 'transactionStatus', '--json-file', file('none.json', '{"orderNo":"NOPE"}'));
    expect(unknownOrder.status).toBe(1);
    expect(unknownOrder.stderr).toMatch(ERROR_LINE);
  });

  it('bad input exits 2 with a hint: unknown operation, missing, non-JSON or oversized request, unknown profile, delete without --yes', async () => {
    const cases = await Promise.all([
      paco('call', '--profile', 'shop', 'teleport', '--json-file', file('x.json', '{}')),
      paco('call', '--profile', 'shop', 'payment'),
      paco('call', '--profile', 'shop', 'payment', '--json-file', file('broken.json', '{"apiRequest": ')),
      paco('call', '--profile', 'shop', 'payment', '--json-file', join(dir.path, 'missing.json')),
      paco('call', '--profile', 'shop', 'payment', '--json-file', file('huge.json', `"${'x'.repeat(1024 * 1024 + 1)}"`)),
      paco('call', '--profile', 'nobody', 'payment', '--json-file', file('y.json', '{}')),
      paco('profiles', 'delete', 'shop'),
      paco('profiles', 'save', '--name', 'half', '--paco-encryption-key', file('k.pem', sim.encryptionKey.pem)),
    ]);
    for (const result of cases) {
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(ERROR_LINE);
    }
    expect(cases[4]!.stderr).toContain('bytes, more than');
    expect(cases[5]!.stderr).toContain('NOT_FOUND');
  });

  it('profiles save --json-file updates a profile without re-sending its secrets; delete --yes removes it', async () => {
    const profile = JSON.parse((await paco('profiles', 'show', 'shop', '--json')).stdout);
    const input = {
      name: 'shop', baseUrl: profile.baseUrl, apiKey: 'cli-api-key', basicUser: 'merchant', pacoEncryptionKey: profile.pacoEncryptionKey,
      pacoSigningKeys: profile.pacoSigningKeys, merchantSigningKeyId: signingKeyId, merchantEncryptionKeyId: encryptionKeyId, signingAlgorithm: 'PS512',
    };
    const updated = await paco('profiles', 'save', '--json-file', file('profile.json', JSON.stringify(input)), '--json');
    expect(updated.status).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ id: profile.id, signingAlgorithm: 'PS512', sealed: { companyHeader: true, basicAuth: true } });
    const list = await paco('call', '--profile', 'shop', 'transactionList', '--json-file', file('list.json', '{"apiRequest":{"officeId":"OFFICE1"}}'), '--json');
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout).verification.jwsAlg).toBe('PS512');
    expect((await paco('profiles', 'delete', 'shop', '--yes')).status).toBe(0);
    expect((await paco('profiles', 'show', 'shop')).status).toBe(2);
    expect(readFileSync(join(home, 'courier.db')).includes(Buffer.from(TOKEN))).toBe(false);
  });

  it('courier demo saves a working profile `demo` against its own simulator, with fresh merchant keys', async () => {
    const started = Date.now();
    const { child, firstLine } = await startCourier(['demo', '--port', '0', '--no-open']);
    try {
      expect(Date.now() - started).toBeLessThan(10_000);
      const url = new URL(firstLine);
      const { socket } = await tryUpgrade(`ws://127.0.0.1:${url.port}/ws?token=${url.hash.replace('#token=', '')}`);
      const profile = await request(socket!, { op: 'invoke', id: 1, name: 'paco.profiles.get', input: { profile: 'demo' } }, 1);
      expect(profile).toMatchObject({ reply: { ok: true, output: { name: 'demo', tlsScope: 'paco:demo', sealed: { companyHeader: true, basicAuth: true }, baseUrl: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) } } });
      const order = { apiRequest: { officeId: 'OFFICE1', orderNo: 'DEMO-1', transactionAmount: { amount: 10, currencyCode: 'THB' } } };
      const paid = await request(socket!, { op: 'invoke', id: 2, name: 'paco.call', input: { profile: 'demo', operation: 'payment', request: order } }, 2);
      expect(paid).toMatchObject({ reply: { ok: true, output: { response: { data: { orderNo: 'DEMO-1', status: 'Authorized' } }, verification: { claims: { iss: 'PacoIssuer' } } } } });
      const keys = await request(socket!, { op: 'invoke', id: 3, name: 'keys.list', input: {} }, 3);
      expect(keys).toMatchObject({ reply: { ok: true, output: { keys: expect.arrayContaining([expect.objectContaining({ purpose: 'paco-signing', algorithm: { type: 'rsa', bits: 2048 } })]) } } });
      socket!.close();
    } finally {
      expect(await stopCourier(child)).toBe(0);
    }
  });
});
