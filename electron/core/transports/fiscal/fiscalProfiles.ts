// Saved FISCAL profiles: one row each in fiscal_profiles, the access token sealed with the SecretBox under a
// context bound to the profile id, its expiry kept in clear so Courier can remind before it runs out (FISCAL keeps
// no copy of a token: a lost or expired one is replaced by generating a new one in FISCAL's Organisation Settings).
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { FiscalProfileInput, FiscalProfileSummary } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { SecretBox } from '../../secrets/secretBox';
import type { AuditLog } from '../../store/audit';
import type { CourierDatabase } from '../../store/database';
import { deleteNamedRow, findByIdOrName } from '../../store/namedRows';
import { fiscalBaseUrl, type FiscalProfile } from './fiscalUrl';

interface ProfileRow {
  id: string;
  name: string;
  region: FiscalProfileSummary['region'];
  customer: string;
  unit: string;
  base_url: string | null;
  token_sealed: Buffer;
  token_expires_on: string;
  remind_days_before: number;
  created_at: string;
  updated_at: string;
}

export interface FiscalProfileDeps {
  db: CourierDatabase;
  secrets: SecretBox;
  audit: AuditLog;
}

const DAY_MS = 86_400_000;
const tokenContext = (id: string) => `fiscal:${id}:token`;
const NEW_TOKEN_HINT = 'Generate a new one in FISCAL (Customer Settings > Organisation Settings > Access Tokens) and save it with `courier fiscal profiles save --name NAME --token-file FILE --token-expires YYYY-MM-DD`.';

/** The TLS trust scope of a profile, as `courier tls trust --scope` names it. */
export const fiscalTlsScope = (name: string) => `fiscal:${name}`;

function rowOf(db: CourierDatabase, ref: string): ProfileRow {
  const row = findByIdOrName<ProfileRow>(db, 'fiscal_profiles', ref);
  if (!row) throw new CourierError('NOT_FOUND', `No FISCAL profile is named ${ref}.`, 'List the profiles with `courier fiscal profiles list`.');
  return row;
}

/** Whole days from today (UTC) to the token's last valid day: 0 = expires today, negative = expired. */
export function daysUntil(expiresOn: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - today) / DAY_MS);
}

