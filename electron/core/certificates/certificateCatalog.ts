// The `certificates` table: every certificate Courier holds, once each (by SHA-256 fingerprint), stored as its
// DER with the few columns queries need. Whether it certifies one of our keys is not stored but joined by SPKI
// hash, so attaching is importing a certificate for that key, and deleting the key detaches it.
import { randomBytes } from 'node:crypto';
import type { CertificateEntry } from '../../../shared/ipc';
import { CourierError } from '../errors';
import type { CourierDatabase } from '../store/database';
import { certificateDetails, type CertificateDetails } from './certificateDetails';
import { expiringBefore, expiryOf } from './expiry';

export type CertificateSource = CertificateEntry['source'];

interface CertificateRow {
  id: string;
  sha256_fingerprint: string;
  spki_sha256: string;
  subject: string;
  issuer: string;
  not_after: string;
  der: Buffer;
  source: CertificateSource;
  added_at: string;
  key_id: string | null;
}

export interface StoredCertificate {
  id: string;
  keyId: string | null;
  source: CertificateSource;
  addedAt: string;
  details: CertificateDetails;
}

const SELECT = `SELECT c.*, (SELECT k.id FROM keys k WHERE k.spki_sha256 = c.spki_sha256) AS key_id FROM certificates c`;


/** The contract's view of a stored certificate, with its expiry as of `now`. */
export function toEntry(stored: StoredCertificate, now: Date): CertificateEntry {
  const { summary, keyUsage, extendedKeyUsage, sha1Fingerprint } = stored.details;
  return {
    id: stored.id,
    subject: summary.subject,
    issuer: summary.issuer,
    serialNumber: summary.serialNumber,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    ...expiryOf(summary.notAfter, now),
    keyType: summary.keyType,
    keyBits: summary.keyBits,
    curve: summary.curve,
    signatureAlgorithm: summary.signatureAlgorithm,
    sans: summary.sans,
    keyUsage,
    extendedKeyUsage,
    sha1Fingerprint,
    sha256Fingerprint: summary.sha256Fingerprint,
    spkiSha256: summary.spkiSha256,
    isCa: summary.isCa,
    selfSigned: summary.selfSigned,
    keyId: stored.keyId,
    source: stored.source,
    addedAt: stored.addedAt,
  };
}

export interface CertificateQuery {
  /** Only certificates whose notAfter is at most this many days away (expired ones included). */
  expiringWithinDays?: number | undefined;
  keyId?: string | undefined;
  now: Date;
}

export class CertificateCatalog {
  /** Parsed details by id: a row's DER never changes, and parsing (with its signature checks) is the cost of a list. */
  private readonly parsed = new Map<string, CertificateDetails>();

  constructor(private readonly db: CourierDatabase) {}

  private toStored(row: CertificateRow): StoredCertificate {
    let details = this.parsed.get(row.id);
    if (!details) {
      details = certificateDetails(row.der, `Certificate ${row.id}`);
      this.parsed.set(row.id, details);
    }
    return { id: row.id, keyId: row.key_id, source: row.source, addedAt: row.added_at, details };
  }

  /** Adds a certificate, or returns the one with the same fingerprint; `added` says which. */
  add(details: CertificateDetails, source: CertificateSource): { stored: StoredCertificate; added: boolean } {
    const existing = this.findByFingerprint(details.summary.sha256Fingerprint);
    if (existing) return { stored: existing, added: false };
    const id = `cert-${randomBytes(8).toString('hex')}`;
    const { summary } = details;
    this.db
      .prepare('INSERT INTO certificates (id, sha256_fingerprint, spki_sha256, subject, issuer, not_after, der, source, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, summary.sha256Fingerprint, summary.spkiSha256, summary.subject, summary.issuer, summary.notAfter, details.der, source, new Date().toISOString());
    return { stored: this.get(id), added: true };
  }

  findByFingerprint(sha256Fingerprint: string): StoredCertificate | undefined {
    const row = this.db.prepare<[string], CertificateRow>(`${SELECT} WHERE c.sha256_fingerprint = ?`).get(sha256Fingerprint);
    return row && this.toStored(row);
  }

  get(id: string): StoredCertificate {
    const row = this.db.prepare<[string], CertificateRow>(`${SELECT} WHERE c.id = ?`).get(id);
    if (!row) throw new CourierError('NOT_FOUND', `There is no certificate "${id.slice(0, 100)}".`, 'Run `courier certs list` to see the ids.');
    return this.toStored(row);
  }

  /** Soonest expiry first. */
  list(query: CertificateQuery): StoredCertificate[] {
    const before = query.expiringWithinDays === undefined ? null : expiringBefore(query.expiringWithinDays, query.now);
    return this.db
      .prepare<[{ before: string | null; keyId: string | null }], CertificateRow>(
        `SELECT * FROM (${SELECT}) WHERE (@before IS NULL OR not_after <= @before) AND (@keyId IS NULL OR key_id = @keyId) ORDER BY not_after, added_at`,
      )
      .all({ before, keyId: query.keyId ?? null })
      .map((row) => this.toStored(row));
  }

  /** Candidates for the issuer of a certificate: those whose subject is its issuer name. */
  withSubject(subject: string): StoredCertificate[] {
    return this.db.prepare<[string], CertificateRow>(`${SELECT} WHERE c.subject = ? ORDER BY c.not_after DESC`).all(subject).map((row) => this.toStored(row));
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM certificates').get()!.n;
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM certificates WHERE id = ?').run(id);
    this.parsed.delete(id);
  }
}
