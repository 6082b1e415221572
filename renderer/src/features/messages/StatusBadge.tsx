// A message's status as a badge: words, colour and a sign, the same in the lists and the message view.
import { Badge } from '@mantine/core';
import type { MessageStatus } from '../../../../shared/ipc';
import { statusLooks } from './messageWords';

export function StatusBadge({ status }: { status: MessageStatus }) {
  const look = statusLooks[status];
  return (
    <Badge color={look.color} variant="light" tt="none" leftSection={<span aria-hidden="true">{look.sign}</span>}>
      {look.label}
    </Badge>
  );
}
