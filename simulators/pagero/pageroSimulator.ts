// Pagero on 127.0.0.1 for tests and demos: the Interchange API (POST /incoming/v1/{documentType}/{sendMode} with
// x-interchange-id, Basic or bearer auth, raw or binary bodies, 200 or a 4xx/5xx with a body) and the SSO token
// endpoint (/oauth/v2/oauth-token: password and refresh grants, client id/secret as HTTP Basic, tokens that expire),
// over real HTTPS from a throwaway CA. Switches let tests expire tokens, refuse refreshes and inject answers.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { makeServerIdentity } from '../../electron/core/tls/throwawayCa';
import { closeServer, listen } from '../../electron/core/transports/http/listener';

export interface PageroSimulatorOptions {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  /** Seconds an access token lives (the seed's SSO: 600). */
  accessLifetimeSeconds?: number;
  documentTypes?: readonly string[];
  sendModes?: readonly string[];
  maxBodyBytes?: number;
}

export interface ReceivedInterchange {
  interchangeId: string;
  documentType: string;
  sendMode: string;
  contentType: string;
  auth: 'basic' | 'bearer';
  size: number;
  sha256: string;
  /** The body when it is at most 1 MiB. */
  body: Buffer | null;
}

/** Ways the next token answer can be broken (hostile or buggy SSO). */
export type TokenFault = 'not-json' | 'array' | 'no-access-token' | 'wrong-token-type' | 'negative-expiry' | 'control-chars' | 'huge';

export interface PageroSimulator {
  url: string;
  ssoUrl: string;
  caPem: string;
  received: ReceivedInterchange[];
  grants: { password: number; refresh: number; refreshRefused: number };
  /** 401s the API gave to requests that came with a token. */
  apiRejections: number;
  /** Every issued access token stops working now (as if 600 s had passed). */
  expireAccessTokens(): void;
  /** Access tokens stay "valid" by their expiry but the API refuses them once (revoked server-side). */
  revokeAccessTokens(): void;
  /** While set, every refresh grant is refused with invalid_grant. */
  rejectRefresh(reject: boolean): void;
  /** The next API requests get these answers instead of being processed (e.g. 500, 503). */
  failNext(status: number, body?: string, times?: number): void;
  breakNextTokenAnswer(fault: TokenFault): void;
  /** The next document's body is not read: the upload stalls until the client gives up or cancels. */
  stallNextUpload(): void;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 16 * 1024;
const RAW_TYPES = ['application/xml', 'application/json', 'text/plain', 'text/xml', 'application/octet-stream'];

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(body);
  }
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new Refusal(413, 'Request Entity Too Large'));
        req.resume();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=iso-8859-1', 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
}

function basicPair(header: string | undefined, urlDecoded: boolean): [string, string] | null {
  const match = /^Basic (\S+)$/i.exec(header ?? '');
  if (!match) return null;
  const text = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const [user, secret] = [text.slice(0, colon), text.slice(colon + 1)];
  try {
    return urlDecoded ? [decodeURIComponent(user), decodeURIComponent(secret)] : [user, secret];
  } catch {
    return null;
  }
}

