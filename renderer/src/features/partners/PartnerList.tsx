// The partners at a glance — who, where, how messages to them are secured, whether they are paused — with
// the actions on each: edit, export as JSON, delete.
import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { As2Partner } from '../../../../shared/ipc';

interface Props {
  partners: As2Partner[];
  labelledBy: string;
  onEdit(partner: As2Partner): void;
  onExport(partner: As2Partner): void;
  onDelete(partner: As2Partner): void;
}

function securityWords(partner: As2Partner): string {
  const { cipher, signDigest } = partner.security;
  const mdn = partner.mdn.mode === 'none' ? 'no MDN' : `${partner.mdn.signed ? 'signed' : 'unsigned'} ${partner.mdn.mode} MDN`;
  return `${cipher === 'none' ? 'not encrypted' : cipher}, ${signDigest === 'none' ? 'not signed' : signDigest}, ${mdn}`;
}

export function PartnerList({ partners, labelledBy, onEdit, onExport, onDelete }: Props) {
  return (
    <Table aria-labelledby={labelledBy} striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">AS2 ID</Table.Th>
          <Table.Th scope="col">Environment</Table.Th>
          <Table.Th scope="col">URL</Table.Th>
          <Table.Th scope="col">Security</Table.Th>
          <Table.Th scope="col">
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {partners.map((partner) => (
          <Table.Tr key={partner.id}>
            <Table.Th scope="row">
              <Group gap={4}>
                <Text span size="sm" fw={600}>
                  {partner.name}
                </Text>
                {partner.pauseOutgoing && (
                  <Badge color="orange" variant="light" tt="none">
                    Outgoing paused
                  </Badge>
                )}
                {partner.pauseIncoming && (
                  <Badge color="orange" variant="light" tt="none">
                    Incoming paused
                  </Badge>
                )}
              </Group>
            </Table.Th>
            <Table.Td ff="monospace">{partner.as2Id}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={partner.environment === 'production' ? 'orange' : 'gray'} tt="none">
                {partner.environment === 'production' ? 'Production' : 'Test'}
              </Badge>
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{partner.url}</Table.Td>
            <Table.Td>{securityWords(partner)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => onEdit(partner)} aria-label={`Edit ${partner.name}`}>
                  Edit
                </Button>
                <Button size="xs" variant="light" onClick={() => onExport(partner)} aria-label={`Export ${partner.name} as JSON`}>
                  Export
                </Button>
                <Button size="xs" variant="light" color="red" onClick={() => onDelete(partner)} aria-label={`Delete ${partner.name}`}>
                  Delete
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
