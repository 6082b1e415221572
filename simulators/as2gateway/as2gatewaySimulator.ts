// The AS2 Gateway REST API v1 on 127.0.0.1 for tests and demos: HTTPS from a throwaway CA, plus a plain-http port
// that answers everything with 307 to https (seed §1); POST /v1/authorize and `Authorization: <token>` with
// expiring tokens (seed §2); 50 requests per 10 s, then 429; the /message, /partner and /station endpoints; and
// faults a test can ask for once (malformed JSON, a wrong content type, a missing header, an oversized body).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { closeServer, listen } from '../../electron/core/transports/http/listener';
import { GatewayMailbox, samplePartner, sampleStation } from './gatewayMailbox';
import { json, messageRoute, type SimReply } from './messageRoutes';
import { MAX_TOTAL_BYTES } from './submission';

export const SIM_FAULTS = ['malformed-json', 'wrong-content-type', 'missing-header', 'oversized'] as const;
export type SimFault = (typeof SIM_FAULTS)[number];

export interface As2gSimulatorOptions {
  username: string;
  password: string;
  tokenLifetimeMs?: number;
  /** Defaults to the seed's 50 requests per 10 s. */
  rateLimit?: { requests: number; windowMs: number };
  /** How long a queued message waits before it is sent or fails. */
  transitionMs?: number;
  batchLimitBytes?: number;
}

export interface As2gSimulator {
  /** https://127.0.0.1:PORT/v1 */
  url: string;
  /** http://127.0.0.1:PORT/v1 — answers 307 to `url`. */
  httpUrl: string;
  caPem: string;
  mailbox: GatewayMailbox;
  stats: { requests: number; rateLimited: number; logins: number; unauthorized: number };
  /** Every issued token expires now (the client still believes in its own). */
  expireTokens(): void;
  /** Breaks the next answer (other than a login) in one named way. */
  breakNext(fault: SimFault): void;
  /** Called with each authorized request's method and path (with query) before it is answered; a returned promise holds
   * the answer, and 'drop' breaks the connection without acting on the request (a client that died waiting). */
  onRequest?: (method: string, path: string) => void | Promise<void | 'drop'>;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = MAX_TOTAL_BYTES + 1024 * 1024;
/** The answer that is never written: the connection is destroyed instead. */
const DROP: SimReply = { status: 0, headers: {}, body: Buffer.alloc(0) };

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function broken(reply: SimReply, fault: SimFault): SimReply {
  switch (fault) {
    case 'malformed-json':
      return { ...reply, headers: { ...reply.headers, 'content-type': 'application/json' }, body: Buffer.from('{"totalRecords": 3, "records": [{"as2MessageId": ') };
    case 'wrong-content-type':
      return { ...reply, headers: { ...reply.headers, 'content-type': 'text/html' }, body: Buffer.from('<html><body>Service temporarily unavailable</body></html>') };
    case 'missing-header': {
      const headers = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !['link', 'content-disposition', 'x-batch-truncation-index'].includes(name)));
      return { ...reply, headers };
    }
    case 'oversized':
      return { ...reply, body: Buffer.concat([reply.body, Buffer.alloc(16 * 1024 * 1024, 0x20)]) };
  }
}

