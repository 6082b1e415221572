// The expiry badge of one certificate: words and a sign in a colour, never colour alone, with the exact
// days in its title for whoever wants them.
import { Badge } from '@mantine/core';
import type { CertificateEntry } from '../../../../shared/ipc';
import { expiryLooks, expiryPhrase } from './certificateWords';

export function ExpiryBadge({ certificate }: { certificate: Pick<CertificateEntry, 'expiry' | 'daysUntilExpiry'> }) {
  if (certificate.expiry === 'ok') return null;
  const look = expiryLooks[certificate.expiry];
  return (
    <Badge color={look.color} variant="light" tt="none" title={expiryPhrase(certificate)} leftSection={<span aria-hidden="true">{look.sign}</span>}>
      {look.label}
    </Badge>
  );
}
