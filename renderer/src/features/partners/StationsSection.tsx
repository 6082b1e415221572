// Our side of AS2: the stations partners send to (AS2 ID, environment, keys, public URL), where this host is
// receiving right now, and the form to add or change a station.
import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import type { As2Station } from '../../../../shared/ipc';
import { ProfileTable } from '../../ui/ProfileTable';
import { RowActions } from '../../ui/RowActions';
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
        <ProfileTable
          labelledBy={headingId}
          columns={['Name', 'AS2 ID', 'Environment', 'Decryption pairs', 'Public URL']}
          rows={list}
          cells={(station) => (
            <>
              <Table.Th scope="row">{station.name}</Table.Th>
              <Table.Td ff="monospace">{station.as2Id}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={station.environment === 'production' ? 'orange' : 'gray'} tt="none">
                  {station.environment === 'production' ? 'Production' : 'Test'}
                </Badge>
              </Table.Td>
              <Table.Td>{station.decryption.length}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{station.publicUrl ?? '—'}</Table.Td>
            </>
          )}
          actions={(station) => (
            <RowActions subject={`station ${station.as2Id}`} onEdit={() => setEditing({ mode: 'edit', station })} editDisabled={editing.mode !== 'closed'} onDelete={() => onDelete(station)} />
          )}
        />
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
