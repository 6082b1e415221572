// One account's line to the AS2 Gateway: every request waits for the rate budget, carries the session token as
// `Authorization: <token>` (no scheme, seed §2), renews the token once on a 401, backs off on a 429, and meets
// a 307 only where the seed puts it — from http to https, learned by a credential-free probe before any
// password or token is sent, so nothing secret ever travels over plain http.
import { CourierError } from '../../errors';
import type { ProfileTrust } from '../../tls/tlsOptions';
import { httpExchange, type HttpExchangeResponse } from '../http/httpClient';
import { retryDelayMs, type RetryPolicy } from '../http/retryPolicy';
import { expectStatus, jsonAnswer } from './gatewayAnswer';
import { GATEWAY_RATE_LIMIT, limiterFor, type RateBudget, type SlidingWindowLimiter } from './rateLimiter';
import { z } from 'zod';

export interface GatewaySession {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Where the password and the kept session live (sealed in the account row); opened only in the main process. */
export interface GatewayCredentials {
  username: string;
  password(): string;
  loadSession(): GatewaySession | null;
  saveSession(session: GatewaySession | null): void;
}

export interface GatewayEndpoint {
  /** Up to and including the version, without a trailing slash: https://api.as2gateway.com/v1 */
  baseUrl: string;
  scope: string;
  trust: ProfileTrust;
  timeoutMs?: number;
  rateLimit?: RateBudget;
  rateLimitRetry?: RetryPolicy;
}

export interface GatewayRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  maxResponseBytes: number;
}

/** A token is renewed this long before the expiry the gateway gave, so no request goes out with a dying one. */
export const RENEW_BEFORE_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_429_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 10_000, maxAttempts: 6 };
const MAX_JSON_BYTES = 1024 * 1024;

const authorizeAnswer = z.object({ token: z.string().min(1).max(16_384), expiry: z.number() });

/** The seed shows `expiry` as a timestamp; milliseconds like every other timestamp of the API, seconds tolerated. */
function expiryMs(expiry: number): number {
  return expiry < 1e12 ? expiry * 1000 : expiry;
}

/** Encodes a path segment (an AS2 message ID may hold `<`, `>`, `@`, `/`). */
export const segment = (value: string): string => encodeURIComponent(value);

export class GatewayConnection {
  private httpsBase: string | null;
  private readonly limiter: SlidingWindowLimiter;
  private pendingLogin: Promise<GatewaySession> | null = null;
  /** Requests sent, the redirect probe and retries included. */
  requests = 0;

  constructor(
    private readonly endpoint: GatewayEndpoint,
    private readonly credentials: GatewayCredentials,
  ) {
    const base = endpoint.baseUrl.replace(/\/+$/, '');
    this.httpsBase = base.startsWith('https://') ? base : null;
    this.limiter = limiterFor(`${base}|${credentials.username}`, endpoint.rateLimit ?? GATEWAY_RATE_LIMIT);
  }

  /** POST /authorize with the stored password; the new session is sealed back through the credentials. */
  login(): Promise<GatewaySession> {
    this.pendingLogin ??= this.authorize().finally(() => {
      this.pendingLogin = null;
    });
    return this.pendingLogin;
  }

