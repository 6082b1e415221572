// The As2Profiles service over SQLite (as2_stations, as2_partners): every save checks what the rows refer to
// (keystore keys, catalog certificates, the station of a partner) and is written with its audit entry in one
// transaction; the audit names ids and settings, never key material or header values.
import type { As2Partner, As2PartnerExport, As2Station, ParsedInputOf } from '../../../../shared/ipc';
import type { CertificateService } from '../../certificates/certificateService';
import { CourierError } from '../../errors';
import type { KeyService } from '../../keys/keyService';
import type { AuditLog } from '../../store/audit';
import type { CourierDatabase } from '../../store/database';
import type { As2Profiles, As2Route, PartnerCertificates, StationKeys } from './as2Profiles';
import { quoteAs2Id } from './as2IdText';
import { checkCertificatePem, importCertificatePem, partnerDocument } from './partnerDocument';
import { newPartnerId, PartnerRecords } from './partnerRecords';
import { partnerFrom, type PartnerInput } from './partnerRules';
import { catalogCertificate, checkKeyPair, openKeyPair, type KeyPairSources, type OpenedKeyPair } from './stationKeyPairs';
import { newStationId, StationRecords } from './stationRecords';

export interface As2ProfileDeps {
  db: CourierDatabase;
  keys: KeyService;
  certificates: CertificateService;
  audit: AuditLog;
  /** The clock of created/updated times; tests move it. */
  now?: () => Date;
}

type StationInput = ParsedInputOf<'as2.stations.save'>;

const pairRole = (index: number, count: number) => (count === 1 ? 'decryption' : `decryption #${index + 1}`);

export class SqliteAs2Profiles implements As2Profiles {
  private readonly stations: StationRecords;
  private readonly partners: PartnerRecords;
  private readonly sources: KeyPairSources;
  private readonly now: () => Date;

  constructor(private readonly deps: As2ProfileDeps) {
    this.stations = new StationRecords(deps.db);
    this.partners = new PartnerRecords(deps.db);
    this.sources = { keys: deps.keys, certificates: deps.certificates };
    this.now = deps.now ?? (() => new Date());
  }

  listStations(): As2Station[] {
    return this.stations.list();
  }

  getStation(ref: string): As2Station {
    return this.stations.get(ref);
  }

