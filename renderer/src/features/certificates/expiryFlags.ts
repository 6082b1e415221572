// Issue 4's flags in one place: how many certificates need attention (within 30 days or expired), how many
// of those are our own keys', and how many are urgent (within 7 days or expired) — from the one list query
// the events keep fresh.
import { isExpiring, isUrgent } from './certificateWords';
import { useCertificates } from './queries';

export interface ExpiryCounts {
  expiring: number;
  ownExpiring: number;
  /** Of those of our own keys, how many are within 7 days or expired. */
  ownUrgent: number;
  expired: number;
  withinSevenDays: number;
}

export function useExpiryCounts(): ExpiryCounts {
  const certificates = useCertificates().data?.certificates ?? [];
  const expiring = certificates.filter(isExpiring);
  const urgent = certificates.filter(isUrgent);
  return {
    expiring: expiring.length,
    ownExpiring: expiring.filter((certificate) => certificate.keyId !== null).length,
    ownUrgent: urgent.filter((certificate) => certificate.keyId !== null).length,
    expired: urgent.filter((certificate) => certificate.expiry === 'expired').length,
    withinSevenDays: urgent.filter((certificate) => certificate.expiry === '7').length,
  };
}

function certificates(n: number): string {
  return n === 1 ? '1 certificate' : `${n} certificates`;
}

/** "2 certificates expire within 7 days", "1 certificate has expired and 1 expires within 7 days". */
export function urgentSentence({ expired, withinSevenDays }: ExpiryCounts): string | null {
  const soon = withinSevenDays === 1 ? 'expires within 7 days' : 'expire within 7 days';
  const gone = expired === 1 ? 'has expired' : 'have expired';
  if (expired > 0 && withinSevenDays > 0) return `${certificates(expired)} ${gone} and ${withinSevenDays} ${soon}`;
  if (expired > 0) return `${certificates(expired)} ${gone}`;
  if (withinSevenDays > 0) return `${certificates(withinSevenDays)} ${soon}`;
  return null;
}
