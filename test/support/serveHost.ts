// A running browser host over a throwaway home, and a small WebSocket client that speaks its frames.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCourierApi } from '../../electron/api';
import type { CourierContext } from '../../electron/core/home/openHome';
import { startServeHost, type ServeHost } from '../../electron/hosts/serve';
import type { ServerFrame } from '../../shared/ipc';
import { openTestHome, tempDir } from './home';

export interface RunningHost {
  host: ServeHost;
  ctx: CourierContext;
  token: string;
  rendererDir: string;
  stop(): Promise<void>;
}

export async function startTestHost(): Promise<RunningHost> {
  const dir = tempDir();
  const ctx = await openTestHome(join(dir.path, 'home'));
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Courier</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const host = await startServeHost({ api: createCourierApi(ctx), port: 0, rendererDir });
  return {
    host,
    ctx,
    token: new URL(host.url).hash.replace('#token=', ''),
    rendererDir,
    async stop() {
      await host.close();
      ctx.close();
      dir.remove();
    },
  };
}

export interface Upgrade {
  status: number;
  socket?: WebSocket;
}

/** Attempts the WebSocket upgrade and reports the HTTP status the server answered with. */
export function tryUpgrade(url: string, headers: Record<string, string> = {}, options: WebSocket.ClientOptions = {}): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, ...options });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', (error) => {
      const match = /Unexpected server response: (\d+)/.exec(error.message);
      if (match) resolve({ status: Number(match[1]) });
      else reject(error);
    });
  });
}

/** Sends a frame and waits for the reply frame with the same id (or a reply with id null). */
export function request(socket: WebSocket, frame: unknown, id: number | null): Promise<ServerFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as ServerFrame;
      if (parsed.op === 'reply' && parsed.id === id) {
        socket.off('message', onMessage);
        resolve(parsed);
      }
    };
    socket.on('message', onMessage);
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}
