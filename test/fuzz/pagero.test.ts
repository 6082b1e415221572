// Hostile input for Pagero: token answers from the SSO (malformed, truncated, oversized, header injection) are
// refused as BAD_MESSAGE before use, and the push endpoint answers oversized, truncated and malformed requests
// with a status, stores nothing and keeps serving.
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierApi, type Api } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { makeServerIdentity, type ServerIdentity } from '../../electron/core/tls/throwawayCa';
import { parseTokenAnswer } from '../../electron/core/transports/pagero/pageroSso';
import { startPushServer, type PushServer } from '../../electron/core/transports/pagero/pushServer';
import { CourierError } from '../../shared/ipc';
import { pushDocument } from '../../simulators/pagero/pageroPusher';
import { startPageroSimulator, type PageroSimulator, type TokenFault } from '../../simulators/pagero/pageroSimulator';
import { openTestHome, tempDir } from '../support/home';
import { prng } from '../support/prng';

let home: { path: string; remove: () => void };
let ctx: CourierContext;
let api: Api;
let server: PushServer;
let identity: ServerIdentity;
let sim: PageroSimulator;

beforeAll(async () => {
  home = tempDir();
  ctx = await openTestHome(home.path);
  api = createCourierApi(ctx);
  identity = makeServerIdentity('courier-pagero');
  server = await startPushServer(ctx, { port: 0, tls: identity, limits: { maxBodyBytes: 64 * 1024, maxHeaderCount: 20, maxHeaderBytes: 4096 } });
  await api.invoke('pagero.endpoints.save', { name: 'basic', authMode: 'basic', basicUser: 'pagero', basicPassword: 'pw-1' });
  await api.invoke('pagero.endpoints.save', { name: 'oauth', authMode: 'oauth2-client-credentials', clientId: 'c', clientSecret: 's' });
  sim = await startPageroSimulator({ username: 'u', password: 'p', clientId: 'c', clientSecret: 's' });
  await api.invoke('tls.trustCa', { scope: 'pagero:oauth', pem: sim.caPem });
  await api.invoke('pagero.profiles.save', { name: 'oauth', baseUrl: sim.url, authMode: 'oauth2-password', ssoUrl: sim.ssoUrl, username: 'u', password: 'p', clientId: 'c', clientSecret: 's' });
});

afterAll(async () => {
  await server?.close();
  await sim?.close();
  ctx?.close();
  home?.remove();
});

const stored = () => (ctx.db.prepare("SELECT count(*) AS n FROM messages WHERE protocol = 'pagero-push'").get() as { n: number }).n;

function badMessage(body: string | Buffer): string {
  try {
    parseTokenAnswer(Buffer.from(body));
  } catch (error) {
    expect(error).toBeInstanceOf(CourierError);
    return (error as CourierError).code;
  }
  return 'accepted';
}

describe('token answers from the SSO', () => {
  it('accepts the seed\'s example answer, with expires_in 600', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const tokens = parseTokenAnswer(Buffer.from('{"token_type":"bearer","access_token":"_0XBPWQQ_755ee1db-08e1-46a5-a121-538d37e5571d","refresh_token":"_1XBPWQQ_d88969ce-25dc-40af-a558-fc647632d610","scope":"","expires_in":600}'), now);
    expect(tokens).toEqual({ access: '_0XBPWQQ_755ee1db-08e1-46a5-a121-538d37e5571d', refresh: '_1XBPWQQ_d88969ce-25dc-40af-a558-fc647632d610', expiresAt: new Date('2024-01-01T00:10:00Z') });
  });

  it.each([
    ['empty', ''],
    ['HTML', '<html>502</html>'],
    ['truncated', '{"access_token":"abc","expires_in":6'],
    ['null', 'null'],
    ['array', '[{"access_token":"abc"}]'],
    ['number token', '{"access_token":42}'],
    ['empty token', '{"access_token":""}'],
    ['CRLF in token', '{"access_token":"a\\r\\nX-Evil: 1"}'],
    ['space in token', '{"access_token":"a b"}'],
    ['huge token', JSON.stringify({ access_token: 'a'.repeat(5000) })],
    ['mac token type', '{"access_token":"abc","token_type":"mac"}'],
    ['negative expiry', '{"access_token":"abc","expires_in":-1}'],
    ['fractional expiry', '{"access_token":"abc","expires_in":1.5}'],
    ['absurd expiry', '{"access_token":"abc","expires_in":1e12}'],
    ['object refresh', '{"access_token":"abc","refresh_token":{}}'],
    ['NUL bytes', Buffer.from([0x7b, 0x00, 0x7d])],
  ])('refuses %s as BAD_MESSAGE', (_name, body) => {
    expect(badMessage(body)).toBe('BAD_MESSAGE');
  });

  it('refuses random bytes without throwing anything but a CourierError', () => {
    const random = prng(8);
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
      expect(['BAD_MESSAGE', 'accepted']).toContain(badMessage(bytes));
    }
  });

  it.each<TokenFault>(['not-json', 'array', 'no-access-token', 'wrong-token-type', 'negative-expiry', 'control-chars', 'huge'])('a send whose SSO answers %s fails cleanly and caches nothing', async (fault) => {
    sim.breakNextTokenAnswer(fault);
    ctx.db.prepare("UPDATE pagero_profiles SET access_sealed = NULL, refresh_sealed = NULL, access_expires_at = NULL WHERE name = 'oauth'").run();
    const reply = await api.invoke('pagero.send', { profile: 'oauth', document: { fileName: 'a.xml', contentBase64: Buffer.from('<a/>').toString('base64') } });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('BAD_MESSAGE');
    expect(ctx.db.prepare("SELECT access_sealed FROM pagero_profiles WHERE name = 'oauth'").get()).toEqual({ access_sealed: null });
  });
});

