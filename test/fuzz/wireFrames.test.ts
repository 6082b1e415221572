// Hostile input on the browser host's socket: thousands of generated and mutated frames. Every one must end
// in a typed reply on a connection that keeps serving; the server never crashes or hangs.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { errorCodes } from '../../shared/ipc';
import { prng } from '../support/prng';
import { request, startTestHost, tryUpgrade, type RunningHost } from '../support/serveHost';

const CASES = Number(process.env.COURIER_FUZZ_CASES ?? 3000);

const VALID = [
  { op: 'invoke', id: 1, name: 'app.info', input: {} },
  { op: 'invoke', id: 1, name: 'settings.set', input: { theme: 'dark' } },
  { op: 'invoke', id: 1, name: 'audit.list', input: { limit: 5 } },
  { op: 'subscribe', id: 1, name: 'events', input: {} },
];

function randomValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 8));
  switch (pick) {
    case 0: return null;
    case 1: return next() < 0.5;
    case 2: return [0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, -0][Math.floor(next() * 6)];
    case 3: return ['', '__proto__', 'constructor', 'app.info', 'x'.repeat(5000), '\u0000', '😀', '../../etc'][Math.floor(next() * 8)];
    case 4: return randomBytes(Math.floor(next() * 16)).toString('latin1');
    case 5: return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const keys = ['op', 'id', 'name', 'input', '__proto__', 'theme', 'limit', 'before', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [keys[Math.floor(next() * keys.length)]!, randomValue(next, depth + 1)]));
    }
  }
}

/** A frame: a valid one mutated (fields replaced, truncated, bytes flipped), or a random value. */
function frame(next: () => number, i: number): string {
  const base = JSON.parse(JSON.stringify(VALID[i % VALID.length])) as Record<string, unknown>;
  base.id = i;
  const mode = Math.floor(next() * 5);
  if (mode === 0) {
    const key = ['op', 'id', 'name', 'input'][Math.floor(next() * 4)]!;
    base[key] = randomValue(next);
    return JSON.stringify(base);
  }
  if (mode === 1) {
    const text = JSON.stringify(base);
    return text.slice(0, Math.floor(next() * text.length));
  }
  if (mode === 2) {
    const bytes = Buffer.from(JSON.stringify(base));
    bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    return bytes.toString('latin1');
  }
  if (mode === 3) return JSON.stringify(randomValue(next));
  return '['.repeat(5000) + ']'.repeat(5000);
}

describe(`fuzz: ${CASES} hostile frames on the WebSocket`, () => {
  let running: RunningHost;
  let socket: WebSocket;
  beforeAll(async () => {
    running = await startTestHost();
    socket = (await tryUpgrade(`ws://127.0.0.1:${running.host.port}/ws?token=${running.token}`)).socket!;
  });
  afterAll(async () => {
    socket.close();
    await running.stop();
  });

  it('answers every frame with an output or a typed CourierError, and keeps serving', async () => {
    const next = prng(20261124);
    const replies: Array<{ ok: boolean; error?: { code: string } }> = [];
    socket.on('message', (data) => {
      const parsed = JSON.parse(data.toString());
      if (parsed.op === 'reply') replies.push(parsed.reply);
    });
    for (let i = 0; i < CASES; i++) socket.send(frame(next, i + 100));
    // Every frame gets exactly one reply; then a known call proves the socket is still alive.
    await expect.poll(() => replies.length, { timeout: 20_000 + CASES * 2 }).toBeGreaterThanOrEqual(CASES);
    const last = await request(socket, { op: 'invoke', id: 99, name: 'app.info', input: {} }, 99);
    expect(last).toMatchObject({ reply: { ok: true } });
    for (const reply of replies) {
      if (!reply.ok) expect(errorCodes).toContain(reply.error!.code);
    }
    expect(replies.filter((reply) => !reply.ok && reply.error!.code === 'INTERNAL')).toEqual([]);
  }, 60_000 + CASES * 3);
});
