// Why this file exists: stations (our AS2 identities) and partners are what every AS2 exchange is routed by; this
// service keeps them in SQLite, checks that referenced keys and certificates exist and match, and hands the
// sender and the receiver the key material and certificates they need without exposing it elsewhere.
// Implemented by SqliteAs2Profiles (sqliteAs2Profiles.ts), which every host reaches as `ctx.as2Profiles`.
import type { X509Certificate } from 'node:crypto';
import type { As2Partner, As2Station, As2PartnerExport } from '../../../../shared/ipc/procedures/as2';
import type { ParsedInputOf } from '../../../../shared/ipc';
import type { DecryptionIdentity } from '../../cms/envelopedData';
import type { SignerIdentity } from '../../cms/signedData';

export interface StationKeys {
  signer: SignerIdentity;
  /** Every decryption pair of the station, in order. */
  decryption: DecryptionIdentity[];
}

export interface PartnerCertificates {
  encryption: X509Certificate | null;
  signature: X509Certificate | null;
}

export interface As2Route {
  station: As2Station;
  partner: As2Partner;
}

export interface As2Profiles {
  listStations(): As2Station[];
  getStation(ref: string): As2Station;
  saveStation(input: ParsedInputOf<'as2.stations.save'>): Promise<As2Station>;
  deleteStation(ref: string): void;
  listPartners(): As2Partner[];
  getPartner(ref: string): As2Partner;
  savePartner(input: ParsedInputOf<'as2.partners.save'>): Promise<As2Partner>;
  deletePartner(ref: string): void;
  exportPartner(ref: string): As2PartnerExport;
  importPartner(document: As2PartnerExport, station?: string): Promise<As2Partner>;
  /**
   * The station addressed by AS2-To and the partner named by AS2-From (AS2 IDs compare exactly, RFC 4130 §6.2).
   * Throws CourierError NOT_FOUND naming which ID is unknown.
   */
  route(as2From: string, as2To: string): As2Route;
  /** Opens the station's private keys (decrypting them from the keystore). */
  stationKeys(station: As2Station): Promise<StationKeys>;
  partnerCertificates(partner: As2Partner): PartnerCertificates;
}
