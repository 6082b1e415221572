// The as2_partners table: one row per partner of one station (AS2 IDs are unique per station). What is read
// whole and never queried by part (security, MDN, interop switches, headers, timeout) is the `settings` JSON
// column, read back through the contract's schemas so settings added later take their defaults.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { customHeaderSchema, partnerInteropSchema, partnerMdnSchema, partnerSecuritySchema, type As2Partner } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { CourierDatabase } from '../../store/database';
import { quoteAs2Id } from './as2IdText';

interface PartnerRow {
  id: string;
  as2_id: string;
  station_id: string;
  name: string;
  url: string;
  environment: As2Partner['environment'];
  encryption_certificate_id: string | null;
  signature_certificate_id: string | null;
  settings: string;
  pause_incoming: number;
  pause_outgoing: number;
  created_at: string;
  updated_at: string;
}

const settingsColumn = z.object({
  security: partnerSecuritySchema.default(partnerSecuritySchema.parse({})),
  mdn: partnerMdnSchema.default(partnerMdnSchema.parse({})),
  interop: partnerInteropSchema.default(partnerInteropSchema.parse({})),
  headers: z.array(customHeaderSchema).default([]),
  sendTimeoutSeconds: z.number().int().default(120),
});
type PartnerSettings = z.infer<typeof settingsColumn>;

/** The TLS trust scope of a partner's https URL, as `courier tls trust-ca --scope` names it. */
export const as2TlsScope = (as2Id: string) => `as2:${as2Id}`;

function toPartner(row: PartnerRow): As2Partner {
  let settings: PartnerSettings;
  try {
    settings = settingsColumn.parse(JSON.parse(row.settings));
  } catch {
    throw new CourierError('STORE_CORRUPT', `The settings of partner ${row.id} in courier.db cannot be read.`, 'Save the partner again, or restore courier.db from a backup.');
  }
  return {
    id: row.id,
    as2Id: row.as2_id,
    name: row.name,
    stationId: row.station_id,
    url: row.url,
    environment: row.environment,
    encryptionCertificateId: row.encryption_certificate_id,
    signatureCertificateId: row.signature_certificate_id,
    tlsScope: as2TlsScope(row.as2_id),
    ...settings,
    pauseIncoming: row.pause_incoming === 1,
    pauseOutgoing: row.pause_outgoing === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const newPartnerId = () => `partner-${randomBytes(8).toString('hex')}`;

export class PartnerRecords {
  constructor(private readonly db: CourierDatabase) {}

  list(): As2Partner[] {
    return this.db.prepare<[], PartnerRow>('SELECT * FROM as2_partners ORDER BY name, as2_id').all().map(toPartner);
  }

  ofStation(stationId: string): As2Partner[] {
    return this.db.prepare<[string], PartnerRow>('SELECT * FROM as2_partners WHERE station_id = ? ORDER BY name').all(stationId).map(toPartner);
  }

  /** By id, else by AS2 ID; an AS2 ID that several stations' partners share is ambiguous. */
  get(ref: string): As2Partner {
    const byId = this.db.prepare<[string], PartnerRow>('SELECT * FROM as2_partners WHERE id = ?').get(ref);
    if (byId) return toPartner(byId);
    const rows = this.db.prepare<[string], PartnerRow>('SELECT * FROM as2_partners WHERE as2_id = ?').all(ref);
    if (rows.length === 1) return toPartner(rows[0]!);
    if (rows.length > 1) {
      throw new CourierError('BAD_INPUT', `${rows.length} partners have the AS2 ID ${quoteAs2Id(ref)} (one per station).`, `Name the partner by its id: ${rows.map((row) => row.id).join(', ')}.`);
    }
    throw new CourierError('NOT_FOUND', `There is no partner ${quoteAs2Id(ref)}.`, 'Run `courier partners list` to see the partners and their AS2 IDs.');
  }

  /** The partner `as2Id` of one station (exact match, RFC 4130 §6.2). */
  find(stationId: string, as2Id: string): As2Partner | undefined {
    const row = this.db.prepare<[string, string], PartnerRow>('SELECT * FROM as2_partners WHERE station_id = ? AND as2_id = ?').get(stationId, as2Id);
    return row && toPartner(row);
  }

  /** Inserts or replaces the row of `partner.id`. */
  write(partner: As2Partner): void {
    const settings: PartnerSettings = {
      security: partner.security,
      mdn: partner.mdn,
      interop: partner.interop,
      headers: partner.headers,
      sendTimeoutSeconds: partner.sendTimeoutSeconds,
    };
    this.db
      .prepare(
        `INSERT INTO as2_partners (id, as2_id, station_id, name, url, environment, encryption_certificate_id, signature_certificate_id, settings,
           pause_incoming, pause_outgoing, created_at, updated_at)
         VALUES (@id, @as2Id, @stationId, @name, @url, @environment, @encryptionCertificateId, @signatureCertificateId, @settings,
           @pauseIncoming, @pauseOutgoing, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET as2_id = excluded.as2_id, station_id = excluded.station_id, name = excluded.name, url = excluded.url,
           environment = excluded.environment, encryption_certificate_id = excluded.encryption_certificate_id,
           signature_certificate_id = excluded.signature_certificate_id, settings = excluded.settings,
           pause_incoming = excluded.pause_incoming, pause_outgoing = excluded.pause_outgoing, updated_at = excluded.updated_at`,
      )
      .run({
        id: partner.id,
        as2Id: partner.as2Id,
        stationId: partner.stationId,
        name: partner.name,
        url: partner.url,
        environment: partner.environment,
        encryptionCertificateId: partner.encryptionCertificateId,
        signatureCertificateId: partner.signatureCertificateId,
        settings: JSON.stringify(settings),
        pauseIncoming: partner.pauseIncoming ? 1 : 0,
        pauseOutgoing: partner.pauseOutgoing ? 1 : 0,
        createdAt: partner.createdAt,
        updatedAt: partner.updatedAt,
      });
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM as2_partners WHERE id = ?').run(id);
  }
}
