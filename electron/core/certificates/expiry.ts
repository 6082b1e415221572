// When a certificate needs attention: the 30/14/7-day badges the certificates page shows and
// `courier certs list --expiring DAYS` filters by, computed from notAfter at the moment of asking.
import type { ExpiryFlag } from '../../../shared/ipc';

export const DAY_MS = 86_400_000;

export interface Expiry {
  /** Whole days left, rounded down; once expired, minus the whole days since (at least -1). */
  daysUntilExpiry: number;
  expiry: ExpiryFlag;
}

export function expiryOf(notAfter: string, now: Date): Expiry {
  const left = new Date(notAfter).getTime() - now.getTime();
  if (left < 0) return { daysUntilExpiry: -Math.max(1, Math.floor(-left / DAY_MS)), expiry: 'expired' };
  const daysUntilExpiry = Math.floor(left / DAY_MS);
  if (left <= 7 * DAY_MS) return { daysUntilExpiry, expiry: '7' };
  if (left <= 14 * DAY_MS) return { daysUntilExpiry, expiry: '14' };
  if (left <= 30 * DAY_MS) return { daysUntilExpiry, expiry: '30' };
  return { daysUntilExpiry, expiry: 'ok' };
}

/** The notAfter bound (ISO 8601) of "expiring within `days` days"; expired certificates fall below it too. */
export function expiringBefore(days: number, now: Date): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}
