// The count beside "Certificates" (and "Keys", for our own keys' certificates) in the sidebar: "2 expiring",
// words inside the link, so its accessible name reads "Certificates 2 expiring".
import { Badge } from '@mantine/core';
import type { PagePath } from '../../navigation/pages';
import { useExpiryCounts } from './expiryFlags';

export function ExpiryNavBadge({ path }: { path: PagePath }) {
  const counts = useExpiryCounts();
  const own = path === '/keys';
  const count = path === '/certificates' ? counts.expiring : own ? counts.ownExpiring : 0;
  if (count === 0) return null;
  const urgent = own ? counts.ownUrgent > 0 : counts.expired + counts.withinSevenDays > 0;
  return (
    <Badge size="sm" variant="light" color={urgent ? 'red' : 'yellow'} tt="none" title={`Certificates expiring within 30 days or expired: ${count}`}>
      {count} expiring
    </Badge>
  );
}
