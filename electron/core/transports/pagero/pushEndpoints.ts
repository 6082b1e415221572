// Push endpoints: where Pagero's HTTP client posts documents to us and how it proves who it is (seed: Basic,
// OAuth2 client_credentials, mutual TLS, or none). Basic passwords and client secrets are only ever compared, so
// they are kept as scrypt hashes, never sealed or in clear; mTLS endpoints keep the CA their client certificates
// must chain to.
import { randomBytes, scrypt, timingSafeEqual, type X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import type { PageroEndpointInput, PageroEndpointSummary } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { AuditLog } from '../../store/audit';
import type { CourierDatabase } from '../../store/database';
import { deleteNamedRow, findByIdOrName } from '../../store/namedRows';
import { parseCertificateBundle } from '../../tls/certificateBundle';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;

interface EndpointRow {
  id: string;
  name: string;
  auth_mode: PageroEndpointSummary['authMode'];
  basic_user: string | null;
  basic_password_hash: string | null;
  client_id: string | null;
  client_secret_hash: string | null;
  access_lifetime_s: number;
  client_ca_pem: string | null;
  record_headers: string;
  created_at: string;
  updated_at: string;
}

/** An endpoint as the push server uses it. */
export interface PushEndpoint {
  id: string;
  name: string;
  authMode: PageroEndpointSummary['authMode'];
  basicUser: string | null;
  basicPasswordHash: string | null;
  clientId: string | null;
  clientSecretHash: string | null;
  accessLifetimeSeconds: number;
  clientCas: X509Certificate[];
  recordHeaders: string[];
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Constant-time comparison of a presented secret with a stored hash; a malformed hash never matches. */
export async function secretMatches(secret: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const expected = Buffer.from(parts[5]!, 'base64');
  const actual = await scryptAsync(secret, Buffer.from(parts[4]!, 'base64'), expected.length, { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function clientCasOf(pem: string | null) {
  return pem ? parseCertificateBundle(pem, 'The client CA') : [];
}

function rowOf(db: CourierDatabase, ref: string): EndpointRow | undefined {
  return findByIdOrName<EndpointRow>(db, 'pagero_endpoints', ref);
}

function notFound(ref: string): CourierError {
  return new CourierError('NOT_FOUND', `No Pagero push endpoint is named ${ref}.`, 'List them with `courier pagero endpoints list`.');
}

export class PushEndpointStore {
  constructor(
    private readonly db: CourierDatabase,
    private readonly audit: AuditLog,
  ) {}

  summaries(urlsOf: (name: string) => PageroEndpointSummary['urls']): PageroEndpointSummary[] {
    return (this.db.prepare('SELECT * FROM pagero_endpoints ORDER BY name').all() as EndpointRow[]).map((row) => this.summaryOf(row, urlsOf(row.name)));
  }

  private summaryOf(row: EndpointRow, urls: PageroEndpointSummary['urls']): PageroEndpointSummary {
    return {
      id: row.id,
      name: row.name,
      authMode: row.auth_mode,
      basicUser: row.basic_user,
      clientId: row.client_id,
      sealed: { basic: row.basic_password_hash !== null, client: row.client_secret_hash !== null },
      accessLifetimeSeconds: row.access_lifetime_s,
      clientCas: clientCasOf(row.client_ca_pem).map(({ summary }) => ({ subject: summary.subject, sha256Fingerprint: summary.sha256Fingerprint })),
      recordHeaders: JSON.parse(row.record_headers) as string[],
      urls,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** The endpoint the push server serves under this name, or undefined. */
  endpoint(name: string): PushEndpoint | undefined {
    const row = this.db.prepare('SELECT * FROM pagero_endpoints WHERE name = ?').get(name) as EndpointRow | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      authMode: row.auth_mode,
      basicUser: row.basic_user,
      basicPasswordHash: row.basic_password_hash,
      clientId: row.client_id,
      clientSecretHash: row.client_secret_hash,
      accessLifetimeSeconds: row.access_lifetime_s,
      clientCas: clientCasOf(row.client_ca_pem).map((facts) => facts.x509),
      recordHeaders: JSON.parse(row.record_headers) as string[],
    };
  }

  async save(input: PageroEndpointInput, urlsOf: (name: string) => PageroEndpointSummary['urls'], now = new Date()): Promise<PageroEndpointSummary> {
    const existing = this.db.prepare('SELECT * FROM pagero_endpoints WHERE name = ?').get(input.name) as EndpointRow | undefined;
    const mode = input.authMode;
    const need = (ok: boolean, message: string, hint: string) => {
      if (!ok) throw new CourierError('BAD_INPUT', message, hint);
    };
    let basicHash: string | null = null;
    let clientHash: string | null = null;
    if (mode === 'basic') {
      need(Boolean(input.basicUser), 'A Basic endpoint needs the user name Pagero logs in with.', 'Give basicUser (and basicPassword).');
      basicHash = input.basicPassword ? await hashSecret(input.basicPassword) : existing?.auth_mode === 'basic' && existing.basic_user === input.basicUser ? existing.basic_password_hash : null;
      need(basicHash !== null, 'A Basic endpoint needs its password.', 'Choose one and give it to Pagero with the user name.');
    }
    if (mode === 'oauth2-client-credentials') {
      need(Boolean(input.clientId), 'An OAuth2 endpoint needs the client id Pagero is given.', 'Give clientId (and clientSecret).');
      clientHash = input.clientSecret ? await hashSecret(input.clientSecret) : existing?.auth_mode === mode && existing.client_id === input.clientId ? existing.client_secret_hash : null;
      need(clientHash !== null, 'An OAuth2 endpoint needs its client secret.', 'Choose one and give it to Pagero with the client id.');
    }
    const caPem = mode === 'mtls' ? (input.clientCaPem ?? existing?.client_ca_pem ?? null) : null;
    if (mode === 'mtls') {
      need(caPem !== null, 'A mutual-TLS endpoint needs the CA that issues Pagero\'s client certificates.', 'Give clientCaPem (PEM).');
      for (const { summary } of clientCasOf(caPem)) {
        need(summary.isCa || summary.selfSigned, `${summary.subject} is not a CA certificate.`, "Give the CA that issued Pagero's client certificate, not the certificate itself.");
      }
    }
    const id = existing?.id ?? `pagero-push-${randomBytes(8).toString('hex')}`;
    const at = now.toISOString();
    const row: EndpointRow = {
      id,
      name: input.name,
      auth_mode: mode,
      basic_user: mode === 'basic' ? input.basicUser! : null,
      basic_password_hash: basicHash,
      client_id: mode === 'oauth2-client-credentials' ? input.clientId! : null,
      client_secret_hash: clientHash,
      access_lifetime_s: input.accessLifetimeSeconds,
      client_ca_pem: caPem,
      record_headers: JSON.stringify([...new Set(input.recordHeaders.map((name) => name.toLowerCase()))]),
      created_at: existing?.created_at ?? at,
      updated_at: at,
    };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO pagero_endpoints (id, name, auth_mode, basic_user, basic_password_hash, client_id, client_secret_hash, access_lifetime_s,
             client_ca_pem, record_headers, created_at, updated_at)
           VALUES (@id, @name, @auth_mode, @basic_user, @basic_password_hash, @client_id, @client_secret_hash, @access_lifetime_s,
             @client_ca_pem, @record_headers, @created_at, @updated_at)`,
        )
        .run(row);
      // A changed endpoint invalidates the tokens issued under the old settings.
      this.db.prepare('DELETE FROM pagero_push_tokens WHERE endpoint_id = ?').run(id);
      this.audit.append({ action: 'pagero.endpoint-saved', target: id, details: { name: input.name, created: !existing, authMode: mode, loginReplaced: Boolean(input.basicPassword ?? input.clientSecret) } });
    })();
    return this.summaryOf(row, urlsOf(row.name));
  }

  delete(ref: string): { id: string; name: string; deleted: true } {
    const row = rowOf(this.db, ref);
    if (!row) throw notFound(ref);
    return deleteNamedRow(this.db, this.audit, 'pagero_endpoints', row, 'pagero.endpoint-deleted', () => {
      this.db.prepare('DELETE FROM pagero_push_tokens WHERE endpoint_id = ?').run(row.id);
    });
  }
}
