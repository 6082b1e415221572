// THE one way a Courier transport speaks HTTP(S) to a remote service: an undici Agent made for the profile's trust
// scope (TLS options from tls/tlsOptions — TLS 1.2+, verification on, the scope's CAs and pins), a deadline for
// the whole exchange, a cap on the answer's size, and every failure mapped once by transportFailure.
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { CourierError } from '../../errors';
import { tlsOptionsFor, type ProfileTrust } from '../../tls/tlsOptions';
import { TransportFailure, transportFailure } from './transportFailure';

/** Connecting (TCP + TLS handshake) never waits longer than this, whatever the exchange's deadline. */
const MAX_CONNECT_MS = 30_000;

export interface HttpProfile {
  /** Who we talk to, for messages: "PACO", "partner ACME". */
  service: string;
  /** The TLS trust scope (`paco:NAME`, `as2:ID`) and what it holds. */
  scope: string;
  trust: ProfileTrust;
  /** Deadline for the whole exchange: connect, send, wait, read. */
  timeoutMs: number;
}

export interface HttpExchangeRequest {
  url: URL;
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  /** A stream is sent as it is read; with a content-length header it is never chunked. */
  body?: string | Uint8Array | AsyncIterable<Uint8Array>;
  maxResponseBytes: number;
  /** The caller's cancel (a user's Cancel button): the exchange stops and fails with the signal's reason (CANCELLED). */
  signal?: AbortSignal;
}

export interface HttpExchangeResponse {
  status: number;
  /** Header names lower-case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

/** One live Agent per scope, replaced when the scope's trust or timeout changes (idle sockets never hold the process). */
const agents = new Map<string, { key: string; agent: Agent }>();

/** The dispatcher for one profile scope: its trust, TLS 1.2+, verification on, bounded waits. */
export function profileAgent(profile: HttpProfile): Agent {
  const key = JSON.stringify([profile.trust.caPems, profile.trust.pins, profile.timeoutMs]);
  const current = agents.get(profile.scope);
  if (current?.key === key) return current.agent;
  const agent = new Agent({
    connect: { ...tlsOptionsFor(profile.trust), timeout: Math.min(profile.timeoutMs, MAX_CONNECT_MS) },
    headersTimeout: profile.timeoutMs,
    bodyTimeout: profile.timeoutMs,
    keepAliveTimeout: 4_000,
  });
  agents.set(profile.scope, { key, agent });
  if (current) void current.agent.close().catch(() => undefined);
  return agent;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** A caller's cancel, said as CANCELLED whatever the signal's reason was. */
function cancelled(reason: unknown): CourierError {
  return reason instanceof CourierError ? reason : new CourierError('CANCELLED', 'The exchange was cancelled.');
}

/** One request and its whole (size-capped) answer; any failure is a CourierError saying what to do. */
export async function httpExchange(profile: HttpProfile, exchange: HttpExchangeRequest): Promise<HttpExchangeResponse> {
  const agent = profileAgent(profile);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(Object.assign(new Error('deadline'), { name: 'TimeoutError' })), profile.timeoutMs);
  const context = { service: profile.service, origin: exchange.url.origin, scope: profile.scope, timeoutMs: profile.timeoutMs };
  try {
    const body = exchange.body === undefined || typeof exchange.body === 'string' || exchange.body instanceof Uint8Array || exchange.body instanceof Readable ? exchange.body : Readable.from(exchange.body);
    const answer = await request(exchange.url, { method: exchange.method, headers: exchange.headers, body, dispatcher: agent, signal: exchange.signal ? AbortSignal.any([deadline.signal, exchange.signal]) : deadline.signal });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > exchange.maxResponseBytes) {
        answer.body.destroy();
        throw new TransportFailure('BAD_MESSAGE', `The answer of ${profile.service} is larger than ${exchange.maxResponseBytes} bytes.`, `Check that the URL ${exchange.url.origin} points at ${profile.service}.`, 'too-large');
      }
      chunks.push(chunk);
    }
    return { status: answer.statusCode, headers: flatHeaders(answer.headers), body: Buffer.concat(chunks) };
  } catch (error) {
    if (exchange.signal?.aborted) throw cancelled(exchange.signal.reason);
    throw transportFailure(deadline.signal.aborted ? deadline.signal.reason : error, context);
  } finally {
    clearTimeout(timer);
  }
}
