// AS2 Gateway accounts: one row each in as2g_accounts, the password and the kept session token sealed with the
// SecretBox under contexts bound to the account id. Hands the client a GatewayConnection whose credentials open
// and reseal those values in the main process; the summary a host sees says only whether they exist.
import { randomBytes } from 'node:crypto';
import { AS2G_DEFAULT_BASE_URL, type As2gAccountInput, type As2gAccountSummary } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { SecretBox } from '../../secrets/secretBox';
import type { AuditLog } from '../../store/audit';
import type { CourierDatabase } from '../../store/database';
import { deleteNamedRow, findByIdOrName } from '../../store/namedRows';
import type { TlsTrustStore } from '../../tls/trustStore';
import { GatewayConnection, RENEW_BEFORE_MS, type GatewayCredentials, type GatewayEndpoint } from './gatewayConnection';

interface AccountRow {
  id: string;
  name: string;
  base_url: string;
  username: string;
  password_sealed: Buffer;
  session_sealed: Buffer | null;
  session_expires_at: number | null;
  last_sync_at: string | null;
  last_sync_outcome: string | null;
  created_at: string;
  updated_at: string;
}

export interface GatewayAccountDeps {
  db: CourierDatabase;
  secrets: SecretBox;
  audit: AuditLog;
  tlsTrust: TlsTrustStore;
}

/** The TLS trust scope of an account, as `courier tls trust --scope` names it. */
export const as2gTlsScope = (name: string) => `as2g:${name}`;
const passwordContext = (id: string) => `as2g:${id}:password`;
const sessionContext = (id: string) => `as2g:${id}:session`;

function rowOf(db: CourierDatabase, ref: string): AccountRow {
  const row = findByIdOrName<AccountRow>(db, 'as2g_accounts', ref);
  if (!row) throw new CourierError('NOT_FOUND', `No AS2 Gateway account is named ${ref}.`, 'List the accounts with `courier as2g accounts list`.');
  return row;
}

function summaryOf(row: AccountRow, now = Date.now()): As2gAccountSummary {
  const live = row.session_sealed !== null && row.session_expires_at !== null && row.session_expires_at - now > RENEW_BEFORE_MS;
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    username: row.username,
    sealed: { login: row.password_sealed.length > 0, session: live },
    sessionExpiresAt: live ? new Date(row.session_expires_at!).toISOString() : null,
    tlsScope: as2gTlsScope(row.name),
    lastSyncAt: row.last_sync_at,
    lastSyncOutcome: row.last_sync_outcome,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class GatewayAccounts {
  constructor(private readonly deps: GatewayAccountDeps) {}

  list(): As2gAccountSummary[] {
    return (this.deps.db.prepare('SELECT * FROM as2g_accounts ORDER BY name').all() as AccountRow[]).map((row) => summaryOf(row));
  }

  get(ref: string): As2gAccountSummary {
    return summaryOf(rowOf(this.deps.db, ref));
  }

  save(input: As2gAccountInput, now = new Date()): As2gAccountSummary {
    const { db, secrets, audit } = this.deps;
    const existing = db.prepare('SELECT * FROM as2g_accounts WHERE name = ?').get(input.name) as AccountRow | undefined;
    if (!existing && !input.password) throw new CourierError('BAD_INPUT', 'A new AS2 Gateway account needs its password.', 'Give the password of the gateway login (e-mail address and password).');
    const id = existing?.id ?? `as2g-${randomBytes(8).toString('hex')}`;
    const baseUrl = (input.baseUrl ?? existing?.base_url ?? AS2G_DEFAULT_BASE_URL).replace(/\/+$/, '');
    // A new login, user or URL makes the kept session worthless.
    const keepSession = existing && !input.password && existing.username === input.username && existing.base_url === baseUrl;
    const at = now.toISOString();
    const row: AccountRow = {
      id,
      name: input.name,
      base_url: baseUrl,
      username: input.username,
      password_sealed: input.password ? secrets.seal(input.password, passwordContext(id)) : existing!.password_sealed,
      session_sealed: keepSession ? existing.session_sealed : null,
      session_expires_at: keepSession ? existing.session_expires_at : null,
      last_sync_at: existing?.last_sync_at ?? null,
      last_sync_outcome: existing?.last_sync_outcome ?? null,
      created_at: existing?.created_at ?? at,
      updated_at: at,
    };
    db.transaction(() => {
      db.prepare(
        `INSERT OR REPLACE INTO as2g_accounts (id, name, base_url, username, password_sealed, session_sealed, session_expires_at, last_sync_at, last_sync_outcome, created_at, updated_at)
         VALUES (@id, @name, @base_url, @username, @password_sealed, @session_sealed, @session_expires_at, @last_sync_at, @last_sync_outcome, @created_at, @updated_at)`,
      ).run(row);
      audit.append({ action: 'as2g.account-saved', target: id, details: { name: input.name, created: !existing, baseUrl, username: input.username, loginChanged: Boolean(input.password) } });
    })();
    return summaryOf(row);
  }

  delete(ref: string): { id: string; name: string; deleted: true } {
    const { db, audit } = this.deps;
    return deleteNamedRow(db, audit, 'as2g_accounts', rowOf(db, ref), 'as2g.account-deleted');
  }

  recordSync(ref: string, at: string, outcome: string): void {
    this.deps.db.prepare('UPDATE as2g_accounts SET last_sync_at = ?, last_sync_outcome = ? WHERE id = ?').run(at, outcome.slice(0, 300), rowOf(this.deps.db, ref).id);
  }

  /** A connection for the account, its password and session opened and resealed here only. */
  connect(ref: string, tuning: Pick<GatewayEndpoint, 'rateLimit' | 'rateLimitRetry' | 'timeoutMs'> = {}): GatewayConnection {
    const { db, secrets, tlsTrust } = this.deps;
    const row = rowOf(db, ref);
    const credentials: GatewayCredentials = {
      username: row.username,
      password: () => secrets.openText(rowOf(db, row.id).password_sealed, passwordContext(row.id)),
      loadSession: () => {
        const current = rowOf(db, row.id);
        if (!current.session_sealed || current.session_expires_at === null) return null;
        return { token: secrets.openText(current.session_sealed, sessionContext(row.id)), expiresAt: current.session_expires_at };
      },
      saveSession: (session) => {
        db.prepare('UPDATE as2g_accounts SET session_sealed = ?, session_expires_at = ? WHERE id = ?').run(
          session ? secrets.seal(session.token, sessionContext(row.id)) : null,
          session ? session.expiresAt : null,
          row.id,
        );
      },
    };
    const scope = as2gTlsScope(row.name);
    return new GatewayConnection({ baseUrl: row.base_url, scope, trust: tlsTrust.trustFor(scope), ...tuning }, credentials);
  }
}
