// Our side of AS2: the stations partners send to (AS2 ID, environment, keys, public URL), where this host is
// receiving right now, and the form to add or change a station.
import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import type { As2Station } from '../../../../shared/ipc';
import { useListener, useStations } from './queries';
import { StationForm } from './StationForm';

type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; station: As2Station };

function ListenerNote() {
  const listener = useListener();
  if (!listener.data) return null;
  return listener.data.listening ? (
    <Alert color="teal" variant="light" title="This host receives AS2 at">
      <Stack gap={2}>
        {listener.data.urls.map((url) => (
          <Code key={url}>{url}</Code>
        ))}
      </Stack>
    </Alert>
  ) : (
    <Alert color="gray" variant="light" title="This host is not receiving AS2 now">
      <Text size="sm">
        Partners can send once it listens: start it with <Code>courier serve --as2-port N</Code>.
      </Text>
    </Alert>
  );
}

export function StationsSection({ onDelete }: { onDelete(station: As2Station): void }) {
  const headingId = useId();
  const stations = useStations();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const list = stations.data ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={2} size="h3" id={headingId}>
          Our stations
        </Title>
        <Button onClick={() => setEditing({ mode: 'new' })} disabled={editing.mode !== 'closed'}>
          Add station
        </Button>
      </Group>
      <ListenerNote />
      {list.length > 0 ? (
        <Table aria-labelledby={headingId} striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">AS2 ID</Table.Th>
              <Table.Th scope="col">Environment</Table.Th>
              <Table.Th scope="col">Decryption pairs</Table.Th>
              <Table.Th scope="col">Public URL</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((station) => (
              <Table.Tr key={station.id}>
                <Table.Th scope="row">{station.name}</Table.Th>
                <Table.Td ff="monospace">{station.as2Id}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={station.environment === 'production' ? 'orange' : 'gray'} tt="none">
                    {station.environment === 'production' ? 'Production' : 'Test'}
                  </Badge>
                </Table.Td>
                <Table.Td>{station.decryption.length}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{station.publicUrl ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setEditing({ mode: 'edit', station })} disabled={editing.mode !== 'closed'} aria-label={`Edit station ${station.as2Id}`}>
                      Edit
                    </Button>
                    <Button size="xs" variant="light" color="red" onClick={() => onDelete(station)} aria-label={`Delete station ${station.as2Id}`}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">
          {stations.isSuccess
            ? 'No station yet. Add one with the AS2 ID your partners send to and the key that signs for it; partners come after.'
            : stations.isError
              ? 'The stations could not be loaded.'
              : 'Loading stations…'}
        </Text>
      )}
      {editing.mode !== 'closed' && (
        <Paper withBorder p="md">
          <StationForm
            key={editing.mode === 'edit' ? editing.station.id : 'new'}
            station={editing.mode === 'edit' ? editing.station : null}
            onSaved={() => setEditing({ mode: 'closed' })}
            onCancel={() => setEditing({ mode: 'closed' })}
          />
        </Paper>
      )}
    </Stack>
  );
}