/** Raw bytes over TLS to the push server; resolves with what came back before the connection closed. */
function raw(request: string | Buffer, hangUp = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    // The server closes after a refusal (Connection: close); a client that hangs up closes first.
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: identity.caPem, servername: 'localhost' }, () => (hangUp ? socket.end(request) : socket.write(request)));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(Buffer.concat(chunks).toString('latin1')) : reject(error)));
  });
}

const basicAuth = `Basic ${Buffer.from('pagero:pw-1').toString('base64')}`;

describe('the push endpoint under hostile requests', () => {
  it('an oversized document (declared or streamed) is 413 and nothing is stored', async () => {
    const before = stored();
    const declared = await pushDocument({ url: `${server.url}/basic`, caPem: identity.caPem, auth: { mode: 'basic', user: 'pagero', password: 'pw-1' }, body: Buffer.alloc(65 * 1024, 0x41) });
    expect(declared.status).toBe(413);
    const chunked = await raw(`POST /pagero/basic HTTP/1.1\r\nHost: x\r\nAuthorization: ${basicAuth}\r\nTransfer-Encoding: chunked\r\n\r\n${'10000\r\n' + 'A'.repeat(0x10000) + '\r\n'}${'10\r\n' + 'B'.repeat(16) + '\r\n'}0\r\n\r\n`);
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);
    expect(stored()).toBe(before);
  });

  it.each([
    ['a header line without a colon', 'POST /pagero/basic HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n', /^HTTP\/1\.1 400/],
    ['a header section over the size limit', `POST /pagero/basic HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`, /^HTTP\/1\.1 431/],
    ['too many header fields', `POST /pagero/basic HTTP/1.1\r\nHost: x\r\nAuthorization: ${basicAuth}\r\n${Array.from({ length: 30 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\nContent-Length: 2\r\n\r\nhi`, /^HTTP\/1\.1 431/],
    ['a bad chunk size', `POST /pagero/basic HTTP/1.1\r\nHost: x\r\nAuthorization: ${basicAuth}\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nhi\r\n0\r\n\r\n`, /^HTTP\/1\.1 400/],
    ['a garbage request line', 'HELLO\r\n\r\n', /^HTTP\/1\.1 400/],
    ['a Basic header that is not base64 of user:password', `POST /pagero/basic HTTP/1.1\r\nHost: x\r\nAuthorization: Basic !!!\r\nContent-Length: 2\r\n\r\nhi`, /^HTTP\/1\.1 401/],
    ['a path with traversal', 'POST /pagero/../basic HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi', /^HTTP\/1\.1 404/],
    ['a token request that is not a form', 'POST /pagero/oauth/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}', /^HTTP\/1\.1 400/],
    ['a token request too large', `POST /pagero/oauth/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000\r\n\r\n${'a'.repeat(100)}`, /^HTTP\/1\.1 413/],
  ])('%s is answered with a status and stores nothing', async (_name, request, status) => {
    const before = stored();
    expect(await raw(request)).toMatch(status);
    expect(stored()).toBe(before);
  });

  it('a client that goes away mid-body leaves nothing stored, and the server keeps serving', async () => {
    const before = stored();
    await raw(`POST /pagero/basic HTTP/1.1\r\nHost: x\r\nAuthorization: ${basicAuth}\r\nContent-Length: 5000\r\n\r\n${'A'.repeat(100)}`, true);
    expect(stored()).toBe(before);
    const ok = await pushDocument({ url: `${server.url}/basic`, caPem: identity.caPem, auth: { mode: 'basic', user: 'pagero', password: 'pw-1' }, body: '<ok/>' });
    expect(ok.status).toBe(200);
    expect(stored()).toBe(before + 1);
  });
});
