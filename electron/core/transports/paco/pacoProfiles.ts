// Saved PACO profiles: one row each in paco_profiles, the company token and Basic password sealed with the
// SecretBox under a context bound to the profile id, merchant keys held by reference only. Turns a row into
// the plain `PacoProfile` the client takes; the summary a host sees says whether the sealed values exist.
import { randomBytes } from 'node:crypto';
import { PACO_UAT_BASE_URL, type PacoProfileInput, type PacoProfileSummary } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { KeyService } from '../../keys/keyService';
import type { SecretBox } from '../../secrets/secretBox';
import type { AuditLog } from '../../store/audit';
import type { CourierDatabase } from '../../store/database';
import { deleteNamedRow, findByIdOrName } from '../../store/namedRows';
import { pacoPublicKey, type PacoProfile, type PacoPublicKey } from './pacoClient';
import type { PacoContentEncryption, PacoSigningAlgorithm } from './pacoJose';

interface ProfileRow {
  id: string;
  name: string;
  environment: 'uat' | 'production';
  base_url: string;
  api_key: string;
  basic_user: string;
  token_sealed: Buffer;
  basic_password_sealed: Buffer;
  paco_keys: string;
  merchant_signing_key_id: string;
  merchant_encryption_key_id: string;
  signing_algorithm: PacoSigningAlgorithm;
  content_encryption: PacoContentEncryption;
  created_at: string;
  updated_at: string;
}

interface StoredPacoKeys {
  encryption: PacoPublicKey;
  signing: PacoPublicKey[];
}

export interface PacoProfileDeps {
  db: CourierDatabase;
  secrets: SecretBox;
  keys: KeyService;
  audit: AuditLog;
}

const tokenContext = (id: string) => `paco:${id}:token`;
const basicPasswordContext = (id: string) => `paco:${id}:basic-password`;

/** The TLS trust scope of a profile, as `courier tls trust --scope` names it. */
export const pacoTlsScope = (name: string) => `paco:${name}`;

function rowOf(db: CourierDatabase, ref: string): ProfileRow {
  const row = findByIdOrName<ProfileRow>(db, 'paco_profiles', ref);
  if (!row) throw new CourierError('NOT_FOUND', `No PACO profile is named ${ref}.`, 'List the profiles with `courier paco profiles list`.');
  return row;
}

