// The as2_stations table: one row per AS2 identity of ours. Key pairs are stored as JSON references (keystore
// id + catalog id), never key material; a row read back is checked so a damaged column is named, not guessed.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { keyWithCertificateSchema, type As2Station } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { CourierDatabase } from '../../store/database';
import { quoteAs2Id } from './as2IdText';

interface StationRow {
  id: string;
  as2_id: string;
  name: string;
  environment: As2Station['environment'];
  signing: string;
  decryption: string;
  public_url: string | null;
  created_at: string;
  updated_at: string;
}

const signingColumn = keyWithCertificateSchema;
const decryptionColumn = z.array(keyWithCertificateSchema).min(1);

function parseColumn<T>(schema: z.ZodType<T>, text: string, row: StationRow, column: string): T {
  try {
    return schema.parse(JSON.parse(text));
  } catch {
    throw new CourierError('STORE_CORRUPT', `The ${column} of station ${row.id} in courier.db cannot be read.`, 'Save the station again with its keys, or restore courier.db from a backup.');
  }
}

function toStation(row: StationRow): As2Station {
  return {
    id: row.id,
    as2Id: row.as2_id,
    name: row.name,
    environment: row.environment,
    signing: parseColumn(signingColumn, row.signing, row, 'signing pair'),
    decryption: parseColumn(decryptionColumn, row.decryption, row, 'decryption pairs'),
    publicUrl: row.public_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const newStationId = () => `station-${randomBytes(8).toString('hex')}`;

export class StationRecords {
  constructor(private readonly db: CourierDatabase) {}

  list(): As2Station[] {
    return this.db.prepare<[], StationRow>('SELECT * FROM as2_stations ORDER BY name, as2_id').all().map(toStation);
  }

  /** By id, else by AS2 ID (exact, RFC 4130 §6.2). */
  find(ref: string): As2Station | undefined {
    const row =
      this.db.prepare<[string], StationRow>('SELECT * FROM as2_stations WHERE id = ?').get(ref) ??
      this.db.prepare<[string], StationRow>('SELECT * FROM as2_stations WHERE as2_id = ?').get(ref);
    return row && toStation(row);
  }

  get(ref: string): As2Station {
    const station = this.find(ref);
    if (!station) throw new CourierError('NOT_FOUND', `There is no station ${quoteAs2Id(ref)}.`, 'Run `courier stations list` to see the stations and their AS2 IDs.');
    return station;
  }

  byAs2Id(as2Id: string): As2Station | undefined {
    const row = this.db.prepare<[string], StationRow>('SELECT * FROM as2_stations WHERE as2_id = ?').get(as2Id);
    return row && toStation(row);
  }

  /** Inserts or replaces the row of `station.id`. */
  write(station: As2Station): void {
    this.db
      .prepare(
        `INSERT INTO as2_stations (id, as2_id, name, environment, signing, decryption, public_url, created_at, updated_at)
         VALUES (@id, @as2Id, @name, @environment, @signing, @decryption, @publicUrl, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET as2_id = excluded.as2_id, name = excluded.name, environment = excluded.environment,
           signing = excluded.signing, decryption = excluded.decryption, public_url = excluded.public_url, updated_at = excluded.updated_at`,
      )
      .run({ ...station, signing: JSON.stringify(station.signing), decryption: JSON.stringify(station.decryption) });
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM as2_stations WHERE id = ?').run(id);
  }
}
