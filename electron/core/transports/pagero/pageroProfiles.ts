// Saved Pagero send profiles: one row each in pagero_profiles, the login password and OAuth2 client secret
// sealed with the SecretBox under contexts bound to the profile id, and the OAuth2 tokens Pagero's SSO issued
// cached (sealed) beside them. The summary a host sees says whether a secret is stored, never what.
import { randomBytes } from 'node:crypto';
import { PAGERO_SSO_URL, type PageroProfileInput, type PageroProfileSummary } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { SecretBox } from '../../secrets/secretBox';
import type { AuditLog } from '../../store/audit';
import type { CourierDatabase } from '../../store/database';
import { deleteNamedRow, findByIdOrName } from '../../store/namedRows';

interface ProfileRow {
  id: string;
  name: string;
  base_url: string;
  document_type: string;
  send_mode: string;
  auth_mode: 'basic' | 'oauth2-password';
  username: string;
  password_sealed: Buffer;
  sso_url: string | null;
  client_id: string | null;
  client_secret_sealed: Buffer | null;
  access_sealed: Buffer | null;
  access_expires_at: string | null;
  refresh_sealed: Buffer | null;
  created_at: string;
  updated_at: string;
}

/** The profile as the client takes it (main process only): secrets opened. */
export interface PageroProfile {
  id: string;
  name: string;
  endpointUrl: URL;
  documentType: string;
  sendMode: string;
  tlsScope: string;
  auth:
    | { mode: 'basic'; username: string; password: string }
    | { mode: 'oauth2-password'; username: string; password: string; ssoUrl: URL; clientId: string; clientSecret: string };
}

/** Tokens from Pagero's SSO, as cached between sends. */
export interface CachedTokens {
  access: string | null;
  accessExpiresAt: Date | null;
  refresh: string | null;
}

export interface PageroProfileDeps {
  db: CourierDatabase;
  secrets: SecretBox;
  audit: AuditLog;
}

const context = (id: string, what: 'password' | 'client-secret' | 'access' | 'refresh') => `pagero:${id}:${what}`;

/** The TLS trust scope of a profile, as `courier tls trust-ca --scope` names it. */
export const pageroTlsScope = (name: string) => `pagero:${name}`;

