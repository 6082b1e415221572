// Per-profile TLS trust, kept in courier.db: the extra CA certificates and SPKI SHA-256 pins a profile
// (a scope name such as `fiscal:default`) adds on top of the system roots. Every change is audited.
import type { TrustEntry } from '../../../shared/ipc';
import { CourierError } from '../errors';
import type { AuditLog } from '../store/audit';
import type { CourierDatabase } from '../store/database';
import { parseCertificateBundle } from './certificateBundle';
import { strengthProblems } from './chainStrength';
import { NO_EXTRA_TRUST, type ProfileTrust } from './tlsOptions';

interface TrustRow {
  id: number;
  scope: string;
  kind: 'ca' | 'pin';
  label: string | null;
  spki_sha256: string;
  cert_sha256: string | null;
  not_after: string | null;
  pem: string | null;
  created_at: string;
}

function toEntry(row: TrustRow): TrustEntry {
  return {
    id: row.id,
    scope: row.scope,
    kind: row.kind,
    label: row.label,
    spkiSha256: row.spki_sha256,
    sha256Fingerprint: row.cert_sha256,
    notAfter: row.not_after,
    pem: row.pem,
    createdAt: row.created_at,
  };
}

/** A pin as lower-case hex (the form keys and certificates show), whether given as hex (colons allowed) or as
 * RFC 7469 / curl base64. */
export function normalizeSpkiPin(pin: string): string {
  const hex = pin.replaceAll(':', '');
  const digest = /^[0-9A-Fa-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : Buffer.from(pin, 'base64');
  if (digest.length !== 32 || (hex.length !== 64 && digest.toString('base64') !== pin)) {
    throw new CourierError('BAD_INPUT', 'An SPKI SHA-256 pin is 32 bytes: 44 base64 characters or 64 hex digits.', 'Copy the SPKI SHA-256 that `courier tls inspect` shows for the certificate.');
  }
  return digest.toString('hex');
}

export class TlsTrustStore {
  constructor(
    private readonly db: CourierDatabase,
    private readonly audit: AuditLog,
  ) {}

  /** Adds each certificate of a PEM text as a CA of the scope; ones already there are returned as they are. */
  trustCa(scope: string, pem: string, now = new Date()): TrustEntry[] {
    const certificates = parseCertificateBundle(pem, 'The CA file');
    for (const { summary } of certificates) {
      if (!summary.isCa && !summary.selfSigned) {
        throw new CourierError('BAD_INPUT', `${summary.subject} is neither a CA nor self-signed, so trusting it would not let any chain verify.`, "Trust the CA that issued it, or pin the server's key with `courier tls pin`.");
      }
      if (new Date(summary.notAfter) < now) {
        throw new CourierError('BAD_INPUT', `${summary.subject} expired on ${summary.notAfter}.`, 'Ask the operator for the current CA certificate.');
      }
    }
    const weak = strengthProblems(certificates).find((problem) => problem.code === 'weak-key');
    if (weak) throw new CourierError('BAD_INPUT', weak.message, weak.hint);

    return this.db.transaction(() =>
      certificates.map(({ summary }) => {
        const existing = this.db
          .prepare<[string, string], TrustRow>("SELECT * FROM tls_trust WHERE scope = ? AND kind = 'ca' AND cert_sha256 = ?")
          .get(scope, summary.sha256Fingerprint);
        if (existing) return toEntry(existing);
        const row = this.insert({ scope, kind: 'ca', label: summary.subject, spki_sha256: summary.spkiSha256, cert_sha256: summary.sha256Fingerprint, not_after: summary.notAfter, pem: summary.pem });
        this.audit.append({ action: 'tls.ca-trusted', target: scope, details: { subject: summary.subject, sha256Fingerprint: summary.sha256Fingerprint, notAfter: summary.notAfter } });
        return toEntry(row);
      }),
    )();
  }

  pin(scope: string, spkiSha256: string, label?: string): TrustEntry {
    const pin = normalizeSpkiPin(spkiSha256);
    return this.db.transaction(() => {
      const existing = this.db.prepare<[string, string], TrustRow>("SELECT * FROM tls_trust WHERE scope = ? AND kind = 'pin' AND spki_sha256 = ?").get(scope, pin);
      if (existing) return toEntry(existing);
      const row = this.insert({ scope, kind: 'pin', label: label ?? null, spki_sha256: pin, cert_sha256: null, not_after: null, pem: null });
      this.audit.append({ action: 'tls.pin-added', target: scope, details: { spkiSha256: pin, label: label ?? null } });
      return toEntry(row);
    })();
  }

  list(scope?: string): TrustEntry[] {
    return this.db
      .prepare<[string | null, string | null], TrustRow>('SELECT * FROM tls_trust WHERE (? IS NULL OR scope = ?) ORDER BY scope, kind, id')
      .all(scope ?? null, scope ?? null)
      .map(toEntry);
  }

  remove(scope: string, id: number): TrustEntry {
    return this.db.transaction(() => {
      const row = this.db.prepare<[number, string], TrustRow>('SELECT * FROM tls_trust WHERE id = ? AND scope = ?').get(id, scope);
      if (!row) throw new CourierError('NOT_FOUND', `Profile ${scope} has no trust entry ${id}.`, `List them with \`courier tls trust-list --scope ${scope}\`.`);
      this.db.prepare('DELETE FROM tls_trust WHERE id = ?').run(id);
      this.audit.append({
        action: 'tls.trust-removed',
        target: scope,
        details: { kind: row.kind, label: row.label, spkiSha256: row.spki_sha256, sha256Fingerprint: row.cert_sha256 },
      });
      return toEntry(row);
    })();
  }

  /** What tlsOptionsFor needs to connect for this profile. */
  trustFor(scope: string | undefined): ProfileTrust {
    if (scope === undefined) return NO_EXTRA_TRUST;
    const entries = this.list(scope);
    return {
      caPems: entries.flatMap((entry) => (entry.kind === 'ca' && entry.pem ? [entry.pem] : [])),
      pins: entries.flatMap((entry) => (entry.kind === 'pin' ? [entry.spkiSha256] : [])),
    };
  }

  private insert(row: Omit<TrustRow, 'id' | 'created_at'>): TrustRow {
    const result = this.db
      .prepare('INSERT INTO tls_trust (scope, kind, label, spki_sha256, cert_sha256, not_after, pem, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.scope, row.kind, row.label, row.spki_sha256, row.cert_sha256, row.not_after, row.pem, new Date().toISOString());
    return this.db.prepare<[number], TrustRow>('SELECT * FROM tls_trust WHERE id = ?').get(Number(result.lastInsertRowid))!;
  }
}
