// PACO profiles through the Api: saved, listed, updated and deleted with audit entries; the company token and
// the Basic password sealed at rest and never in an output or the audit log; calls against the simulator
// carry the verification details and are audited with their outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { CourierError, type CallName, type InputOf, type OutputOf } from '../../shared/ipc';
import type { PacoSimulator } from '../../simulators/paco/pacoSimulator';
import { openTestHome, tempDir } from '../support/home';
import { startPacoMerchant } from '../support/pacoMerchant';
import { filesUnder, findings } from '../support/secretScan';

const TOKEN = 'company-token-5f1c0a9e77';
const BASIC_PASSWORD = 'basic-password-b81d2c44e0';

let home: { path: string; remove: () => void };
let ctx: CourierContext;
let api: Api;
let sim: PacoSimulator;
let signingKeyId: string;
let encryptionKeyId: string;

async function call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw CourierError.fromData(reply.error);
  return reply.output as OutputOf<N>;
}

function profileInput(overrides: Partial<InputOf<'paco.profiles.save'>> = {}): InputOf<'paco.profiles.save'> {
  return {
    name: 'sim',
    baseUrl: sim.url,
    apiKey: 'api-key-1',
    token: TOKEN,
    basicUser: 'merchant',
    basicPassword: BASIC_PASSWORD,
    pacoEncryptionKey: { kid: sim.encryptionKey.kid, key: sim.encryptionKey.pem },
    pacoSigningKeys: [{ kid: sim.signingKey.kid, key: sim.signingKey.pem }],
    merchantSigningKeyId: signingKeyId,
    merchantEncryptionKeyId: encryptionKeyId,
    ...overrides,
  };
}

beforeAll(async () => {
  home = tempDir();
  ctx = await openTestHome(home.path);
  api = createCourierApi(ctx);
  ({ sim, signingKeyId, encryptionKeyId } = await startPacoMerchant(ctx, { apiKey: 'api-key-1', token: TOKEN, basicPassword: BASIC_PASSWORD }));
  await call('tls.trustCa', { scope: 'paco:sim', pem: sim.caPem });
});

afterAll(async () => {
  await sim?.close();
  ctx?.close();
  home?.remove();
});

describe('PACO profiles', () => {
  it('saves, lists and gets a profile; outputs say a token and password are stored, never what they are', async () => {
    const saved = await call('paco.profiles.save', profileInput());
    expect(saved).toMatchObject({
      name: 'sim',
      environment: 'uat',
      baseUrl: sim.url,
      issuer: 'api-key-1',
      basicUser: 'merchant',
      sealed: { companyHeader: true, basicAuth: true },
      tlsScope: 'paco:sim',
      signingAlgorithm: 'PS256',
      contentEncryption: 'A128CBC-HS256',
      merchantSigningKeyId: signingKeyId,
    });
    expect((await call('paco.profiles.list', {})).profiles.map((p) => p.name)).toEqual(['sim']);
    expect(await call('paco.profiles.get', { profile: 'sim' })).toEqual(saved);
    expect(await call('paco.profiles.get', { profile: saved.id })).toEqual(saved);
    for (const output of [saved, await call('paco.profiles.list', {})]) {
      expect(JSON.stringify(output)).not.toContain(TOKEN);
      expect(JSON.stringify(output)).not.toContain(BASIC_PASSWORD);
    }
  });

  it('an update without token and password keeps the sealed ones (a call still authenticates)', async () => {
    const before = await call('paco.profiles.get', { profile: 'sim' });
    const { token: _token, basicPassword: _password, ...rest } = profileInput({ signingAlgorithm: 'RS384', contentEncryption: 'A256GCM' });
    const updated = await call('paco.profiles.save', rest);
    expect(updated).toMatchObject({ id: before.id, createdAt: before.createdAt, signingAlgorithm: 'RS384', sealed: { companyHeader: true, basicAuth: true } });
    const paid = await call('paco.call', { profile: 'sim', operation: 'transactionList', request: { apiRequest: { officeId: 'OFFICE1' } } });
    expect(paid.verification).toMatchObject({ jwsAlg: 'RS384', jweEnc: 'A256GCM' });
    await call('paco.profiles.save', profileInput());
  });

  it('keeps the token and Basic password sealed at rest: no file of the home holds them in clear', () => {
    const files = filesUnder(home.path);
    expect(files.some((file) => file.endsWith('courier.db'))).toBe(true);
    const needles = [TOKEN, BASIC_PASSWORD].flatMap((secret): [string, Buffer][] => [
      [secret, Buffer.from(secret)],
      [`${secret} base64`, Buffer.from(Buffer.from(secret).toString('base64'))],
    ]);
    expect(findings(files, needles)).toEqual([]);
  });

  it('refuses profiles it could not use, each with a clear error, and stores nothing', async () => {
    const refused = (input: unknown) => api.invoke('paco.profiles.save', input).then((reply) => (reply.ok ? 'saved' : reply.error.code));
    const ec = await ctx.keys.generate({ jobId: 'ec', label: 'EC', purpose: 'paco-signing', algorithm: { type: 'ec', curve: 'P-256' } });
    expect(await refused(profileInput({ name: 'ec', merchantSigningKeyId: ec.id }))).toBe('BAD_INPUT');
    expect(await refused(profileInput({ name: 'swapped', merchantSigningKeyId: encryptionKeyId }))).toBe('BAD_INPUT');
    expect(await refused(profileInput({ name: 'missing-key', merchantEncryptionKeyId: 'key-does-not-exist' }))).toBe('NOT_FOUND');
    expect(await refused(profileInput({ name: 'no-token', token: undefined }))).toBe('BAD_INPUT');
    expect(await refused(profileInput({ name: 'garbage', pacoEncryptionKey: { kid: 'x', key: 'not a key' } }))).toBe('BAD_INPUT');
    const ecPem = ctx.keys.exportPublic(ec.id, 'pem');
    expect(await refused(profileInput({ name: 'ec-paco', pacoSigningKeys: [{ kid: 'e', key: ecPem.format === 'pem' ? ecPem.pem : '' }] }))).toBe('BAD_INPUT');
    expect(await refused(profileInput({ name: 'plain-http', baseUrl: 'http://127.0.0.1:1' }))).toBe('BAD_INPUT');
    expect(await refused(profileInput({ name: 'prod', environment: 'production', baseUrl: undefined }))).toBe('BAD_INPUT');
    expect(await refused({ ...profileInput({ name: 'extra' }), tokenPlain: 'x' })).toBe('BAD_INPUT');
    expect((await call('paco.profiles.list', {})).profiles.map((p) => p.name)).toEqual(['sim']);
  });

  it('defaults a UAT profile to the seed\'s UAT URL', async () => {
    const uat = await call('paco.profiles.save', profileInput({ name: 'uat', baseUrl: undefined }));
    expect(uat.baseUrl).toBe('https://core.demo-paco.2c2p.com');
    await call('paco.profiles.delete', { profile: 'uat', confirm: true });
  });
});