export const interchangeUrl = (baseUrl: string, documentType: string, sendMode: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/incoming/v1/${encodeURIComponent(documentType)}/${encodeURIComponent(sendMode)}`;

function rowOf(db: CourierDatabase, ref: string): ProfileRow {
  const row = findByIdOrName<ProfileRow>(db, 'pagero_profiles', ref);
  if (!row) throw new CourierError('NOT_FOUND', `No Pagero profile is named ${ref}.`, 'List the profiles with `courier pagero profiles list`.');
  return row;
}

function summaryOf(row: ProfileRow): PageroProfileSummary {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    documentType: row.document_type,
    sendMode: row.send_mode,
    endpointUrl: interchangeUrl(row.base_url, row.document_type, row.send_mode),
    authMode: row.auth_mode,
    username: row.username,
    ssoUrl: row.sso_url,
    clientId: row.client_id,
    sealed: { login: row.password_sealed.length > 0, client: (row.client_secret_sealed?.length ?? 0) > 0 },
    tlsScope: pageroTlsScope(row.name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class PageroProfileStore {
  constructor(private readonly deps: PageroProfileDeps) {}

  list(): PageroProfileSummary[] {
    return (this.deps.db.prepare('SELECT * FROM pagero_profiles ORDER BY name').all() as ProfileRow[]).map(summaryOf);
  }

  get(ref: string): PageroProfileSummary {
    return summaryOf(rowOf(this.deps.db, ref));
  }

  save(input: PageroProfileInput, now = new Date()): PageroProfileSummary {
    const { db, secrets, audit } = this.deps;
    const existing = db.prepare('SELECT * FROM pagero_profiles WHERE name = ?').get(input.name) as ProfileRow | undefined;
    const oauth = input.authMode === 'oauth2-password';
    if (!input.password && !existing) throw new CourierError('BAD_INPUT', 'A new Pagero profile needs the password.', 'Pagero sends the user name and password at setup.');
    if (oauth && !input.clientId) throw new CourierError('BAD_INPUT', 'OAuth2 needs the client id.', 'Pagero generates the client id and secret at setup.');
    if (oauth && !input.clientSecret && !existing?.client_secret_sealed?.length) {
      throw new CourierError('BAD_INPUT', 'OAuth2 needs the client secret.', 'Pagero generates the client id and secret at setup.');
    }
    const id = existing?.id ?? `pagero-${randomBytes(8).toString('hex')}`;
    const at = now.toISOString();
    // A changed login, client or SSO makes the cached tokens someone else's: they are dropped.
    const loginChanged = Boolean(input.password || input.clientSecret) || existing?.username !== input.username || existing?.client_id !== (input.clientId ?? null) || existing?.sso_url !== (oauth ? (input.ssoUrl ?? PAGERO_SSO_URL) : null);
    const row: ProfileRow = {
      id,
      name: input.name,
      base_url: input.baseUrl.replace(/\/+$/, ''),
      document_type: input.documentType,
      send_mode: input.sendMode,
      auth_mode: input.authMode,
      username: input.username,
      password_sealed: input.password ? secrets.seal(input.password, context(id, 'password')) : existing!.password_sealed,
      sso_url: oauth ? (input.ssoUrl ?? PAGERO_SSO_URL) : null,
      client_id: oauth ? input.clientId! : null,
      client_secret_sealed: oauth ? (input.clientSecret ? secrets.seal(input.clientSecret, context(id, 'client-secret')) : existing!.client_secret_sealed) : null,
      access_sealed: loginChanged ? null : (existing?.access_sealed ?? null),
      access_expires_at: loginChanged ? null : (existing?.access_expires_at ?? null),
      refresh_sealed: loginChanged ? null : (existing?.refresh_sealed ?? null),
      created_at: existing?.created_at ?? at,
      updated_at: at,
    };
    db.transaction(() => {
      db.prepare(
        `INSERT OR REPLACE INTO pagero_profiles (id, name, base_url, document_type, send_mode, auth_mode, username, password_sealed, sso_url, client_id,
           client_secret_sealed, access_sealed, access_expires_at, refresh_sealed, created_at, updated_at)
         VALUES (@id, @name, @base_url, @document_type, @send_mode, @auth_mode, @username, @password_sealed, @sso_url, @client_id,
           @client_secret_sealed, @access_sealed, @access_expires_at, @refresh_sealed, @created_at, @updated_at)`,
      ).run(row);
      audit.append({
        action: 'pagero.profile-saved',
        target: id,
        details: { name: input.name, created: !existing, baseUrl: row.base_url, documentType: row.document_type, sendMode: row.send_mode, authMode: row.auth_mode, loginReplaced: Boolean(input.password), clientReplaced: Boolean(input.clientSecret) },
      });
    })();
    return summaryOf(row);
  }

  delete(ref: string): { id: string; name: string; deleted: true } {
    const { db, audit } = this.deps;
    return deleteNamedRow(db, audit, 'pagero_profiles', rowOf(db, ref), 'pagero.profile-deleted');
  }

  clientProfile(ref: string): PageroProfile {
    const row = rowOf(this.deps.db, ref);
    const open = (sealed: Buffer, what: 'password' | 'client-secret') => this.deps.secrets.openText(sealed, context(row.id, what));
    const password = open(row.password_sealed, 'password');
    return {
      id: row.id,
      name: row.name,
      endpointUrl: new URL(interchangeUrl(row.base_url, row.document_type, row.send_mode)),
      documentType: row.document_type,
      sendMode: row.send_mode,
      tlsScope: pageroTlsScope(row.name),
      auth:
        row.auth_mode === 'basic'
          ? { mode: 'basic', username: row.username, password }
          : { mode: 'oauth2-password', username: row.username, password, ssoUrl: new URL(row.sso_url!), clientId: row.client_id!, clientSecret: open(row.client_secret_sealed!, 'client-secret') },
    };
  }

  cachedTokens(id: string): CachedTokens {
    const row = rowOf(this.deps.db, id);
    const open = (sealed: Buffer | null, what: 'access' | 'refresh') => (sealed?.length ? this.deps.secrets.openText(sealed, context(row.id, what)) : null);
    return { access: open(row.access_sealed, 'access'), accessExpiresAt: row.access_expires_at ? new Date(row.access_expires_at) : null, refresh: open(row.refresh_sealed, 'refresh') };
  }

  /** Caches tokens (sealed); null values clear them. */
  cacheTokens(id: string, tokens: CachedTokens): void {
    const { db, secrets } = this.deps;
    db.prepare('UPDATE pagero_profiles SET access_sealed = ?, access_expires_at = ?, refresh_sealed = ? WHERE id = ?').run(
      tokens.access ? secrets.seal(tokens.access, context(id, 'access')) : null,
      tokens.accessExpiresAt?.toISOString() ?? null,
      tokens.refresh ? secrets.seal(tokens.refresh, context(id, 'refresh')) : null,
      id,
    );
  }
}