function summaryOf(row: ProfileRow): PacoProfileSummary {
  const keys = JSON.parse(row.paco_keys) as StoredPacoKeys;
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    baseUrl: row.base_url,
    issuer: row.api_key,
    basicUser: row.basic_user,
    sealed: { companyHeader: row.token_sealed.length > 0, basicAuth: row.basic_password_sealed.length > 0 },
    tlsScope: pacoTlsScope(row.name),
    pacoEncryptionKey: keys.encryption,
    pacoSigningKeys: keys.signing,
    merchantSigningKeyId: row.merchant_signing_key_id,
    merchantEncryptionKeyId: row.merchant_encryption_key_id,
    signingAlgorithm: row.signing_algorithm,
    contentEncryption: row.content_encryption,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function assertRsaPublicKey(key: PacoPublicKey, role: string): void {
  if (pacoPublicKey(key.key).asymmetricKeyType !== 'rsa') {
    throw new CourierError('BAD_INPUT', `PACO's ${role} key ${key.kid} is not an RSA key.`, 'PACO signs with RS/PS and encrypts with RSA-OAEP; paste the RSA key PACO sent.');
  }
}

function assertMerchantKey(keys: KeyService, id: string, purpose: 'paco-signing' | 'paco-encryption'): void {
  const key = keys.get(id);
  if (key.algorithm.type !== 'rsa') throw new CourierError('BAD_INPUT', `Merchant key ${id} is not an RSA key.`, 'PACO needs RSA keys; generate one with `courier keys generate --purpose ' + purpose + '`.');
  if (key.purpose !== purpose) throw new CourierError('BAD_INPUT', `Merchant key ${id} has purpose ${key.purpose}, not ${purpose}.`, `Choose a key of purpose ${purpose}.`);
}

function baseUrlOf(input: PacoProfileInput): string {
  if (input.baseUrl) return input.baseUrl.replace(/\/+$/, '');
  if (input.environment === 'uat') return PACO_UAT_BASE_URL;
  throw new CourierError('BAD_INPUT', 'A production PACO profile needs its base URL.', 'Enter the production base URL 2C2P gave you at onboarding.');
}

export class PacoProfileStore {
  constructor(private readonly deps: PacoProfileDeps) {}

  list(): PacoProfileSummary[] {
    return (this.deps.db.prepare('SELECT * FROM paco_profiles ORDER BY name').all() as ProfileRow[]).map(summaryOf);
  }

  get(ref: string): PacoProfileSummary {
    return summaryOf(rowOf(this.deps.db, ref));
  }

  save(input: PacoProfileInput, now = new Date()): PacoProfileSummary {
    const { db, secrets, keys, audit } = this.deps;
    const baseUrl = baseUrlOf(input);
    assertRsaPublicKey(input.pacoEncryptionKey, 'encryption');
    for (const key of input.pacoSigningKeys) assertRsaPublicKey(key, 'signing');
    if (new Set(input.pacoSigningKeys.map((key) => key.kid)).size !== input.pacoSigningKeys.length) {
      throw new CourierError('BAD_INPUT', 'Two PACO signing keys share a kid.', 'Give every PACO signing key its own kid.');
    }
    assertMerchantKey(keys, input.merchantSigningKeyId, 'paco-signing');
    assertMerchantKey(keys, input.merchantEncryptionKeyId, 'paco-encryption');
    const existing = db.prepare('SELECT * FROM paco_profiles WHERE name = ?').get(input.name) as ProfileRow | undefined;
    if (!existing && (!input.token || !input.basicPassword)) {
      throw new CourierError('BAD_INPUT', 'A new PACO profile needs the company token and the Basic password.', 'Both come from 2C2P onboarding.');
    }
    const id = existing?.id ?? `paco-${randomBytes(8).toString('hex')}`;
    const at = now.toISOString();
    const row: ProfileRow = {
      id,
      name: input.name,
      environment: input.environment,
      base_url: baseUrl,
      api_key: input.apiKey,
      basic_user: input.basicUser,
      token_sealed: input.token ? secrets.seal(input.token, tokenContext(id)) : existing!.token_sealed,
      basic_password_sealed: input.basicPassword ? secrets.seal(input.basicPassword, basicPasswordContext(id)) : existing!.basic_password_sealed,
      paco_keys: JSON.stringify({ encryption: input.pacoEncryptionKey, signing: input.pacoSigningKeys } satisfies StoredPacoKeys),
      merchant_signing_key_id: input.merchantSigningKeyId,
      merchant_encryption_key_id: input.merchantEncryptionKeyId,
      signing_algorithm: input.signingAlgorithm,
      content_encryption: input.contentEncryption,
      created_at: existing?.created_at ?? at,
      updated_at: at,
    };
    db.transaction(() => {
      db.prepare(
        `INSERT OR REPLACE INTO paco_profiles (id, name, environment, base_url, api_key, basic_user, token_sealed, basic_password_sealed, paco_keys,
           merchant_signing_key_id, merchant_encryption_key_id, signing_algorithm, content_encryption, created_at, updated_at)
         VALUES (@id, @name, @environment, @base_url, @api_key, @basic_user, @token_sealed, @basic_password_sealed, @paco_keys,
           @merchant_signing_key_id, @merchant_encryption_key_id, @signing_algorithm, @content_encryption, @created_at, @updated_at)`,
      ).run(row);
      audit.append({
        action: 'paco.profile-saved',
        target: id,
        details: {
          name: input.name,
          created: !existing,
          baseUrl,
          companyHeaderChanged: Boolean(input.token),
          basicAuthChanged: Boolean(input.basicPassword),
          merchantSigningKeyId: input.merchantSigningKeyId,
          merchantEncryptionKeyId: input.merchantEncryptionKeyId,
        },
      });
    })();
    return summaryOf(row);
  }

  delete(ref: string): { id: string; name: string; deleted: true } {
    const { db, audit } = this.deps;
    return deleteNamedRow(db, audit, 'paco_profiles', rowOf(db, ref), 'paco.profile-deleted');
  }

  /** The profile as the client takes it, sealed values opened (main process only). */
  clientProfile(ref: string): PacoProfile {
    const row = rowOf(this.deps.db, ref);
    const keys = JSON.parse(row.paco_keys) as StoredPacoKeys;
    return {
      baseUrl: row.base_url,
      apiKey: row.api_key,
      token: this.deps.secrets.openText(row.token_sealed, tokenContext(row.id)),
      basicUser: row.basic_user,
      basicPassword: this.deps.secrets.openText(row.basic_password_sealed, basicPasswordContext(row.id)),
      tlsScope: pacoTlsScope(row.name),
      pacoEncryptionKey: keys.encryption,
      pacoSigningKeys: keys.signing,
      merchantSigningKeyId: row.merchant_signing_key_id,
      merchantEncryptionKeyId: row.merchant_encryption_key_id,
      signingAlgorithm: row.signing_algorithm,
      contentEncryption: row.content_encryption,
    };
  }
}
