// Pagero Interchange API against the simulator over real HTTPS: Basic and OAuth2 (password grant, cached token,
// expired token → refresh, refresh refused → password grant, 401 → one retry), the documented answers (200, 400,
// 401, 404, 415, 500) stored in the Outbox with their meaning, a zip batch for attachments, progress and cancel,
// and the login secrets never in an output, the audit log or the database in clear.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { CourierError, type CallName, type CourierEvent, type InputOf, type OutputOf } from '../../shared/ipc';
import { startPageroSimulator, type PageroSimulator } from '../../simulators/pagero/pageroSimulator';
import { openTestHome, tempDir } from '../support/home';

const LOGIN = { username: 'acme-erp', password: 'login-password-7d1f0c', clientId: 'client-42', clientSecret: 'client-secret-9ab3e1' };
const INVOICE = '<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>';

let home: { path: string; remove: () => void };
let ctx: CourierContext;
let api: Api;
let sim: PageroSimulator;

async function call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw CourierError.fromData(reply.error);
  return reply.output as OutputOf<N>;
}

async function failure<N extends CallName>(name: N, input: InputOf<N>): Promise<CourierError> {
  const reply = await api.invoke(name, input);
  if (reply.ok) throw new Error(`${name} succeeded`);
  return CourierError.fromData(reply.error);
}

const document = (text = INVOICE, fileName = 'invoice-1.xml') => ({ fileName, contentBase64: Buffer.from(text).toString('base64') });

beforeAll(async () => {
  home = tempDir();
  ctx = await openTestHome(home.path);
  api = createCourierApi(ctx);
  sim = await startPageroSimulator(LOGIN);
  await call('tls.trustCa', { scope: 'pagero:basic', pem: sim.caPem });
  await call('tls.trustCa', { scope: 'pagero:oauth', pem: sim.caPem });
  await call('pagero.profiles.save', { name: 'basic', baseUrl: sim.url, authMode: 'basic', username: LOGIN.username, password: LOGIN.password });
  await call('pagero.profiles.save', { name: 'oauth', baseUrl: sim.url, authMode: 'oauth2-password', ssoUrl: sim.ssoUrl, ...LOGIN });
});

afterAll(async () => {
  await sim?.close();
  ctx?.close();
  home?.remove();
});

describe('Pagero profiles', () => {
  it('say whether secrets are stored, never what; the endpoint URL follows the seed', async () => {
    const { profiles } = await call('pagero.profiles.list', {});
    const oauth = profiles.find((profile) => profile.name === 'oauth')!;
    expect(oauth).toMatchObject({ authMode: 'oauth2-password', sealed: { login: true, client: true }, tlsScope: 'pagero:oauth', endpointUrl: `${sim.url}/incoming/v1/invoice/test` });
    expect(JSON.stringify(profiles)).not.toContain(LOGIN.password);
    expect(JSON.stringify(profiles)).not.toContain(LOGIN.clientSecret);
  });

  it('refuse an OAuth2 profile without a client id, and a new profile without a password', async () => {
    expect((await failure('pagero.profiles.save', { name: 'x', baseUrl: sim.url, authMode: 'oauth2-password', username: 'u', password: 'p' })).code).toBe('BAD_INPUT');
    expect((await failure('pagero.profiles.save', { name: 'y', baseUrl: sim.url, authMode: 'basic', username: 'u' })).code).toBe('BAD_INPUT');
    expect((await failure('pagero.profiles.save', { name: 'z', baseUrl: 'http://127.0.0.1:1', authMode: 'basic', username: 'u', password: 'p' })).code).toBe('BAD_INPUT');
  });
});

