// The partners at a glance — who, where, how messages to them are secured, whether they are paused — with
// the actions on each: edit, export as JSON, delete.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { As2Partner } from '../../../../shared/ipc';
import { ProfileTable } from '../../ui/ProfileTable';
import { RowActions } from '../../ui/RowActions';

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
    <ProfileTable
      labelledBy={labelledBy}
      columns={['Name', 'AS2 ID', 'Environment', 'URL', 'Security']}
      rows={partners}
      cells={(partner) => (
        <>
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
        </>
      )}
      actions={(partner) => (
        <RowActions subject={partner.name} onEdit={() => onEdit(partner)} onDelete={() => onDelete(partner)}>
          <Button size="xs" variant="light" onClick={() => onExport(partner)} aria-label={`Export ${partner.name} as JSON`}>
            Export
          </Button>
        </RowActions>
      )}
    />
  );
}
