// A key's part in rotation as a word (Active, Incoming, Receiving only, Retired), so the table and the
// details say it in text; the colour only repeats what the word says. The word is never cut short.
import { Badge } from '@mantine/core';
import type { KeyRole } from '../../../../../shared/ipc';

const roles: Record<KeyRole, { label: string; color: string; meaning: string }> = {
  active: { label: 'Active', color: 'teal', meaning: 'Signs what Courier sends and receives what partners send.' },
  incoming: { label: 'Incoming', color: 'blue', meaning: 'Receives already; takes over sending at the switch.' },
  'receiving-only': { label: 'Receiving only', color: 'yellow', meaning: 'Replaced for sending; still decrypts and verifies until it retires.' },
  retired: { label: 'Retired', color: 'gray', meaning: 'Neither sends nor receives; its file is kept.' },
};

export function roleMeaning(role: KeyRole): string {
  return roles[role].meaning;
}

export function RoleBadge({ role }: { role: KeyRole }) {
  const { label, color } = roles[role];
  return (
    <Badge color={color} variant="light" tt="none" size="md" style={{ minWidth: 'max-content' }}>
      {label}
    </Badge>
  );
}