describe('sending with Basic', () => {
  it('200: delivered, with x-interchange-id, the raw XML content type and the exact bytes', async () => {
    const result = await call('pagero.send', { profile: 'basic', document: document(), interchangeId: 'Invoice-1234567890' });
    expect(result.answer.status).toBe(200);
    expect(result.message).toMatchObject({ direction: 'outbound', protocol: 'pagero', status: 'delivered', messageId: 'Invoice-1234567890', contentType: 'application/xml' });
    const got = sim.received.at(-1)!;
    expect(got).toMatchObject({ interchangeId: 'Invoice-1234567890', documentType: 'invoice', sendMode: 'test', contentType: 'application/xml', auth: 'basic' });
    expect(got.body?.toString()).toBe(INVOICE);
  });

  it('refuses to reuse an interchange id (unique per send, kept in history)', async () => {
    expect((await failure('pagero.send', { profile: 'basic', document: document(), interchangeId: 'Invoice-1234567890' })).code).toBe('CONFLICT');
  });

  it('generates a unique interchange id from the file name when none is given', async () => {
    const first = await call('pagero.send', { profile: 'basic', document: document(INVOICE, 'order 7.json') });
    const second = await call('pagero.send', { profile: 'basic', document: document(INVOICE, 'order 7.json') });
    expect(first.interchangeId).toMatch(/^order-7-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(second.interchangeId).not.toBe(first.interchangeId);
    expect(sim.received.at(-1)!.contentType).toBe('application/json');
  });

  it('re-sends a stored document from History under a new interchange id, same bytes and content type', async () => {
    const first = await call('pagero.send', { profile: 'basic', document: document(INVOICE, 'again.xml') });
    const again = await call('messages.resend', { id: first.message.id });
    expect(again).toMatchObject({ protocol: 'pagero', status: 'delivered', fileName: 'again.xml', contentType: 'application/xml' });
    expect(again.id).not.toBe(first.message.id);
    expect(again.messageId).not.toBe(first.interchangeId);
    expect(sim.received.at(-1)).toMatchObject({ interchangeId: again.messageId, contentType: 'application/xml' });
    expect(sim.received.at(-1)!.body?.toString()).toBe(INVOICE);
  });

  it('401 with a wrong password: failed, the body shown with what to fix, no retry for Basic', async () => {
    await call('pagero.profiles.save', { name: 'wrong', baseUrl: sim.url, authMode: 'basic', username: LOGIN.username, password: 'not-it' });
    await call('tls.trustCa', { scope: 'pagero:wrong', pem: sim.caPem });
    const result = await call('pagero.send', { profile: 'wrong', document: document() });
    expect(result.answer.status).toBe(401);
    expect(result.answer.body).toContain('401 Unauthorized');
    expect(result.answer.meaning).toMatch(/user name and password/);
    expect(result.message.status).toBe('failed');
    const detail = await call('messages.get', { id: result.message.id });
    expect(detail.problem).toMatchObject({ code: 'HTTP_401' });
  });

  it('404 for an unknown document type, 415 for an unsupported content type, 500 from the server: failed with guidance', async () => {
    await call('pagero.profiles.save', { name: 'basic', baseUrl: sim.url, authMode: 'basic', username: LOGIN.username, documentType: 'nosuchtype' });
    const notFound = await call('pagero.send', { profile: 'basic', document: document() });
    expect(notFound.answer.status).toBe(404);
    expect(notFound.answer.meaning).toMatch(/document type and the send mode/);
    await call('pagero.profiles.save', { name: 'basic', baseUrl: sim.url, authMode: 'basic', username: LOGIN.username });
    const wrongType = await call('pagero.send', { profile: 'basic', document: document('%PDF-1.4', 'scan.pdf'), contentType: 'application/octet-stream' });
    expect(wrongType.answer.status).toBe(200);
    sim.failNext(500, '<html><body>500 Internal Server Error</body></html>');
    const serverError = await call('pagero.send', { profile: 'basic', document: document() });
    expect(serverError.answer.status).toBe(500);
    expect(serverError.message.status).toBe('failed');
    expect(serverError.answer.meaning).toMatch(/nothing was delivered/);
    sim.failNext(415, '<html><body>415 Unsupported Media Type</body></html>');
    const unsupported = await call('pagero.send', { profile: 'basic', document: document() });
    expect(unsupported.answer.meaning).toMatch(/application\/octet-stream/);
    sim.failNext(400, 'Invalid UBL: cbc:ID missing');
    const bad = await call('pagero.send', { profile: 'basic', document: document() });
    expect(bad.answer).toMatchObject({ status: 400, body: 'Invalid UBL: cbc:ID missing' });
    expect((await call('messages.get', { id: bad.message.id })).problem?.summary).toContain('Invalid UBL');
  });

  it('a document with attachments goes as one zip batch (binary), the document at the root', async () => {
    const result = await call('pagero.send', { profile: 'basic', document: document(), attachments: [{ fileName: 'scan.pdf', contentBase64: Buffer.from('%PDF-1.4 scan').toString('base64') }] });
    expect(result.message).toMatchObject({ fileName: 'invoice-1.zip', contentType: 'application/octet-stream', status: 'delivered' });
    const zip = unzipSync(new Uint8Array(sim.received.at(-1)!.body!));
    expect(Object.keys(zip).sort()).toEqual(['attachments/invoice-1/scan.pdf', 'invoice-1.xml']);
    expect(Buffer.from(zip['invoice-1.xml']!).toString()).toBe(INVOICE);
  });

  it('streams a document from a path with progress events up to its size', async () => {
    const path = join(home.path, 'big.xml');
    writeFileSync(path, `<Invoice>${'x'.repeat(3 * 1024 * 1024)}</Invoice>`);
    const events: CourierEvent[] = [];
    const unsubscribe = ctx.events.subscribe((event) => events.push(event));
    const result = await call('pagero.send', { profile: 'basic', document: { path }, transferId: 'transfer-big-1' });
    unsubscribe();
    const progress = events.flatMap((event) => (event.type === 'transfers.progress' ? [event.transfer] : []));
    const size = readFileSync(path).length;
    expect(result.answer.status).toBe(200);
    expect(progress[0]).toMatchObject({ transferId: 'transfer-big-1', state: 'sending', totalBytes: size });
    expect(progress.at(-1)).toMatchObject({ state: 'done', sentBytes: size });
  });

  it('cancel: the upload stops, the send fails with CANCELLED and the message says so', async () => {
    const path = join(home.path, 'huge.xml');
    writeFileSync(path, Buffer.alloc(32 * 1024 * 1024, 0x61));
    sim.stallNextUpload();
    let sentWhenCancelled = -1;
    const unsubscribe = ctx.events.subscribe((event) => {
      if (event.type !== 'transfers.progress' || event.transfer.transferId !== 'transfer-cancel-1') return;
      if (event.transfer.state === 'sending' && event.transfer.sentBytes > 0 && sentWhenCancelled < 0) {
        sentWhenCancelled = event.transfer.sentBytes;
        void call('transfers.cancel', { transferId: 'transfer-cancel-1' });
      }
    });
    const error = await failure('pagero.send', { profile: 'basic', document: { path }, transferId: 'transfer-cancel-1' });
    unsubscribe();
    expect(error.code).toBe('CANCELLED');
    // Cancelled mid-upload: some bytes had left, far from all of them.
    expect(sentWhenCancelled).toBeGreaterThan(0);
    expect(sentWhenCancelled).toBeLessThan(32 * 1024 * 1024);
    const { rows } = await call('messages.list', { direction: 'outbound', protocols: ['pagero'], statuses: ['stopped'] });
    expect(rows.length).toBe(1);
    expect(await call('transfers.cancel', { transferId: 'transfer-cancel-1' })).toEqual({ transferId: 'transfer-cancel-1', cancelled: false });
  });

  it('a server whose CA is not trusted for the profile is refused before anything is sent', async () => {
    await call('pagero.profiles.save', { name: 'untrusted', baseUrl: sim.url, authMode: 'basic', username: LOGIN.username, password: LOGIN.password });
    const before = sim.received.length;
    const error = await failure('pagero.send', { profile: 'untrusted', document: document() });
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.hint).toContain('pagero:untrusted');
    expect(sim.received.length).toBe(before);
  });
});

