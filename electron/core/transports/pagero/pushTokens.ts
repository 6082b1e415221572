// The OAuth2 token endpoint Courier runs for a push endpoint in client_credentials mode (RFC 6749 §4.4): Pagero's
// HTTP client authenticates with the client id and secret (HTTP Basic, §2.3.1, or in the form) and gets a bearer
// token that expires. Tokens are random, stored only as SHA-256 digests, and checked against their endpoint.
import { createHash, randomBytes } from 'node:crypto';
import type { CourierDatabase } from '../../store/database';
import { secretMatches, type PushEndpoint } from './pushEndpoints';

export interface TokenEndpointAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

const json = (status: number, body: unknown, headers: Record<string, string> = {}): TokenEndpointAnswer => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', ...headers },
  body: JSON.stringify(body),
});

/** The client's credentials from `Authorization: Basic` (form-urlencoded parts) or from the form itself. */
function clientCredentials(authorization: string | undefined, form: URLSearchParams): { id: string; secret: string } | null {
  const basic = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(authorization?.trim() ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    try {
      return { id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')), secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')) };
    } catch {
      return null;
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret } : null;
}

export class PushTokens {
  constructor(private readonly db: CourierDatabase) {}

  /** Answers one token request (the form body already read, at most a few KiB). */
  async answer(endpoint: PushEndpoint, authorization: string | undefined, contentType: string | undefined, body: string, now = new Date()): Promise<TokenEndpointAnswer> {
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) return json(400, { error: 'invalid_request', error_description: 'The body must be application/x-www-form-urlencoded.' });
    const form = new URLSearchParams(body);
    const credentials = clientCredentials(authorization, form);
    const valid = credentials !== null && credentials.id === endpoint.clientId && (await secretMatches(credentials.secret, endpoint.clientSecretHash));
    if (!valid) return json(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="Courier"' });
    if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
    return json(200, { access_token: this.issue(endpoint, now), token_type: 'Bearer', expires_in: endpoint.accessLifetimeSeconds });
  }

  issue(endpoint: PushEndpoint, now = new Date()): string {
    const token = randomBytes(32).toString('base64url');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM pagero_push_tokens WHERE expires_at <= ?').run(now.toISOString());
      this.db.prepare('INSERT INTO pagero_push_tokens (digest, endpoint_id, expires_at) VALUES (?, ?, ?)').run(digest(token), endpoint.id, new Date(now.getTime() + endpoint.accessLifetimeSeconds * 1000).toISOString());
    })();
    return token;
  }

  /** Whether this bearer token was issued for this endpoint and has not expired. */
  valid(endpoint: PushEndpoint, token: string, now = new Date()): boolean {
    const row = this.db.prepare<[string, string], { expires_at: string }>('SELECT expires_at FROM pagero_push_tokens WHERE digest = ? AND endpoint_id = ?').get(digest(token), endpoint.id);
    return row !== undefined && row.expires_at > now.toISOString();
  }
}
