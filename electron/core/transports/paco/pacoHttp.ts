// One HTTPS exchange with PACO, through the shared HTTP client (transports/http): the profile's trust scope, a
// size cap on the answer and a deadline; failures are the shared typed errors, with PACO's trust hint.
import type { ProfileTrust } from '../../tls/tlsOptions';
import { httpExchange } from '../http/httpClient';

export interface PacoHttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** The profile's TLS trust scope and what it holds. */
  scope: string;
  trust: ProfileTrust;
  maxResponseBytes: number;
  timeoutMs: number;
}

export interface PacoHttpResponse {
  status: number;
  contentType: string;
  body: string;
}

export async function pacoExchange(exchange: PacoHttpRequest): Promise<PacoHttpResponse> {
  const answer = await httpExchange(
    { service: 'PACO', scope: exchange.scope, trust: exchange.trust, timeoutMs: exchange.timeoutMs },
    { url: exchange.url, method: exchange.method, headers: exchange.headers, body: exchange.body, maxResponseBytes: exchange.maxResponseBytes },
  );
  return { status: answer.status, contentType: answer.headers['content-type'] ?? '', body: answer.body.toString('utf8') };
}