function accessOf(row: ProfileRow, now: Date): FiscalProfileSummary['access'] {
  const days = daysUntil(row.token_expires_on, now);
  const expired = days < 0;
  let reminder: string | null = null;
  if (expired) reminder = `The access token expired on ${row.token_expires_on}; uploads will be refused (401). ${NEW_TOKEN_HINT}`;
  else if (days <= row.remind_days_before) {
    reminder = `The access token expires ${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`} (on ${row.token_expires_on}). ${NEW_TOKEN_HINT}`;
  }
  return { stored: row.token_sealed.length > 0, expiresOn: row.token_expires_on, expiresInDays: days, expired, remindDaysBefore: row.remind_days_before, reminder };
}

function summaryOf(row: ProfileRow, now = new Date()): FiscalProfileSummary {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    customer: row.customer,
    unit: row.unit,
    baseUrl: fiscalBaseUrl(row.region, row.base_url),
    baseUrlOverridden: row.base_url !== null,
    access: accessOf(row, now),
    tlsScope: fiscalTlsScope(row.name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function validDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The last valid day of a new token: as given, or the `exp` of a JWT. */
function expiryOf(input: FiscalProfileInput): string {
  if (input.tokenExpiresOn !== undefined) {
    if (!validDate(input.tokenExpiresOn)) throw new CourierError('BAD_INPUT', `${input.tokenExpiresOn} is not a date.`, 'Give the token\'s expiry as YYYY-MM-DD, as FISCAL showed it.');
    return input.tokenExpiresOn;
  }
  let exp: number | undefined;
  try {
    exp = decodeJwt(input.token!).exp;
  } catch {
    exp = undefined;
  }
  if (exp === undefined) throw new CourierError('BAD_INPUT', 'Courier cannot read when this access token expires.', 'Give the expiry date FISCAL showed when you made the token (--token-expires YYYY-MM-DD).');
  return new Date(exp * 1000).toISOString().slice(0, 10);
}

export class FiscalProfileStore {
  constructor(private readonly deps: FiscalProfileDeps) {}

  list(now = new Date()): FiscalProfileSummary[] {
    return (this.deps.db.prepare('SELECT * FROM fiscal_profiles ORDER BY name').all() as ProfileRow[]).map((row) => summaryOf(row, now));
  }

  get(ref: string, now = new Date()): FiscalProfileSummary {
    return summaryOf(rowOf(this.deps.db, ref), now);
  }

  save(input: FiscalProfileInput, now = new Date()): FiscalProfileSummary {
    const { db, secrets, audit } = this.deps;
    const existing = db.prepare('SELECT * FROM fiscal_profiles WHERE name = ?').get(input.name) as ProfileRow | undefined;
    if (!existing && !input.token) throw new CourierError('BAD_INPUT', 'A new FISCAL profile needs its access token.', NEW_TOKEN_HINT);
    if (input.tokenExpiresOn !== undefined && !input.token && !existing) throw new CourierError('BAD_INPUT', 'An expiry date goes with a token.', NEW_TOKEN_HINT);
    const id = existing?.id ?? `fiscal-${randomBytes(8).toString('hex')}`;
    const at = now.toISOString();
    const row: ProfileRow = {
      id,
      name: input.name,
      region: input.region,
      customer: input.customer,
      unit: input.unit ?? input.customer,
      base_url: input.baseUrl?.replace(/\/+$/, '') ?? null,
      token_sealed: input.token ? secrets.seal(input.token, tokenContext(id)) : existing!.token_sealed,
      token_expires_on: input.token ? expiryOf(input) : (input.tokenExpiresOn ?? existing!.token_expires_on),
      remind_days_before: input.remindDaysBefore,
      created_at: existing?.created_at ?? at,
      updated_at: at,
    };
    if (row.token_expires_on !== existing?.token_expires_on && !validDate(row.token_expires_on)) {
      throw new CourierError('BAD_INPUT', `${row.token_expires_on} is not a date.`, 'Give the token\'s expiry as YYYY-MM-DD.');
    }
    db.transaction(() => {
      db.prepare(
        `INSERT OR REPLACE INTO fiscal_profiles (id, name, region, customer, unit, base_url, token_sealed, token_expires_on, remind_days_before, created_at, updated_at)
         VALUES (@id, @name, @region, @customer, @unit, @base_url, @token_sealed, @token_expires_on, @remind_days_before, @created_at, @updated_at)`,
      ).run(row);
      audit.append({
        action: 'fiscal.profile-saved',
        target: id,
        details: { name: row.name, created: !existing, region: row.region, customer: row.customer, unit: row.unit, baseUrl: row.base_url, accessChanged: Boolean(input.token), accessExpiresOn: row.token_expires_on },
      });
    })();
    return summaryOf(row, now);
  }

  delete(ref: string): { id: string; name: string; deleted: true } {
    const { db, audit } = this.deps;
    return deleteNamedRow(db, audit, 'fiscal_profiles', rowOf(db, ref), 'fiscal.profile-deleted');
  }

  /** The profile as the uploader takes it, the token opened (main process only). */
  clientProfile(ref: string, now = new Date()): FiscalProfile {
    const row = rowOf(this.deps.db, ref);
    return {
      id: row.id,
      name: row.name,
      region: row.region,
      customer: row.customer,
      unit: row.unit,
      baseUrl: fiscalBaseUrl(row.region, row.base_url),
      token: this.deps.secrets.openText(row.token_sealed, tokenContext(row.id)),
      tokenExpiresOn: row.token_expires_on,
      tokenExpired: daysUntil(row.token_expires_on, now) < 0,
      tlsScope: fiscalTlsScope(row.name),
    };
  }
}
