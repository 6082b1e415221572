// Pagero's HTTP client (the simulator's pusher) posting to Courier's push endpoint over real HTTPS, in every auth
// mode the seed lists: each document stored (Inbox, protocol pagero-push, static headers recorded) before the 200;
// wrong Basic credentials, an unknown or expired bearer token and a client certificate from another CA refused with
// nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { makeServerIdentity, type ServerIdentity } from '../../electron/core/tls/throwawayCa';
import { startPushServer, type PushServer } from '../../electron/core/transports/pagero/pushServer';
import { CourierError, type CallName, type InputOf, type OutputOf } from '../../shared/ipc';
import { fetchPushToken, makeClientIdentity, pushDocument, type ClientIdentity } from '../../simulators/pagero/pageroPusher';
import { openTestHome, tempDir } from '../support/home';

const BASIC = { user: 'pagero', password: 'push-password-3e9a' };
const CLIENT = { clientId: 'pagero-client', clientSecret: 'push-client-secret-77c1' };
const INVOICE = '<Invoice><ID>42</ID></Invoice>';

let home: { path: string; remove: () => void };
let ctx: CourierContext;
let api: Api;
let server: PushServer;
let serverIdentity: ServerIdentity;
let pagero: ClientIdentity;

async function call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const reply = await api.invoke(name, input);
  if (!reply.ok) throw CourierError.fromData(reply.error);
  return reply.output as OutputOf<N>;
}

async function inbox() {
  return (await call('messages.list', { direction: 'inbound', protocols: ['pagero-push'] })).rows;
}

beforeAll(async () => {
  home = tempDir();
  ctx = await openTestHome(home.path);
  api = createCourierApi(ctx);
  serverIdentity = makeServerIdentity('courier-pagero');
  server = await startPushServer(ctx, { port: 0, tls: serverIdentity, limits: { maxBodyBytes: 1024 * 1024 } });
  pagero = makeClientIdentity();
  await call('pagero.endpoints.save', { name: 'open', authMode: 'none' });
  await call('pagero.endpoints.save', { name: 'basic', authMode: 'basic', basicUser: BASIC.user, basicPassword: BASIC.password, recordHeaders: ['x-receiving-system', 'X-Receiving-Business-Unit'] });
  await call('pagero.endpoints.save', { name: 'oauth', authMode: 'oauth2-client-credentials', ...CLIENT, accessLifetimeSeconds: 60 });
  await call('pagero.endpoints.save', { name: 'mtls', authMode: 'mtls', clientCaPem: pagero.caPem });
});

afterAll(async () => {
  await server?.close();
  ctx?.close();
  home?.remove();
});

const url = (name: string) => `${server.url}/${name}`;

describe('push endpoints', () => {
  it('list where they listen; secrets are never in the output', async () => {
    const { endpoints, listening } = await call('pagero.endpoints.list', {});
    expect(listening).toEqual([server.url]);
    const oauth = endpoints.find((endpoint) => endpoint.name === 'oauth')!;
    expect(oauth.urls).toEqual({ documents: [url('oauth')], oauth: [`${url('oauth')}/oauth/token`] });
    expect(oauth.sealed).toEqual({ basic: false, client: true });
    expect(endpoints.find((endpoint) => endpoint.name === 'mtls')!.clientCas).toHaveLength(1);
    expect(JSON.stringify(endpoints)).not.toContain(BASIC.password);
    expect(JSON.stringify(endpoints)).not.toContain(CLIENT.clientSecret);
  });

  it('refuse an mTLS endpoint whose "CA" is a leaf certificate', async () => {
    const reply = await api.invoke('pagero.endpoints.save', { name: 'bad-ca', authMode: 'mtls', clientCaPem: pagero.certPem });
    expect(reply.ok).toBe(false);
  });
});

