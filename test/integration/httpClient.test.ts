// The shared HTTP client over real sockets: trust comes only from the profile's scope (an unknown CA is refused,
// with the advice to trust it for that scope), TLS below 1.2 is refused, and refused ports, slow servers and
// oversized answers become the typed errors transports branch on.
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpExchange } from '../../electron/core/transports/http/httpClient';
import { NO_EXTRA_TRUST } from '../../electron/core/tls/tlsOptions';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';

const identity = makeServerIdentity('http-client-test');
const servers: Array<{ close(cb?: () => void): unknown }> = [];
let url: URL;

function listen(server: ReturnType<typeof createHttpsServer>): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const server = createHttpsServer({ key: identity.keyPem, cert: identity.certPem }, (request, response) => {
    if (request.url === '/slow') setTimeout(() => response.end('late'), 1_500);
    else if (request.url === '/big') response.end(Buffer.alloc(64 * 1024, 0x61));
    else request.pipe(response);
  });
  url = new URL(`https://127.0.0.1:${await listen(server)}/`);
});

afterAll(() => {
  for (const server of servers) server.close();
});

const profile = (overrides: Partial<Parameters<typeof httpExchange>[0]> = {}) => ({ service: 'test service', scope: 'test:client', trust: { caPems: [identity.caPem], pins: [] }, timeoutMs: 5_000, ...overrides });

describe('httpExchange', () => {
  it('posts a streamed body with a Content-Length and reads the answer with the scope\'s CA', async () => {
    async function* body() {
      yield Buffer.from('hello ');
      yield Buffer.from('world');
    }
    const answer = await httpExchange(profile(), { url, method: 'POST', headers: { 'content-length': '11' }, body: body(), maxResponseBytes: 1024 });
    expect(answer).toMatchObject({ status: 200 });
    expect(answer.body.toString()).toBe('hello world');
  });

  it('refuses a server whose CA the scope does not trust, and says how to trust it', async () => {
    const error = await httpExchange(profile({ trust: NO_EXTRA_TRUST }), { url, method: 'GET', headers: {}, maxResponseBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'tls', retryable: false });
    expect((error as Error).message).toMatch(/unknown-issuer|self-signed/);
    expect((error as { hint: string }).hint).toContain('--scope test:client');
  });

  it('a closed port is CONNECTION_FAILED (refused, retryable)', async () => {
    const probe = createNetServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as AddressInfo).port)));
    await new Promise((resolve) => probe.close(resolve));
    const error = await httpExchange(profile({ scope: 'test:closed' }), { url: new URL(`https://127.0.0.1:${port}/`), method: 'GET', headers: {}, maxResponseBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'refused', retryable: true });
  });

  it('a server slower than the deadline is TIMEOUT', async () => {
    const error = await httpExchange(profile({ scope: 'test:slow', timeoutMs: 300 }), { url: new URL('/slow', url), method: 'GET', headers: {}, maxResponseBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT', kind: 'timeout', retryable: true });
  });

  it('an answer above the cap is refused', async () => {
    const error = await httpExchange(profile(), { url: new URL('/big', url), method: 'GET', headers: {}, maxResponseBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_MESSAGE' });
  });

  it('TLS 1.1 servers are refused (minVersion TLSv1.2)', async () => {
    const old = createHttpsServer({ key: identity.keyPem, cert: identity.certPem, maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (_q, r) => r.end('old'));
    const port = await listen(old);
    const error = await httpExchange(profile({ scope: 'test:old' }), { url: new URL(`https://127.0.0.1:${port}/`), method: 'GET', headers: {}, maxResponseBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'tls' });
  });
});
