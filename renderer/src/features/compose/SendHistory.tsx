// Every upload to FISCAL and Pagero, newest first, with the server's answer: the History the Send page keeps
// beside the batch. A row opens the message in the Outbox; Re-send posts the same file again as a new upload.
import { Anchor, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { MessageSummary } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { useClient } from '../../ipc/ClientProvider';
import { messagePath } from '../messages/MessageList';
import { messagesListKey, useQueueAction } from '../messages/queries';
import { StatusBadge } from '../messages/StatusBadge';
import { timeLabel } from '../messages/messageWords';
import { FormFailure } from '../../ui/FormFailure';

/** The uploads shown; older ones are in the Outbox. */
const HISTORY_ROWS = 25;

const protocolNames: Record<string, string> = { fiscal: 'FISCAL', pagero: 'Pagero' };

function useUploadHistory() {
  const client = useClient();
  return useQuery({
    queryKey: [...messagesListKey, 'history'],
    queryFn: () => client.call('messages.list', { direction: 'outbound', protocols: ['fiscal', 'pagero'], offset: 0, limit: HISTORY_ROWS }),
  });
}

export function SendHistory() {
  const headingId = useId();
  const history = useUploadHistory();
  const resend = useQueueAction('messages.resend');
  const [confirming, setConfirming] = useState<MessageSummary | null>(null);
  const rows = history.data?.rows ?? [];

  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        History
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{history.isError ? 'The history could not be loaded.' : history.isSuccess ? 'Nothing uploaded to FISCAL or Pagero yet.' : 'Loading the history…'}</Text>
      ) : (
        <Table aria-labelledby={headingId} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Sent</Table.Th>
              <Table.Th scope="col">To</Table.Th>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Response</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((message) => (
              <Table.Tr key={message.id}>
                <Table.Td>
                  <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
                </Table.Td>
                <Table.Td>
                  {protocolNames[message.protocol] ?? message.protocol}
                  {message.partnerName ? `: ${message.partnerName}` : ''}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={messagePath('outbound', message.id)} size="sm">
                    {message.fileName ?? message.messageId ?? `Message ${message.id}`}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={message.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{message.statusText ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="default" onClick={() => setConfirming(message)} aria-label={`Re-send ${message.fileName ?? `message ${message.id}`}`}>
                    Re-send…
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title="Send this file again?" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="md">
          <Text size="sm">
            {confirming?.fileName ?? 'The file'} goes to {protocolNames[confirming?.protocol ?? ''] ?? 'the service'} again as a new upload; the first one stays in the
            History. Re-send only when the first was refused or the service asks for it again.
          </Text>
          <FormFailure title="It was not sent again" failure={resend.isError ? describeError(resend.error) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button loading={resend.isPending} onClick={() => confirming && resend.mutate(confirming.id, { onSuccess: () => setConfirming(null) })}>
              Send again
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
