// The `keys` table: what Courier knows about each key pair without opening it — label, purpose, the
// public key and its fingerprints. Certificates find their key here by SPKI hash; rotation links a key
// to its successor. The private half is only ever in the key vault.
import type { KeyAlgorithm, KeyPurpose, KeyRole, KeySummary } from '../../../shared/ipc';
import { CourierError } from '../errors';
import type { CourierDatabase } from '../store/database';
import { KEY_ROLE_SQL } from './keyRoles';
import { jwkThumbprint, keyAlgorithmOf, publicKeyFromSpki, spkiSha256 } from './publicKeyExports';

export interface CatalogEntry extends KeySummary {
  /** DER SubjectPublicKeyInfo. */
  spki: Buffer;
}

export interface NewCatalogEntry {
  id: string;
  label: string;
  purpose: KeyPurpose;
  origin: KeySummary['origin'];
  spki: Uint8Array;
  createdAt: string;
}

interface KeyRow {
  id: string;
  label: string;
  purpose: KeyPurpose;
  key_type: 'rsa' | 'ec';
  rsa_bits: 2048 | 3072 | 4096 | null;
  ec_curve: 'P-256' | 'P-384' | null;
  origin: KeySummary['origin'];
  spki: Buffer;
  spki_sha256: string;
  jwk_thumbprint: string;
  created_at: string;
  successor_id: string | null;
  role: KeyRole;
}

function toEntry(row: KeyRow): CatalogEntry {
  const algorithm: KeyAlgorithm = row.key_type === 'rsa' ? { type: 'rsa', bits: row.rsa_bits! } : { type: 'ec', curve: row.ec_curve! };
  return {
    id: row.id,
    label: row.label,
    purpose: row.purpose,
    algorithm,
    origin: row.origin,
    createdAt: row.created_at,
    spkiSha256: row.spki_sha256,
    jwkThumbprint: row.jwk_thumbprint,
    successorId: row.successor_id,
    role: row.role,
    spki: row.spki,
  };
}

export function toSummary(entry: CatalogEntry): KeySummary {
  const { spki: _spki, ...summary } = entry;
  return summary;
}

export class KeyCatalog {
  constructor(private readonly db: CourierDatabase) {}

  /** Adds a key; its algorithm and fingerprints are read from the public key itself, never taken on trust. */
  insert(entry: NewCatalogEntry): CatalogEntry {
    const publicKey = publicKeyFromSpki(entry.spki);
    const algorithm = keyAlgorithmOf(publicKey);
    this.db
      .prepare(
        `INSERT INTO keys (id, label, purpose, key_type, rsa_bits, ec_curve, origin, spki, spki_sha256, jwk_thumbprint, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.id,
        entry.label,
        entry.purpose,
        algorithm.type,
        algorithm.type === 'rsa' ? algorithm.bits : null,
        algorithm.type === 'ec' ? algorithm.curve : null,
        entry.origin,
        Buffer.from(entry.spki),
        spkiSha256(entry.spki),
        jwkThumbprint(publicKey.export({ format: 'jwk' })),
        entry.createdAt,
      );
    return this.get(entry.id);
  }

  find(id: string): CatalogEntry | undefined {
    const row = this.db.prepare<[string], KeyRow>(`SELECT *, ${KEY_ROLE_SQL} AS role FROM keys WHERE id = ?`).get(id);
    return row && toEntry(row);
  }

  get(id: string): CatalogEntry {
    const entry = this.find(id);
    if (!entry) throw new CourierError('NOT_FOUND', `There is no key "${id.slice(0, 100)}".`, 'Run `courier keys list` to see the ids.');
    return entry;
  }

  list(purpose?: KeyPurpose): CatalogEntry[] {
    return this.db
      .prepare<[string | null, string | null], KeyRow>(`SELECT *, ${KEY_ROLE_SQL} AS role FROM keys WHERE (? IS NULL OR purpose = ?) ORDER BY created_at DESC, rowid DESC`)
      .all(purpose ?? null, purpose ?? null)
      .map(toEntry);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM keys WHERE id = ?').run(id);
  }
}
