// The saved PACO profiles at a glance: where each one points, who it is, whether its secrets are stored,
// and the actions on it.
import { Badge, Group, Table } from '@mantine/core';
import type { PacoProfileSummary } from '../../../../shared/ipc';
import { ProfileTable } from '../../ui/ProfileTable';
import { RowActions } from '../../ui/RowActions';

interface Props {
  profiles: PacoProfileSummary[];
  labelledBy: string;
  onEdit(profile: PacoProfileSummary): void;
  onDelete(profile: PacoProfileSummary): void;
}

const stored = (yes: boolean, what: string) => (
  <Badge variant="light" color={yes ? 'teal' : 'gray'}>
    {what} {yes ? 'stored' : 'missing'}
  </Badge>
);

export function ProfileList({ profiles, labelledBy, onEdit, onDelete }: Props) {
  return (
    <ProfileTable
      labelledBy={labelledBy}
      columns={['Name', 'Environment', 'Base URL', 'API key', 'Secrets', 'Algorithms']}
      rows={profiles}
      cells={(profile) => (
        <>
          <Table.Th scope="row">{profile.name}</Table.Th>
          <Table.Td>{profile.environment === 'uat' ? 'UAT' : 'Production'}</Table.Td>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>{profile.baseUrl}</Table.Td>
          <Table.Td>{profile.issuer}</Table.Td>
          <Table.Td>
            <Group gap={4}>
              {stored(profile.sealed.companyHeader, 'Token')}
              {stored(profile.sealed.basicAuth, 'Password')}
            </Group>
          </Table.Td>
          <Table.Td>
            {profile.signingAlgorithm} / RSA-OAEP + {profile.contentEncryption}
          </Table.Td>
        </>
      )}
      actions={(profile) => <RowActions subject={profile.name} onEdit={() => onEdit(profile)} onDelete={() => onDelete(profile)} />}
    />
  );
}
