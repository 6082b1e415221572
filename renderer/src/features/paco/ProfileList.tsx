// The saved PACO profiles at a glance: where each one points, who it is, whether its secrets are stored,
// and the actions on it.
import { Badge, Button, Group, Table, VisuallyHidden } from '@mantine/core';
import type { PacoProfileSummary } from '../../../../shared/ipc';

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
    <Table aria-labelledby={labelledBy} striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Environment</Table.Th>
          <Table.Th>Base URL</Table.Th>
          <Table.Th>API key</Table.Th>
          <Table.Th>Secrets</Table.Th>
          <Table.Th>Algorithms</Table.Th>
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {profiles.map((profile) => (
          <Table.Tr key={profile.id}>
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
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => onEdit(profile)} aria-label={`Edit ${profile.name}`}>
                  Edit
                </Button>
                <Button size="xs" variant="light" color="red" onClick={() => onDelete(profile)} aria-label={`Delete ${profile.name}`}>
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
