// The Authorization header of a send to the Interchange API: HTTP Basic, or an OAuth2 bearer token from Pagero's
// SSO. Tokens are cached (sealed) until shortly before expires_in runs out; an expired or rejected access token is
// renewed with the refresh token first, and only when the SSO refuses that with a new password grant.
import type { HttpProfile } from '../http/httpClient';
import { GrantRefused, requestTokens, type SsoTokens } from './pageroSso';
import type { PageroProfile, PageroProfileStore } from './pageroProfiles';

/** A token this close to its expiry is renewed rather than sent (clock skew, the time the upload takes to start). */
const EXPIRY_MARGIN_MS = 30_000;

export interface PageroAuthorization {
  header: string;
  /** How the header was obtained, for the message's history: basic | cached | refreshed | password-grant. */
  via: 'basic' | 'cached' | 'refreshed' | 'password-grant';
}

export class PageroAuthorizer {
  constructor(
    private readonly profile: PageroProfile,
    private readonly store: PageroProfileStore,
    private readonly http: HttpProfile,
    private readonly signal?: AbortSignal,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The header for the next request; `rejected` says the last one got a 401, so its token must not be reused. */
  async authorization(rejected = false): Promise<PageroAuthorization> {
    const auth = this.profile.auth;
    if (auth.mode === 'basic') {
      return { header: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`, via: 'basic' };
    }
    const cached = this.store.cachedTokens(this.profile.id);
    if (!rejected && cached.access && cached.accessExpiresAt && cached.accessExpiresAt.getTime() - EXPIRY_MARGIN_MS > this.now().getTime()) {
      return { header: `Bearer ${cached.access}`, via: 'cached' };
    }
    const client = { ssoUrl: auth.ssoUrl, clientId: auth.clientId, clientSecret: auth.clientSecret };
    if (cached.refresh) {
      try {
        return this.keep(await requestTokens(this.http, client, { grant: 'refresh_token', refreshToken: cached.refresh }, this.signal), 'refreshed', cached.refresh);
      } catch (error) {
        if (!(error instanceof GrantRefused)) throw error;
        this.store.cacheTokens(this.profile.id, { access: null, accessExpiresAt: null, refresh: null });
      }
    }
    return this.keep(await requestTokens(this.http, client, { grant: 'password', username: auth.username, password: auth.password }, this.signal), 'password-grant', null);
  }

  /** A refresh answer without a new refresh token leaves the old one in use (RFC 6749 §6). */
  private keep(tokens: SsoTokens, via: 'refreshed' | 'password-grant', previousRefresh: string | null): PageroAuthorization {
    this.store.cacheTokens(this.profile.id, { access: tokens.access, accessExpiresAt: tokens.expiresAt, refresh: tokens.refresh ?? previousRefresh });
    return { header: `Bearer ${tokens.access}`, via };
  }
}
