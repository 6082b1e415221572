// Pagero's SSO (OAuth2, RFC 6749): the resource-owner password grant (§4.3) and the refresh grant (§6), the
// client id and secret as HTTP Basic (§2.3.1), form-encoded. The answer is checked field by field before any of
// it is used; nothing it says (nor any secret) is echoed into an error beyond the OAuth2 error code.
import { CourierError } from '../../errors';
import { httpExchange, type HttpProfile } from '../http/httpClient';

/** A token answer is a small JSON object; anything larger is not Pagero's SSO. */
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;
/** The seed's SSO hands out tokens for 600 s; this is what a missing expires_in is taken to mean. */
const DEFAULT_EXPIRES_IN_S = 600;
const MAX_EXPIRES_IN_S = 366 * 24 * 3600;

export interface SsoClient {
  ssoUrl: URL;
  clientId: string;
  clientSecret: string;
}

export interface SsoTokens {
  access: string;
  /** When the access token stops working (expires_in after the answer). */
  expiresAt: Date;
  refresh: string | null;
}

export type SsoGrant = { grant: 'password'; username: string; password: string } | { grant: 'refresh_token'; refreshToken: string };

/** The SSO said no to this grant (wrong login, refresh token expired or revoked). */
export class GrantRefused extends CourierError {
  constructor(
    readonly grant: SsoGrant['grant'],
    readonly oauthError: string | null,
    status: number,
  ) {
    const what = grant === 'password' ? 'the login' : 'the refresh token';
    super(
      'REMOTE_REJECTED',
      `Pagero's SSO refused ${what} (HTTP ${status}${oauthError ? `, ${oauthError}` : ''}).`,
      grant === 'password' ? 'Check the user name, password, client id and client secret Pagero gave you at setup.' : 'Courier logs in again with the password.',
    );
  }
}

const TOKEN_CHARS = /^[\x21-\x7e]{1,4096}$/;

function malformed(detail: string): CourierError {
  return new CourierError('BAD_MESSAGE', `Pagero's SSO answered with something that is not a token (${detail}).`, 'Check the SSO URL of the profile; it should end in /oauth/v2/oauth-token.');
}

/** The token answer (RFC 6749 §5.1) checked: JSON object, bearer, printable tokens, a sane expires_in. */
export function parseTokenAnswer(body: Buffer, now = new Date()): SsoTokens {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw malformed('not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw malformed('not a JSON object');
  const answer = json as Record<string, unknown>;
  if (typeof answer.access_token !== 'string' || !TOKEN_CHARS.test(answer.access_token)) throw malformed('no usable access_token');
  if (answer.token_type !== undefined && (typeof answer.token_type !== 'string' || answer.token_type.toLowerCase() !== 'bearer')) throw malformed('token_type is not bearer');
  const expiresIn = answer.expires_in === undefined ? DEFAULT_EXPIRES_IN_S : typeof answer.expires_in === 'string' && /^\d{1,9}$/.test(answer.expires_in) ? Number(answer.expires_in) : answer.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn <= 0 || expiresIn > MAX_EXPIRES_IN_S) throw malformed('expires_in is not a number of seconds');
  const refresh = answer.refresh_token;
  if (refresh !== undefined && refresh !== null && (typeof refresh !== 'string' || !TOKEN_CHARS.test(refresh))) throw malformed('refresh_token is not a token');
  return { access: answer.access_token, expiresAt: new Date(now.getTime() + expiresIn * 1000), refresh: typeof refresh === 'string' ? refresh : null };
}

/** The OAuth2 `error` code of a refusal, if the body says one in the RFC's alphabet. */
function oauthErrorOf(body: Buffer): string | null {
  try {
    const error = (JSON.parse(body.toString('utf8')) as { error?: unknown }).error;
    return typeof error === 'string' && /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/.test(error) ? error : null;
  } catch {
    return null;
  }
}

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(user)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** One grant at the SSO token endpoint; a 400/401 is a GrantRefused, anything else not a token a CourierError. */
export async function requestTokens(http: HttpProfile, client: SsoClient, grant: SsoGrant, signal?: AbortSignal): Promise<SsoTokens> {
  const form = new URLSearchParams(grant.grant === 'password' ? { grant_type: 'password', username: grant.username, password: grant.password } : { grant_type: 'refresh_token', refresh_token: grant.refreshToken });
  const answer = await httpExchange(
    { ...http, service: "Pagero's SSO" },
    {
      url: client.ssoUrl,
      method: 'POST',
      headers: { authorization: basic(client.clientId, client.clientSecret), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      maxResponseBytes: MAX_TOKEN_ANSWER_BYTES,
      signal,
    },
  );
  if (answer.status === 400 || answer.status === 401) throw new GrantRefused(grant.grant, oauthErrorOf(answer.body), answer.status);
  if (answer.status !== 200) {
    throw new CourierError('REMOTE_REJECTED', `Pagero's SSO answered HTTP ${answer.status} to a token request.`, answer.status >= 500 ? 'The SSO has a problem; try again later.' : 'Check the SSO URL of the profile.');
  }
  return parseTokenAnswer(answer.body);
}
