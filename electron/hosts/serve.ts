// The browser host: the built renderer and the contract over a WebSocket, on 127.0.0.1 only.
// A random per-launch token (in the URL fragment, never sent in a page request) authenticates the socket
// during the upgrade, and Host/Origin checks stop DNS rebinding and cross-site pages: a refused client
// never sees 101.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CourierError, MAX_FRAME_BYTES, WS_PATH, clientFrameSchema, type Reply, type ServerFrame } from '../../shared/ipc';
import type { Api } from '../api';
import { closeServer, listen } from '../core/transports/http/listener';

export interface ServeHostOptions {
  api: Api;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
}

export interface ServeHost {
  port: number;
  /** `http://127.0.0.1:PORT/#token=…`: the one URL that opens the app. */
  url: string;
  close(): Promise<void>;
}

const BIND_ADDRESS = '127.0.0.1';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export async function startServeHost(options: ServeHostOptions): Promise<ServeHost> {
  const token = randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const port = await listen(server, options.port, BIND_ADDRESS);
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const csp = [
    "default-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  server.on('request', (request, response) => serveStatic(request, response, options.rendererDir, allowedHosts, csp));

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuseUpgrade(request, allowedHosts, allowedOrigins, tokenDigest);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveContract(ws, options.api));
  });

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      return closeServer(server);
    },
  };
}

/** Why an upgrade is refused (an HTTP status line), or null to accept it. */
function refuseUpgrade(request: IncomingMessage, allowedHosts: Set<string>, allowedOrigins: Set<string>, tokenDigest: Buffer): string | null {
  if (!allowedHosts.has(request.headers.host ?? '')) return '421 Misdirected Request';
  const origin = request.headers.origin;
  // Browsers always send Origin on a WebSocket; a foreign one is a cross-site page. Non-browser clients send none.
  if (origin !== undefined && !allowedOrigins.has(origin)) return '403 Forbidden';
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WS_PATH) return '404 Not Found';
  const offered = url.searchParams.get('token');
  if (offered === null || !timingSafeEqual(digest(offered), tokenDigest)) return '401 Unauthorized';
  return null;
}

function serveContract(ws: WebSocket, api: Api): void {
  const subscriptions = new Map<number, () => void>();
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const badFrame = (id: number | null, message: string): void =>
    send({ op: 'reply', id, reply: { ok: false, error: new CourierError('BAD_FRAME', message, 'Send one JSON object per frame, as the contract describes.').toData() } });

  ws.on('message', async (data, isBinary) => {
    if (isBinary) return badFrame(null, 'Binary frames are not accepted.');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return badFrame(null, 'The frame is not valid JSON.');
    }
    const parsed = clientFrameSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
      return badFrame(id, 'The frame is not a Courier request.');
    }
    const frame = parsed.data;
    if (frame.op === 'invoke') {
      const reply: Reply = await api.invoke(frame.name, frame.input);
      send({ op: 'reply', id: frame.id, reply });
    } else if (frame.op === 'subscribe') {
      subscriptions.get(frame.id)?.();
      const subscription = api.subscribe(frame.name, frame.input, (data) => send({ op: 'event', id: frame.id, data }));
      if (subscription.reply.ok) subscriptions.set(frame.id, subscription.unsubscribe);
      send({ op: 'reply', id: frame.id, reply: subscription.reply });
    } else {
      subscriptions.get(frame.id)?.();
      subscriptions.delete(frame.id);
      send({ op: 'reply', id: frame.id, reply: { ok: true, output: null } });
    }
  });
  ws.on('close', () => {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  });
  ws.on('error', () => ws.terminate());
}

function serveStatic(request: IncomingMessage, response: ServerResponse, rendererDir: string, allowedHosts: Set<string>, csp: string): void {
  const securityHeaders = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (!allowedHosts.has(request.headers.host ?? '')) {
    response.writeHead(421, securityHeaders).end();
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
    return;
  }
  const root = resolve(rendererDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    response.writeHead(400, securityHeaders).end();
    return;
  }
  let file = resolve(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(404, securityHeaders).end();
    return;
  }
  // Client-side routes (/inbox, /keys …) get the app's index.html.
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(pathname) !== '') {
      response.writeHead(404, securityHeaders).end();
      return;
    }
    file = join(root, 'index.html');
  }
  if (!existsSync(file)) {
    response.writeHead(503, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('The renderer is not built: run `npm run build`.\n');
    return;
  }
  const isIndex = file.endsWith('index.html');
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
