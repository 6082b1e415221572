// How a certificate is named on screen — its common name, its kind, its expiry badge in words and colour —
// in one place, so the table, the details and the sidebar agree. Its key is named as the TLS inspector names it.
import type { CertificateEntry, ExpiryFlag } from '../../../../shared/ipc';

/** The common name reads best in a table; the full subject when there is none. */
export function commonName(subject: string): string {
  return /(?:^|, )CN=((?:\\,|[^,])+)/.exec(subject)?.[1]?.replace(/\\,/g, ',') ?? subject;
}

export function kindLabel(certificate: Pick<CertificateEntry, 'isCa' | 'selfSigned'>): string {
  if (certificate.isCa) return certificate.selfSigned ? 'Root CA' : 'CA';
  return certificate.selfSigned ? 'Leaf (self-signed)' : 'Leaf';
}

export interface ExpiryLook {
  label: string;
  color: string;
  /** A sign beside the words, so colour is never the only cue. */
  sign: string;
}

export const expiryLooks: Record<Exclude<ExpiryFlag, 'ok'>, ExpiryLook> = {
  expired: { label: 'Expired', color: 'red', sign: '✕' },
  '7': { label: '7 days', color: 'red', sign: '!' },
  '14': { label: '14 days', color: 'orange', sign: '!' },
  '30': { label: '30 days', color: 'yellow', sign: '⚠' },
};

/** "expires in 5 days", "expires today", "expired 3 days ago". */
export function expiryPhrase({ daysUntilExpiry, expiry }: Pick<CertificateEntry, 'daysUntilExpiry' | 'expiry'>): string {
  if (expiry === 'expired') return daysUntilExpiry === -1 ? 'expired yesterday or today' : `expired ${-daysUntilExpiry} days ago`;
  if (daysUntilExpiry === 0) return 'expires within a day';
  return daysUntilExpiry === 1 ? 'expires in 1 day' : `expires in ${daysUntilExpiry} days`;
}

/** Certificates state their validity in UTC; so does the page, as openssl does. */
export const utcDateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

export const utcDayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A file name from the subject's common name: letters, digits, dot, dash and underscore only. */
export function pemFileName(subject: string): string {
  const stem = commonName(subject).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'certificate';
  return `${stem}.pem`;
}

/** Needs attention: within 30 days or already expired. */
export function isExpiring(certificate: Pick<CertificateEntry, 'expiry'>): boolean {
  return certificate.expiry !== 'ok';
}

/** Urgent: within 7 days or already expired (the banner). */
export function isUrgent(certificate: Pick<CertificateEntry, 'expiry'>): boolean {
  return certificate.expiry === '7' || certificate.expiry === 'expired';
}
