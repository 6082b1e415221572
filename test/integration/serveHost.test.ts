// The browser host over real sockets: who may connect, what they may send, and that it keeps serving.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_FRAME_BYTES } from '../../shared/ipc';
import { request, startTestHost, tryUpgrade, type RunningHost } from '../support/serveHost';

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('courier serve: the loopback WebSocket host', () => {
  let running: RunningHost;
  let wsUrl: string;
  beforeAll(async () => {
    running = await startTestHost();
    wsUrl = `ws://127.0.0.1:${running.host.port}/ws`;
  });
  afterAll(() => running.stop());

  it('prints one URL on 127.0.0.1 carrying a long random token in the fragment', () => {
    expect(running.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  describe('refuses, before any 101, every client that is not ours', () => {
    it('no token → 401', async () => {
      expect((await tryUpgrade(wsUrl)).status).toBe(401);
    });
    it('wrong token → 401', async () => {
      expect((await tryUpgrade(`${wsUrl}?token=${'A'.repeat(43)}`)).status).toBe(401);
    });
    it('a token one character short → 401', async () => {
      expect((await tryUpgrade(`${wsUrl}?token=${running.token.slice(0, -1)}`)).status).toBe(401);
    });
    it('a cross-site Origin, even with the right token → 403', async () => {
      expect((await tryUpgrade(`${wsUrl}?token=${running.token}`, {}, { origin: 'https://evil.example' })).status).toBe(403);
    });
    it('a non-loopback Host header (DNS rebinding), even with the right token → 421', async () => {
      expect((await tryUpgrade(`${wsUrl}?token=${running.token}`, { Host: `attacker.example:${running.host.port}` })).status).toBe(421);
    });
    it('another path → 404', async () => {
      expect((await tryUpgrade(`ws://127.0.0.1:${running.host.port}/other?token=${running.token}`)).status).toBe(404);
    });
  });

  it('accepts the token from our own origin and answers the contract', async () => {
    const { status, socket } = await tryUpgrade(`${wsUrl}?token=${running.token}`, {}, { origin: `http://127.0.0.1:${running.host.port}` });
    expect(status).toBe(101);
    const reply = await request(socket!, { op: 'invoke', id: 1, name: 'app.info', input: {} }, 1);
    expect(reply).toMatchObject({ op: 'reply', id: 1, reply: { ok: true, output: { host: 'cli', home: running.ctx.paths.home } } });
    socket!.close();
  });

  describe('bad frames get a typed error and the connection keeps serving', () => {
    let socket: WebSocket;
    beforeAll(async () => {
      socket = (await tryUpgrade(`${wsUrl}?token=${running.token}`)).socket!;
    });
    afterAll(() => socket.close());

    it('invalid JSON → BAD_FRAME', async () => {
      expect(await request(socket, '{"op":"invoke",', null)).toMatchObject({ reply: { ok: false, error: { code: 'BAD_FRAME' } } });
    });
    it('a JSON value that is not a request → BAD_FRAME, echoing its id', async () => {
      expect(await request(socket, { op: 'launch', id: 7 }, 7)).toMatchObject({ id: 7, reply: { ok: false, error: { code: 'BAD_FRAME' } } });
      expect(await request(socket, '[1,2,3]', null)).toMatchObject({ reply: { ok: false, error: { code: 'BAD_FRAME' } } });
      expect(await request(socket, 'null', null)).toMatchObject({ reply: { ok: false, error: { code: 'BAD_FRAME' } } });
    });
    it('a binary frame → BAD_FRAME', async () => {
      const reply = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
      socket.send(Buffer.from([1, 2, 3]), { binary: true });
      expect(await reply).toMatchObject({ reply: { ok: false, error: { code: 'BAD_FRAME' } } });
    });
    it('an unknown procedure → UNKNOWN_PROCEDURE', async () => {
      expect(await request(socket, { op: 'invoke', id: 8, name: 'keys.steal', input: {} }, 8)).toMatchObject({ reply: { ok: false, error: { code: 'UNKNOWN_PROCEDURE' } } });
    });
    it('a wrong input type → BAD_INPUT', async () => {
      expect(await request(socket, { op: 'invoke', id: 9, name: 'audit.list', input: { limit: 'all' } }, 9)).toMatchObject({ reply: { ok: false, error: { code: 'BAD_INPUT' } } });
    });
    it('still answers a valid call afterwards', async () => {
      expect(await request(socket, { op: 'invoke', id: 10, name: 'settings.get', input: {} }, 10)).toMatchObject({ reply: { ok: true } });
    });
  });

  it('closes a connection that sends a frame over 64 MiB (1009) and keeps serving others', async () => {
    const { socket } = await tryUpgrade(`${wsUrl}?token=${running.token}`);
    const closed = new Promise<number>((resolve) => socket!.once('close', (code) => resolve(code)));
    socket!.send(Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20).toString());
    expect(await closed).toBe(1009);
    const next = await tryUpgrade(`${wsUrl}?token=${running.token}`);
    expect(await request(next.socket!, { op: 'invoke', id: 1, name: 'app.info', input: {} }, 1)).toMatchObject({ reply: { ok: true } });
    next.socket!.close();
  });

  it('pushes live events to a subscriber and stops after unsubscribe', async () => {
    const { socket } = await tryUpgrade(`${wsUrl}?token=${running.token}`);
    const events: unknown[] = [];
    socket!.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.op === 'event') events.push(frame.data);
    });
    expect(await request(socket!, { op: 'subscribe', id: 1, name: 'events', input: {} }, 1)).toMatchObject({ reply: { ok: true } });
    await request(socket!, { op: 'invoke', id: 2, name: 'settings.set', input: { theme: 'dark' } }, 2);
    await request(socket!, { op: 'unsubscribe', id: 1 }, 1);
    await request(socket!, { op: 'invoke', id: 3, name: 'settings.set', input: { theme: 'light' } }, 3);
    expect(events).toEqual([{ type: 'settings.changed', settings: { theme: 'dark', lastPage: '/inbox' } }]);
    socket!.close();
  });

  it('drops subscriptions of a closed socket', async () => {
    const before = running.ctx.events.size;
    const { socket } = await tryUpgrade(`${wsUrl}?token=${running.token}`);
    await request(socket!, { op: 'subscribe', id: 1, name: 'events', input: {} }, 1);
    expect(running.ctx.events.size).toBe(before + 1);
    socket!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running.ctx.events.size).toBe(before);
  });

  describe('static files', () => {
    it('serves the app with a strict CSP, and index.html for client routes', async () => {
      const page = await get(running.host.port, '/settings', { Host: `127.0.0.1:${running.host.port}` });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<title>Courier</title>');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    });
    it('does not serve files outside the renderer folder', async () => {
      expect((await get(running.host.port, '/../../etc/passwd')).body).not.toContain('root:');
      expect((await get(running.host.port, '/%2e%2e/%2e%2e/etc/passwd')).body).not.toContain('root:');
      expect((await get(running.host.port, '/assets/missing.js')).status).toBe(404);
      expect((await get(running.host.port, '/%E0%A4%A')).status).toBe(400);
    });
    it('refuses a foreign Host header (DNS rebinding) and methods other than GET/HEAD', async () => {
      expect((await get(running.host.port, '/', { Host: 'attacker.example' })).status).toBe(421);
      const post = await new Promise<number>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port: running.host.port, path: '/', method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
        req.end('x');
      });
      expect(post).toBe(405);
    });
  });
});