describe('sending with OAuth2 (resource-owner password)', () => {
  it('logs in once with the password grant, then reuses the cached token', async () => {
    const before = { ...sim.grants };
    await call('pagero.send', { profile: 'oauth', document: document() });
    const second = await call('pagero.send', { profile: 'oauth', document: document() });
    expect(sim.grants.password - before.password).toBe(1);
    expect(sim.grants.refresh - before.refresh).toBe(0);
    expect(sim.received.at(-1)!.auth).toBe('bearer');
    expect(second.message.statusText).toContain('cached');
  });

  it('an expired token is renewed with the refresh token (no new password grant)', async () => {
    sim.expireAccessTokens();
    const before = { ...sim.grants };
    const result = await call('pagero.send', { profile: 'oauth', document: document() });
    expect(result.answer.status).toBe(200);
    // The cache still believes the token valid, so the API's 401 triggers the renewal and the one retry.
    expect(sim.grants.refresh - before.refresh).toBe(1);
    expect(sim.grants.password - before.password).toBe(0);
    expect(result.message.statusText).toMatch(/cached → HTTP 401; refreshed → HTTP 200/);
  });

  it('a token past its expires_in is renewed before sending (no 401 at all)', async () => {
    ctx.db.prepare("UPDATE pagero_profiles SET access_expires_at = '2000-01-01T00:00:00.000Z' WHERE name = 'oauth'").run();
    const rejections = sim.apiRejections;
    const before = { ...sim.grants };
    const result = await call('pagero.send', { profile: 'oauth', document: document() });
    expect(result.message.statusText).toMatch(/\(refreshed → HTTP 200\)/);
    expect(sim.grants.refresh - before.refresh).toBe(1);
    expect(sim.apiRejections).toBe(rejections);
  });

  it('a refused refresh falls back to a new password grant', async () => {
    sim.expireAccessTokens();
    sim.rejectRefresh(true);
    const before = { ...sim.grants };
    const result = await call('pagero.send', { profile: 'oauth', document: document() });
    sim.rejectRefresh(false);
    expect(result.answer.status).toBe(200);
    expect(sim.grants.refreshRefused - before.refreshRefused).toBe(1);
    expect(sim.grants.password - before.password).toBe(1);
    expect(result.message.statusText).toContain('password-grant → HTTP 200');
  });

  it('a 401 is retried once only: a second 401 ends the send as failed', async () => {
    sim.failNext(401, '<html><body>401 Unauthorized</body></html>', 2);
    const result = await call('pagero.send', { profile: 'oauth', document: document() });
    expect(result.answer.status).toBe(401);
    expect(result.message.status).toBe('failed');
    expect(result.message.statusText).toMatch(/HTTP 401.*HTTP 401\)$/);
  });

  it('a wrong client secret is the SSO refusing the login, said as such', async () => {
    await call('pagero.profiles.save', { name: 'oauth-bad', baseUrl: sim.url, authMode: 'oauth2-password', ssoUrl: sim.ssoUrl, ...LOGIN, clientSecret: 'wrong' });
    await call('tls.trustCa', { scope: 'pagero:oauth-bad', pem: sim.caPem });
    const error = await failure('pagero.send', { profile: 'oauth-bad', document: document() });
    expect(error.code).toBe('REMOTE_REJECTED');
    expect(error.message).toMatch(/refused the login.*invalid_client/);
    expect(error.message).not.toContain('wrong');
  });

  it('tokens are cached sealed; no secret is in the audit log or in the database in clear', async () => {
    const audit = JSON.stringify(ctx.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of [LOGIN.password, LOGIN.clientSecret]) expect(audit).not.toContain(secret);
    const db = Buffer.concat([ctx.paths.database, `${ctx.paths.database}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
    for (const secret of [LOGIN.password, LOGIN.clientSecret]) expect(db.includes(Buffer.from(secret))).toBe(false);
  });
});