  async saveStation(input: StationInput): Promise<As2Station> {
    const existing = input.id === undefined ? undefined : this.stations.get(input.id);
    const decryption = input.decryption ?? [input.signing];
    checkKeyPair(this.sources, input.signing, 'signing');
    decryption.forEach((pair, index) => checkKeyPair(this.sources, pair, pairRole(index, decryption.length)));
    if (new Set(decryption.map((pair) => pair.keyId)).size !== decryption.length) {
      throw new CourierError('BAD_INPUT', 'A decryption key is listed twice.', 'List each decryption key once, newest first.');
    }
    const at = this.now().toISOString();
    const station: As2Station = {
      id: existing?.id ?? newStationId(),
      as2Id: input.as2Id,
      name: input.name ?? existing?.name ?? input.as2Id,
      environment: input.environment,
      signing: input.signing,
      decryption,
      publicUrl: input.publicUrl === undefined ? (existing?.publicUrl ?? null) : input.publicUrl,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    this.deps.db.transaction(() => {
      const holder = this.stations.byAs2Id(station.as2Id);
      if (holder && holder.id !== station.id) {
        throw new CourierError('BAD_INPUT', `Station ${holder.name} already has the AS2 ID ${quoteAs2Id(station.as2Id)}.`, 'Choose another AS2 ID, or update that station by its id.');
      }
      const otherEnvironment = existing ? this.partners.ofStation(station.id).filter((partner) => partner.environment !== station.environment) : [];
      if (otherEnvironment.length > 0) {
        throw new CourierError('BAD_INPUT', `Station ${station.name} has ${existing!.environment} partners (${otherEnvironment.map((p) => p.name).join(', ')}).`, 'Test and production use separate AS2 IDs: add a new station for the other environment.');
      }
      this.stations.write(station);
      this.deps.audit.append({
        action: 'as2.station-saved',
        target: station.id,
        details: {
          created: !existing,
          as2Id: station.as2Id,
          name: station.name,
          environment: station.environment,
          signingKeyId: station.signing.keyId,
          signingCertificateId: station.signing.certificateId,
          decryptionKeyIds: station.decryption.map((pair) => pair.keyId).join(', '),
          publicUrl: station.publicUrl,
        },
      });
    })();
    return station;
  }

  deleteStation(ref: string): void {
    this.deps.db.transaction(() => {
      const station = this.stations.get(ref);
      const users = this.partners.ofStation(station.id);
      if (users.length > 0) {
        throw new CourierError('BAD_INPUT', `Station ${station.name} is used by partner${users.length === 1 ? '' : 's'} ${users.map((p) => p.name).join(', ')}.`, 'Delete those partners first (`courier partners delete ID --yes`).');
      }
      this.stations.remove(station.id);
      this.deps.audit.append({ action: 'as2.station-deleted', target: station.id, details: { as2Id: station.as2Id, name: station.name } });
    })();
  }

  listPartners(): As2Partner[] {
    return this.partners.list();
  }

  getPartner(ref: string): As2Partner {
    return this.partners.get(ref);
  }

  async savePartner(input: PartnerInput): Promise<As2Partner> {
    return this.storePartner(input, 'as2.partner-saved');
  }

  deletePartner(ref: string): void {
    this.deps.db.transaction(() => {
      const partner = this.partners.get(ref);
      this.partners.remove(partner.id);
      this.deps.audit.append({ action: 'as2.partner-deleted', target: partner.id, details: { as2Id: partner.as2Id, name: partner.name, stationId: partner.stationId } });
    })();
  }

  exportPartner(ref: string): As2PartnerExport {
    return partnerDocument(this.partners.get(ref), this.deps.certificates);
  }

  async importPartner(document: As2PartnerExport, station?: string): Promise<As2Partner> {
    checkCertificatePem(document.encryptionCertificatePem, 'encryption');
    checkCertificatePem(document.signatureCertificatePem, 'signature');
    const input: PartnerInput = { ...document.partner, station, encryptionCertificateId: null, signatureCertificateId: null };
    // Everything but the certificates is checked before the certificates land in the catalog.
    this.planPartner(input);
    const { certificates } = this.deps;
    const encryptionCertificateId = await importCertificatePem(certificates, document.encryptionCertificatePem, 'encryption', input.as2Id);
    const signatureCertificateId = await importCertificatePem(certificates, document.signatureCertificatePem, 'signature', input.as2Id);
    return this.storePartner({ ...input, encryptionCertificateId, signatureCertificateId }, 'as2.partner-imported');
  }

  route(as2From: string, as2To: string): As2Route {
    const station = this.stations.byAs2Id(as2To);
    if (!station) {
      throw new CourierError('NOT_FOUND', `No station of ours has the AS2 ID ${quoteAs2Id(as2To)} (AS2-To).`, 'Check the AS2 ID the partner sends to against `courier stations list`.');
    }
    const partner = this.partners.find(station.id, as2From);
    if (!partner) {
      throw new CourierError('NOT_FOUND', `Station ${station.name} has no partner with the AS2 ID ${quoteAs2Id(as2From)} (AS2-From).`, 'Add the partner with `courier partners add`, or check the AS2 ID it sends.');
    }
    return { station, partner };
  }

  async stationKeys(station: As2Station): Promise<StationKeys> {
    const opened = new Map<string, Promise<OpenedKeyPair>>();
    const open = (pair: As2Station['signing'], role: string) => {
      const key = `${pair.keyId} ${pair.certificateId}`;
      if (!opened.has(key)) opened.set(key, openKeyPair(this.sources, pair, `station ${station.name}'s ${role}`));
      return opened.get(key)!;
    };
    const signer = await open(station.signing, 'signing');
    const decryption = await Promise.all(station.decryption.map((pair, index) => open(pair, pairRole(index, station.decryption.length))));
    return { signer, decryption };
  }

  partnerCertificates(partner: As2Partner): PartnerCertificates {
    const x509 = (id: string | null, role: string) => (id === null ? null : catalogCertificate(this.deps.certificates, id, `${role} (of partner ${partner.name})`).details.facts.x509);
    return { encryption: x509(partner.encryptionCertificateId, 'encryption'), signature: x509(partner.signatureCertificateId, 'signature') };
  }

  /** The partner `input` would store: station resolved, checks run; nothing is written. */
  private planPartner(input: PartnerInput): As2Partner {
    const existing = input.id === undefined ? undefined : this.partners.get(input.id);
    const station = this.stationFor(input.station, existing);
    const holder = this.partners.find(station.id, input.as2Id);
    if (holder && holder.id !== existing?.id) {
      throw new CourierError('BAD_INPUT', `Station ${station.name} already has partner ${holder.name} with the AS2 ID ${quoteAs2Id(input.as2Id)}.`, `Update it by its id (${holder.id}), or delete it first.`);
    }
    const identity = { id: existing?.id ?? newPartnerId(), createdAt: existing?.createdAt ?? this.now().toISOString() };
    return partnerFrom(input, station, this.deps.certificates, identity, this.now());
  }

  private storePartner(input: PartnerInput, action: 'as2.partner-saved' | 'as2.partner-imported'): As2Partner {
    return this.deps.db.transaction(() => {
      const created = input.id === undefined;
      const partner = this.planPartner(input);
      this.partners.write(partner);
      this.deps.audit.append({
        action,
        target: partner.id,
        details: {
          created,
          as2Id: partner.as2Id,
          name: partner.name,
          stationId: partner.stationId,
          url: partner.url,
          environment: partner.environment,
          encryptionCertificateId: partner.encryptionCertificateId,
          signatureCertificateId: partner.signatureCertificateId,
          cipher: partner.security.cipher,
          signDigest: partner.security.signDigest,
          compression: partner.security.compression,
          mdn: `${partner.mdn.mode}${partner.mdn.mode === 'none' ? '' : partner.mdn.signed ? ', signed' : ', unsigned'}`,
          customHeaders: partner.headers.map((header) => header.name).join(', '),
          pauseIncoming: partner.pauseIncoming,
          pauseOutgoing: partner.pauseOutgoing,
        },
      });
      return partner;
    })();
  }

  /** The station named by `ref`; without one, the partner's current station or else the only station. */
  private stationFor(ref: string | undefined, existing: As2Partner | undefined): As2Station {
    if (ref !== undefined) return this.stations.get(ref);
    if (existing) return this.stations.get(existing.stationId);
    const all = this.stations.list();
    if (all.length === 1) return all[0]!;
    if (all.length === 0) {
      throw new CourierError('BAD_INPUT', 'A partner belongs to one of our stations, and there is none yet.', 'Add our station first: `courier stations add --as2-id ID --p12 FILE --password-file F`.');
    }
    throw new CourierError('BAD_INPUT', `There are ${all.length} stations (${all.map((s) => s.as2Id).join(', ')}); which one is this partner's?`, 'Name it with --station ID (its id or AS2 ID).');
  }
}
