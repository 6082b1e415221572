// Says how a certificate's validity stands at the moment it was inspected — "expired 3 days ago",
// "expires in 20 days", "valid only in 2 days" — so nobody has to subtract dates to judge it.
export type ValidityState = 'valid' | 'expired' | 'not-yet-valid';

export interface Validity {
  state: ValidityState;
  phrase: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** A signed span in the largest unit that still reads precisely: hours, days, months, then years. */
function span(milliseconds: number): string {
  const size = Math.abs(milliseconds);
  const sign = Math.sign(milliseconds);
  if (size < DAY) return relative.format(sign * Math.max(1, Math.round(size / HOUR)), 'hour');
  if (size < 90 * DAY) return relative.format(sign * Math.floor(size / DAY), 'day');
  if (size < 2 * 365 * DAY) return relative.format(sign * Math.floor(size / (30 * DAY)), 'month');
  return relative.format(sign * Math.floor(size / (365 * DAY)), 'year');
}

export function validityAt(notBefore: string, notAfter: string, at: Date): Validity {
  const now = at.getTime();
  const from = new Date(notBefore).getTime();
  const until = new Date(notAfter).getTime();
  if (now < from) return { state: 'not-yet-valid', phrase: `valid only ${span(from - now)}` };
  if (now > until) return { state: 'expired', phrase: `expired ${span(until - now)}` };
  return { state: 'valid', phrase: `expires ${span(until - now)}` };
}
