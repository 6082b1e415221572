// The key pairs Courier holds, newest first: what each is for and how to recognise it (fingerprint, kid).
// A row's label is a button, so the keyboard selects a key as the mouse does.
import { Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { KeySummary } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { algorithmLabel, createdFormat, shortened } from './keyFormat';
import { purposeLabel } from './keyChoices';
import { RoleBadge } from './rotation/RoleBadge';

interface Props {
  keys: KeySummary[];
  selectedId: string | null;
  onSelect(id: string): void;
  labelledBy: string;
}

function Identifier({ value, what, label }: { value: string; what: string; label: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={value} openDelay={300} maw={360} multiline style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm" ff="monospace">
          {shortened(value)}
        </Text>
      </Tooltip>
      <CopyValueButton value={value} what={`${what} of “${label}”`} />
    </Group>
  );
}

export function KeyTable({ keys, selectedId, onSelect, labelledBy }: Props) {
  return (
    <Table aria-labelledby={labelledBy} highlightOnHover withTableBorder verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Label</Table.Th>
          <Table.Th scope="col">Role</Table.Th>
          <Table.Th scope="col">Purpose</Table.Th>
          <Table.Th scope="col">Algorithm</Table.Th>
          <Table.Th scope="col">Created</Table.Th>
          <Table.Th scope="col">SHA-256 fingerprint</Table.Th>
          <Table.Th scope="col">kid</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => {
          const selected = key.id === selectedId;
          return (
            <Table.Tr
              key={key.id}
              onClick={() => onSelect(key.id)}
              bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
              style={{ cursor: 'pointer' }}
            >
              <Table.Th scope="row" fw={500}>
                <UnstyledButton onClick={() => onSelect(key.id)} aria-current={selected ? 'true' : undefined} fz="sm" fw={600} td="underline">
                  {key.label}
                </UnstyledButton>
              </Table.Th>
              <Table.Td>
                <RoleBadge role={key.role} />
              </Table.Td>
              <Table.Td>{purposeLabel(key.purpose)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{algorithmLabel(key.algorithm)}</Table.Td>
              <Table.Td>
                <time dateTime={key.createdAt}>{createdFormat.format(new Date(key.createdAt))}</time>
              </Table.Td>
              <Table.Td onClick={(event) => event.stopPropagation()}>
                <Identifier value={key.spkiSha256} what="SHA-256 fingerprint" label={key.label} />
              </Table.Td>
              <Table.Td onClick={(event) => event.stopPropagation()}>
                <Identifier value={key.jwkThumbprint} what="kid" label={key.label} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