export async function startPageroSimulator(options: PageroSimulatorOptions): Promise<PageroSimulator> {
  const identity = makeServerIdentity('pagero');
  const lifetimeMs = (options.accessLifetimeSeconds ?? 600) * 1000;
  const documentTypes = new Set(options.documentTypes ?? ['invoice', 'creditnote', 'order', 'orderresponse', 'despatchadvice']);
  const sendModes = new Set(options.sendModes ?? ['test', 'prod']);
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const access = new Map<string, number>();
  const refresh = new Set<string>();
  const faults: { status: number; body: string }[] = [];
  let tokenFault: TokenFault | null = null;
  let refuseRefresh = false;
  let revoked = false;
  let stall = false;
  const sim = {
    received: [] as ReceivedInterchange[],
    grants: { password: 0, refresh: 0, refreshRefused: 0 },
    apiRejections: 0,
  };

  function issueTokens(res: ServerResponse): void {
    const accessToken = `_0X${randomBytes(12).toString('hex')}`;
    const refreshToken = `_1X${randomBytes(12).toString('hex')}`;
    access.set(accessToken, Date.now() + lifetimeMs);
    refresh.add(refreshToken);
    const good = { token_type: 'bearer', access_token: accessToken, refresh_token: refreshToken, scope: '', expires_in: lifetimeMs / 1000 };
    const fault = tokenFault;
    tokenFault = null;
    const body =
      fault === 'not-json' ? '<html>Service Unavailable</html>'
      : fault === 'array' ? JSON.stringify([good])
      : fault === 'no-access-token' ? JSON.stringify({ ...good, access_token: undefined })
      : fault === 'wrong-token-type' ? JSON.stringify({ ...good, token_type: 'mac' })
      : fault === 'negative-expiry' ? JSON.stringify({ ...good, expires_in: -5 })
      : fault === 'control-chars' ? JSON.stringify({ ...good, access_token: 'abc\r\nX-Injected: 1' })
      : fault === 'huge' ? JSON.stringify({ ...good, padding: 'x'.repeat(200_000) })
      : JSON.stringify(good);
    send(res, 200, body, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  }

  async function sso(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
    const client = basicPair(req.headers.authorization, true);
    if (!client || client[0] !== options.clientId || client[1] !== options.clientSecret) {
      throw new Refusal(401, JSON.stringify({ error: 'invalid_client' }), { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="sso"' });
    }
    const invalidGrant = new Refusal(400, JSON.stringify({ error: 'invalid_grant' }), { 'content-type': 'application/json' });
    if (form.get('grant_type') === 'password') {
      if (form.get('username') !== options.username || form.get('password') !== options.password) throw invalidGrant;
      sim.grants.password++;
      return issueTokens(res);
    }
    if (form.get('grant_type') === 'refresh_token') {
      const token = form.get('refresh_token') ?? '';
      if (refuseRefresh || !refresh.delete(token)) {
        sim.grants.refreshRefused++;
        throw invalidGrant;
      }
      sim.grants.refresh++;
      return issueTokens(res);
    }
    throw new Refusal(400, JSON.stringify({ error: 'unsupported_grant_type' }), { 'content-type': 'application/json' });
  }

  function authorize(req: IncomingMessage): 'basic' | 'bearer' {
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer (\S+)$/i.exec(header);
    if (bearer) {
      const expires = access.get(bearer[1]!);
      if (revoked || expires === undefined || expires <= Date.now()) {
        revoked = false;
        sim.apiRejections++;
        throw new Refusal(401, '<html><body>401 Unauthorized: invalid or expired token</body></html>', { 'www-authenticate': 'Bearer error="invalid_token"' });
      }
      return 'bearer';
    }
    const pair = basicPair(header, false);
    if (!pair || pair[0] !== options.username || pair[1] !== options.password) {
      throw new Refusal(401, '<html><body>401 Unauthorized</body></html>', { 'www-authenticate': 'Basic realm="Pagero"' });
    }
    return 'basic';
  }

  async function interchange(req: IncomingMessage, res: ServerResponse, documentType: string, sendMode: string): Promise<void> {
    if (!documentTypes.has(documentType) || !sendModes.has(sendMode)) throw new Refusal(404, '<html><body>404 Not Found: unknown document type or send mode</body></html>');
    const auth = authorize(req);
    if (stall) {
      stall = false;
      return new Promise((resolve) => req.socket.once('close', () => resolve()));
    }
    const fault = faults.shift();
    if (fault) {
      req.resume();
      return send(res, fault.status, fault.body);
    }
    const interchangeId = req.headers['x-interchange-id'];
    if (typeof interchangeId !== 'string' || interchangeId === '') throw new Refusal(400, '<html><body>400 Bad Request: x-interchange-id is required</body></html>');
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!RAW_TYPES.includes(contentType)) throw new Refusal(415, `<html><body>415 Unsupported Media Type: ${contentType.replace(/[<>&]/g, '') || 'none'}</body></html>`);
    const body = await readBody(req, maxBody);
    if (body.length === 0) throw new Refusal(400, '<html><body>400 Bad Request: empty payload</body></html>');
    sim.received.push({ interchangeId, documentType, sendMode, contentType, auth, size: body.length, sha256: createHash('sha256').update(body).digest('hex'), body: body.length <= 1024 * 1024 ? body : null });
    send(res, 200, '<html><body>OK</body></html>', { 'content-type': 'text/html' });
  }

  const server: Server = createServer({ cert: identity.certPem, key: identity.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const api = /^\/incoming\/v1\/([^/]+)\/([^/]+)$/.exec(path);
    const work = req.method !== 'POST' ? Promise.reject(new Refusal(405, 'Method Not Allowed')) : path === '/oauth/v2/oauth-token' ? sso(req, res) : api ? interchange(req, res, decodeURIComponent(api[1]!), decodeURIComponent(api[2]!)) : Promise.reject(new Refusal(404, 'Not Found'));
    work.catch((error: unknown) => {
      req.resume();
      if (error instanceof Refusal) send(res, error.status, error.body, { connection: 'close', ...error.headers });
      else send(res, 500, '<html><body>500 Internal Server Error</body></html>');
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  const url = `https://127.0.0.1:${port}`;
  return {
    ...sim,
    get apiRejections() {
      return sim.apiRejections;
    },
    url,
    ssoUrl: `${url}/oauth/v2/oauth-token`,
    caPem: identity.caPem,
    expireAccessTokens: () => {
      for (const token of access.keys()) access.set(token, 0);
    },
    revokeAccessTokens: () => {
      revoked = true;
    },
    rejectRefresh: (reject) => {
      refuseRefresh = reject;
    },
    failNext: (status, body = `<html><body>${status}</body></html>`, times = 1) => {
      for (let i = 0; i < times; i++) faults.push({ status, body });
    },
    breakNextTokenAnswer: (fault) => {
      tokenFault = fault;
    },
    stallNextUpload: () => {
      stall = true;
    },
    close: () => closeServer(server),
  };
}