  private async authorize(): Promise<GatewaySession> {
    const answer = await this.send(
      { method: 'POST', path: '/authorize', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: this.credentials.username, password: this.credentials.password() }), maxResponseBytes: 64 * 1024 },
      null,
    );
    expectStatus(answer, [200], 'the login (POST /authorize)');
    const { token, expiry } = jsonAnswer(answer, authorizeAnswer, 'the login (POST /authorize)');
    if (/[\r\n]/.test(token)) throw new CourierError('BAD_MESSAGE', 'The AS2 Gateway issued a token that cannot go in a header.', 'Try logging in again later.');
    const session = { token, expiresAt: expiryMs(expiry) };
    this.credentials.saveSession(session);
    return session;
  }

  /** An authorized request: the kept session if it is not about to expire, renewed once if the gateway says 401. */
  async request(request: GatewayRequest): Promise<HttpExchangeResponse> {
    const kept = this.credentials.loadSession();
    const session = kept && kept.expiresAt - Date.now() > RENEW_BEFORE_MS ? kept : await this.login();
    const answer = await this.send(request, session.token);
    if (answer.status !== 401) return answer;
    // Renewed once: by another request that met the 401 first, or here.
    const current = this.credentials.loadSession();
    const renewed = current && current.token !== session.token ? current : await this.login();
    return this.send(request, renewed.token);
  }

  /** An authorized request whose answer is JSON of the given shape, after a status from `allowed`. */
  async json<T extends z.ZodType>(request: Omit<GatewayRequest, 'maxResponseBytes'>, schema: T, what: string, allowed: readonly number[] = [200]): Promise<{ value: z.infer<T>; answer: HttpExchangeResponse }> {
    const answer = await this.request({ ...request, maxResponseBytes: MAX_JSON_BYTES });
    expectStatus(answer, allowed, what);
    return { value: jsonAnswer(answer, schema, what), answer };
  }

  private async base(): Promise<string> {
    if (this.httpsBase) return this.httpsBase;
    const httpBase = this.endpoint.baseUrl.replace(/\/+$/, '');
    const probe = await this.exchange(new URL(`${httpBase}/partner`), { method: 'GET', path: '/partner', maxResponseBytes: 64 * 1024 }, {});
    const location = probe.headers.location;
    if ((probe.status !== 307 && probe.status !== 308) || !location) {
      throw new CourierError('CONNECTION_FAILED', `The AS2 Gateway at ${new URL(httpBase).origin} answered http with HTTP ${probe.status}, not a redirect to https.`, 'Courier sends no credentials over plain http: use the https:// base URL.');
    }
    const target = new URL(location, httpBase);
    if (target.protocol !== 'https:') {
      throw new CourierError('CONNECTION_FAILED', `The AS2 Gateway redirected http to ${target.protocol}//${target.host}, not to https.`, 'Courier follows a 307 only from http to https; use the https:// base URL.');
    }
    const suffix = '/partner';
    this.httpsBase = target.pathname.endsWith(suffix) ? `${target.origin}${target.pathname.slice(0, -suffix.length)}` : target.origin;
    return this.httpsBase;
  }

  /** One request through the limiter; a 429 is waited out and repeated, a 307 over https is refused. */
  private async send(request: GatewayRequest, token: string | null): Promise<HttpExchangeResponse> {
    const url = new URL(`${await this.base()}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: '*/*', ...request.headers };
    if (token !== null) headers.authorization = token;
    const policy = this.endpoint.rateLimitRetry ?? DEFAULT_429_RETRY;
    for (let attempt = 1; ; attempt++) {
      const answer = await this.exchange(url, request, headers);
      if (answer.status === 307 || answer.status === 308) {
        throw new CourierError('CONNECTION_FAILED', `The AS2 Gateway redirected an https request (HTTP ${answer.status}).`, 'Courier follows a redirect only from http to https; check the account base URL.');
      }
      if (answer.status !== 429) return answer;
      const delay = retryDelayMs(policy, attempt);
      if (delay === null) return answer;
      const retryAfter = Number(answer.headers['retry-after']);
      await new Promise((resolve) => setTimeout(resolve, Number.isFinite(retryAfter) && retryAfter > 0 ? Math.max(delay, retryAfter * 1000) : delay));
    }
  }

  private async exchange(url: URL, request: GatewayRequest, headers: Record<string, string>): Promise<HttpExchangeResponse> {
    const release = await this.limiter.acquire();
    this.requests++;
    try {
      return await httpExchange(
        { service: 'the AS2 Gateway', scope: this.endpoint.scope, trust: this.endpoint.trust, timeoutMs: this.endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS },
        { url, method: request.method, headers, body: request.body, maxResponseBytes: request.maxResponseBytes },
      );
    } finally {
      release();
    }
  }
}
