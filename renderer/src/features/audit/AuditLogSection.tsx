// Shows who did what and when, newest first, so a user can check what happened to their keys, partners
// and messages; older pages load on request and new entries appear as they are written.
import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useAuditLog } from './queries';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AuditLogSection() {
  const headingId = useId();
  const audit = useAuditLog();
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <Stack component="section" aria-labelledby={headingId} gap="xs" align="flex-start">
      <Title order={2} id={headingId}>
        Audit log
      </Title>
      <Table aria-labelledby={headingId} striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Actor</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>
                <time dateTime={entry.at}>{timeFormat.format(new Date(entry.at))}</time>
              </Table.Td>
              <Table.Td>{entry.actor}</Table.Td>
              <Table.Td>{entry.action}</Table.Td>
              <Table.Td className="break-anywhere">{entry.target ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.length === 0 && (
        <Text size="sm" c="dimmed">
          {audit.isPending ? 'Loading the audit log…' : audit.isError ? 'The audit log could not be loaded.' : 'Nothing has been recorded yet.'}
        </Text>
      )}
      <Button
        variant="default"
        onClick={() => void audit.fetchNextPage()}
        disabled={!audit.hasNextPage}
        loading={audit.isFetchingNextPage}
      >
        Load older
      </Button>
      {entries.length > 0 && !audit.hasNextPage && (
        <Text size="sm" c="dimmed">
          No older entries.
        </Text>
      )}
    </Stack>
  );
}