describe('PACO calls through the Api', () => {
  it('pays, inquires and refunds; answers come with the verification details', async () => {
    const payment = await call('paco.call', { profile: 'sim', operation: 'payment', request: { apiRequest: { officeId: 'OFFICE1', orderNo: 'API-1', transactionAmount: { amount: 300, currencyCode: 'THB' } } } });
    expect(payment.response).toMatchObject({ data: { orderNo: 'API-1', status: 'Authorized' } });
    const now = Math.floor(Date.now() / 1000);
    expect(payment.verification).toMatchObject({
      jwsAlg: 'PS256',
      jweAlg: 'RSA-OAEP',
      jweEnc: 'A128CBC-HS256',
      requestKid: ctx.keys.get(signingKeyId).jwkThumbprint,
      requestEncryptionKid: sim.encryptionKey.kid,
      responseSigningKid: sim.signingKey.kid,
      responseEncryptionKid: ctx.keys.get(encryptionKeyId).jwkThumbprint,
      claims: { iss: 'PacoIssuer', aud: 'api-key-1' },
    });
    expect(Math.abs(payment.verification!.claims.exp - now - 300)).toBeLessThan(30);
    const status = await call('paco.call', { profile: 'sim', operation: 'transactionStatus', request: { orderNo: 'API-1' } });
    expect(status).toMatchObject({ verification: null, response: { data: { status: 'Authorized' } } });
    await call('paco.call', { profile: 'sim', operation: 'settlement', request: { apiRequest: { officeId: 'OFFICE1', orderNo: 'API-1' } } });
    const refund = await call('paco.call', { profile: 'sim', operation: 'refund', request: { apiRequest: { officeId: 'OFFICE1', orderNo: 'API-1', refundAmount: { amount: 300 } } } });
    expect(refund.response).toMatchObject({ data: { refunded: 300 } });
  });

  it('audits every call with its outcome and every profile change, never a secret', async () => {
    const refused = await api.invoke('paco.call', { profile: 'sim', operation: 'refund', request: { apiRequest: { officeId: 'OFFICE1', orderNo: 'API-1', refundAmount: { amount: 1 } } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    const badQuery = await api.invoke('paco.call', { profile: 'sim', operation: 'transactionStatus', request: { orderNo: 7 } });
    expect(badQuery).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const entries = (await call('audit.list', {})).entries;
    const calls = entries.filter((e) => e.action === 'paco.call').map((e) => `${String(e.details.operation)}:${String(e.details.outcome)}`);
    expect(calls).toEqual(expect.arrayContaining(['payment:ok', 'transactionStatus:ok', 'refund:ok', 'refund:BAD_MESSAGE', 'transactionStatus:BAD_INPUT']));
    expect(entries.filter((e) => e.action === 'paco.profile-saved').length).toBeGreaterThanOrEqual(3);
    expect(entries.some((e) => e.action === 'paco.profile-deleted' && e.details.name === 'uat')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(TOKEN);
    expect(JSON.stringify(entries)).not.toContain(BASIC_PASSWORD);
  });

  it('trusts only its own scope\'s CA; a wrong stored token is refused as UNAUTHORIZED; delete needs confirm', async () => {
    await call('paco.profiles.save', profileInput({ name: 'wrong', token: 'not-the-token' }));
    expect(await api.invoke('paco.call', { profile: 'wrong', operation: 'transactionList', request: { apiRequest: { officeId: 'OFFICE1' } } })).toMatchObject({ ok: false, error: { code: 'CONNECTION_FAILED' } });
    await call('tls.trustCa', { scope: 'paco:wrong', pem: sim.caPem });
    expect(await api.invoke('paco.call', { profile: 'wrong', operation: 'transactionList', request: { apiRequest: { officeId: 'OFFICE1' } } })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await api.invoke('paco.profiles.delete', { profile: 'wrong' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await call('paco.profiles.delete', { profile: 'wrong', confirm: true })).toMatchObject({ name: 'wrong', deleted: true });
    expect(await api.invoke('paco.profiles.get', { profile: 'wrong' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await api.invoke('paco.call', { profile: 'wrong', operation: 'payment', request: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('offers a request template for every operation', async () => {
    const { templates } = await call('paco.templates', {});
    expect(templates.map((t) => t.operation).sort()).toEqual(['payment', 'refund', 'settlement', 'transactionList', 'transactionStatus', 'void']);
    expect(templates.find((t) => t.operation === 'transactionStatus')).toMatchObject({ method: 'GET', jose: false });
  });
});