describe('pushes in every auth mode are stored, then answered 200', () => {
  it('none', async () => {
    const answer = await pushDocument({ url: url('open'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE, contentType: 'application/xml', headers: { 'x-interchange-id': 'push-open-1' } });
    expect(answer.status).toBe(200);
    const row = (await inbox()).find((message) => message.messageId === 'push-open-1')!;
    expect(row).toMatchObject({ direction: 'inbound', protocol: 'pagero-push', status: 'received', contentType: 'application/xml', fileName: 'push-open-1.xml', payloadSize: INVOICE.length });
    expect(answer.body).toContain(`message ${row.id}`);
    const payload = await call('messages.payload', { id: row.id });
    expect(Buffer.from(payload.contentBase64, 'base64').toString()).toBe(INVOICE);
  });

  it('basic, with the configured static headers recorded and the credentials not', async () => {
    const answer = await pushDocument({
      url: url('basic'),
      caPem: serverIdentity.caPem,
      auth: { mode: 'basic', ...BASIC },
      body: INVOICE,
      headers: { 'x-interchange-id': 'push-basic-1', 'x-receiving-business-unit': 'BU005', 'x-receiving-system': 'SAPS4', 'x-unlisted': 'dropped' },
    });
    expect(answer.status).toBe(200);
    const row = (await inbox()).find((message) => message.messageId === 'push-basic-1')!;
    const detail = await call('messages.get', { id: row.id });
    const headers = Object.fromEntries(detail.headers.map(([name, value]) => [name.toLowerCase(), value]));
    expect(headers).toMatchObject({ 'x-receiving-business-unit': 'BU005', 'x-receiving-system': 'SAPS4', 'x-interchange-id': 'push-basic-1' });
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-unlisted']).toBeUndefined();
  });

  it('oauth2 client_credentials: a token from Courier\'s token URL, then the document', async () => {
    const answer = await pushDocument({ url: url('oauth'), caPem: serverIdentity.caPem, auth: { mode: 'oauth2-client-credentials', tokenUrl: `${url('oauth')}/oauth/token`, ...CLIENT }, body: INVOICE, headers: { 'x-interchange-id': 'push-oauth-1' } });
    expect(answer.status).toBe(200);
    expect((await inbox()).some((message) => message.messageId === 'push-oauth-1')).toBe(true);
  });

  it('mtls with a client certificate from the endpoint\'s CA', async () => {
    const answer = await pushDocument({ url: url('mtls'), caPem: serverIdentity.caPem, auth: { mode: 'mtls', certPem: pagero.certPem, keyPem: pagero.keyPem }, body: INVOICE, headers: { 'x-interchange-id': 'push-mtls-1' } });
    expect(answer.status).toBe(200);
    expect((await inbox()).some((message) => message.messageId === 'push-mtls-1')).toBe(true);
  });

  it('the same interchange pushed again is answered 200 and stored once', async () => {
    const again = await pushDocument({ url: url('open'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE, headers: { 'x-interchange-id': 'push-open-1' } });
    expect(again.status).toBe(200);
    expect((await inbox()).filter((message) => message.messageId === 'push-open-1')).toHaveLength(1);
  });
});

describe('refused pushes store nothing', () => {
  async function refused(push: Parameters<typeof pushDocument>[0]): Promise<number> {
    const before = (await inbox()).length;
    const answer = await pushDocument(push);
    expect((await inbox()).length).toBe(before);
    return answer.status;
  }

  it('bad Basic credentials: 401 with a challenge', async () => {
    expect(await refused({ url: url('basic'), caPem: serverIdentity.caPem, auth: { mode: 'basic', user: BASIC.user, password: 'wrong' }, body: INVOICE })).toBe(401);
    expect(await refused({ url: url('basic'), caPem: serverIdentity.caPem, auth: { mode: 'basic', user: 'someone', password: BASIC.password }, body: INVOICE })).toBe(401);
    expect(await refused({ url: url('basic'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE })).toBe(401);
  });

  it('oauth2: a wrong client secret gets no token; an unknown or expired token is refused', async () => {
    await expect(fetchPushToken({ mode: 'oauth2-client-credentials', tokenUrl: `${url('oauth')}/oauth/token`, clientId: CLIENT.clientId, clientSecret: 'wrong' }, serverIdentity.caPem)).rejects.toThrow(/401.*invalid_client/);
    const forged = await pushDocument({ url: url('oauth'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE, headers: { authorization: 'Bearer forged-token' } });
    expect(forged.status).toBe(401);
    const token = await fetchPushToken({ mode: 'oauth2-client-credentials', tokenUrl: `${url('oauth')}/oauth/token`, ...CLIENT }, serverIdentity.caPem);
    ctx.db.prepare("UPDATE pagero_push_tokens SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    expect(await refused({ url: url('oauth'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE, headers: { authorization: `Bearer ${token}` } })).toBe(401);
  });

  it('a bearer token of one endpoint does not open another', async () => {
    await call('pagero.endpoints.save', { name: 'oauth-b', authMode: 'oauth2-client-credentials', clientId: 'other', clientSecret: 'other-secret' });
    const token = await fetchPushToken({ mode: 'oauth2-client-credentials', tokenUrl: `${url('oauth')}/oauth/token`, ...CLIENT }, serverIdentity.caPem);
    expect(await refused({ url: url('oauth-b'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE, headers: { authorization: `Bearer ${token}` } })).toBe(401);
  });

  it('mtls: a certificate from another CA is refused (403), no certificate at all too (401)', async () => {
    const stranger = makeClientIdentity('stranger');
    expect(await refused({ url: url('mtls'), caPem: serverIdentity.caPem, auth: { mode: 'mtls', certPem: stranger.certPem, keyPem: stranger.keyPem }, body: INVOICE })).toBe(403);
    expect(await refused({ url: url('mtls'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE })).toBe(401);
  });

  it('an unknown endpoint is 404, an empty body 400', async () => {
    expect(await refused({ url: url('nosuch'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: INVOICE })).toBe(404);
    expect(await refused({ url: url('open'), caPem: serverIdentity.caPem, auth: { mode: 'none' }, body: '' })).toBe(400);
  });
});
