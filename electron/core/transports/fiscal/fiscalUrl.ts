// FISCAL's upload address, built as its documentation spells it:
// https://api-<region>.apfnxg.com/customers/<customer>/units/<unit>/Uploads/upload/<file type>/<file name>
import type { FiscalFileType, FiscalProfileSummary } from '../../../../shared/ipc';

/** What an upload needs of a profile, the access token opened. Main process only. */
export interface FiscalProfile {
  id: string;
  name: string;
  region: FiscalProfileSummary['region'];
  customer: string;
  unit: string;
  /** https://api-<region>.apfnxg.com, or a test/demo override (the simulator). */
  baseUrl: string;
  token: string;
  tokenExpiresOn: string;
  tokenExpired: boolean;
  tlsScope: string;
}

export function fiscalBaseUrl(region: FiscalProfileSummary['region'], override: string | null): string {
  return override ?? `https://api-${region}.apfnxg.com`;
}

/** The upload URL; every part is percent-encoded, though shortnames and safe file names never need it. */
export function fiscalUploadUrl(profile: Pick<FiscalProfile, 'baseUrl' | 'customer' | 'unit'>, fileType: FiscalFileType, fileName: string): URL {
  const parts = ['customers', profile.customer, 'units', profile.unit, 'Uploads', 'upload', fileType, fileName].map(encodeURIComponent);
  return new URL(`${profile.baseUrl.replace(/\/+$/, '')}/${parts.join('/')}`);
}