export async function startAs2gSimulator(options: As2gSimulatorOptions): Promise<As2gSimulator> {
  const identity = makeServerIdentity('as2gateway');
  const lifetime = options.tokenLifetimeMs ?? 24 * 3_600_000;
  const limit = options.rateLimit ?? { requests: 50, windowMs: 10_000 };
  const mailbox = new GatewayMailbox(options.transitionMs ?? 3_000);
  mailbox.stations.push(sampleStation('COURIER_STATION', 'Courier station'));
  mailbox.partners.push(samplePartner('ACME', 'ACME Corp'));
  const tokens = new Map<string, number>();
  const arrivals: number[] = [];
  let pendingFault: SimFault | null = null;
  let base = '';

  const sim: As2gSimulator = {
    url: '',
    httpUrl: '',
    caPem: identity.caPem,
    mailbox,
    stats: { requests: 0, rateLimited: 0, logins: 0, unauthorized: 0 },
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    breakNext: (fault) => {
      pendingFault = fault;
    },
    close: async () => {
      await Promise.all([closeServer(https), closeServer(http)]);
    },
  };

  async function answer(req: IncomingMessage): Promise<SimReply> {
    const url = new URL(req.url ?? '/', base);
    const now = Date.now();
    while (arrivals.length > 0 && arrivals[0]! <= now - limit.windowMs) arrivals.shift();
    if (arrivals.length >= limit.requests) {
      sim.stats.rateLimited++;
      return json(429, { message: 'Rate limit exceeded: 50 requests per 10 seconds' }, { 'retry-after': String(Math.max(1, Math.ceil((arrivals[0]! + limit.windowMs - now) / 1000))) });
    }
    arrivals.push(now);
    const body = await readBody(req);
    if (body === null) return json(413, { message: 'Request too large' });
    if (!url.pathname.startsWith('/v1/')) return json(404, { message: 'Not found' });
    const segments = url.pathname.slice(4).split('/').map((part) => decodeURIComponent(part));
    if (req.method === 'POST' && segments.join('/') === 'authorize') {
      let credentials: { username?: unknown; password?: unknown } = {};
      try {
        credentials = JSON.parse(body.toString('utf8')) as typeof credentials;
      } catch {
        return json(400, { message: 'Malformed JSON body' });
      }
      if (credentials.username !== options.username || credentials.password !== options.password) return json(401, { message: 'Invalid username or password' });
      sim.stats.logins++;
      const token = `eyJ${randomBytes(24).toString('base64url')}`;
      const expiry = Date.now() + lifetime;
      tokens.set(token, expiry);
      return json(200, { token, expiry });
    }
    const token = req.headers.authorization ?? '';
    if (!tokens.has(token) || tokens.get(token)! <= Date.now()) {
      sim.stats.unauthorized++;
      return json(401, { message: token.includes(' ') ? 'Do not include a scheme in the Authorization header' : 'Invalid or expired token' });
    }
    if ((await sim.onRequest?.(req.method ?? 'GET', `${url.pathname}${url.search}`)) === 'drop') return DROP;
    const query = url.searchParams.get('query')?.toLowerCase();
    const matches = (entry: { name: string; as2Identifier: string }) => !query || entry.name.toLowerCase().includes(query) || entry.as2Identifier.toLowerCase().includes(query);
    if (req.method === 'GET' && segments.length === 1 && segments[0] === 'partner') return json(200, mailbox.partners.filter(matches));
    if (req.method === 'GET' && segments.length === 1 && segments[0] === 'station') return json(200, mailbox.stations.filter(matches));
    if (segments[0] !== 'message') return json(404, { message: 'Not found' });
    return messageRoute(mailbox, { method: req.method ?? 'GET', segments: segments.slice(1), query: url.searchParams, headers: req.headers, body, base: `${base}/v1` }, options.batchLimitBytes ?? MAX_TOTAL_BYTES);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    sim.stats.requests++;
    let reply: SimReply;
    try {
      reply = await answer(req);
    } catch {
      reply = json(500, { message: 'Internal error' });
    }
    if (reply === DROP) {
      req.socket.destroy();
      return;
    }
    if (pendingFault && !(req.url ?? '').endsWith('/authorize') && reply.status !== 401 && reply.status !== 429) {
      reply = broken(reply, pendingFault);
      pendingFault = null;
    }
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) }).end(reply.body);
  }

  const https = createServer({ cert: identity.certPem, key: identity.keyPem, minVersion: 'TLSv1.2' }, (req, res) => void handle(req, res));
  const http = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(307, { location: `${base}${req.url ?? '/'}`, 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Use HTTPS' }));
  });
  const [httpsPort, httpPort] = await Promise.all([listen(https, 0, '127.0.0.1'), listen(http, 0, '127.0.0.1')]);
  base = `https://127.0.0.1:${httpsPort}`;
  sim.url = `${base}/v1`;
  sim.httpUrl = `http://127.0.0.1:${httpPort}/v1`;
  return sim;
}
