// One message, opened from the Inbox or the Outbox (/inbox/:id, /outbox/:id): what it is and where it stands,
// what went wrong in plain words, what can be done about it, then its security, receipt (MDN), payload,
// header fields and delivery attempts. It follows live changes as the list does.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import type { MessageDetail } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { FactList, type Fact } from '../../ui/FactList';
import { Page } from '../../ui/Page';
import { ExplanationRegion } from './ExplanationRegion';
import { MdnSection } from './MdnSection';
import { MessageActions } from './MessageActions';
import type { MessageDirection } from './messageFilters';
import { explanationsOf, sizeLabel, timeLabel } from './messageWords';
import { PayloadSection } from './PayloadSection';
import { useMessage } from './queries';
import { SecuritySection } from './SecuritySection';
import { StatusBadge } from './StatusBadge';
import { AttemptsSection, HeadersSection } from './TransferRecord';
import { ViewSection } from './ViewSection';

function summaryFacts(message: MessageDetail): Fact[] {
  return [
    [
      'Status',
      <Group gap="xs" key="status">
        <StatusBadge status={message.status} />
        {message.statusText && (
          <Text span size="sm">
            {message.statusText}
          </Text>
        )}
      </Group>,
    ],
    ['Partner', message.partnerName ?? message.partnerId ?? 'Unknown partner'],
    [
      'Message-ID',
      message.messageId === null ? (
        '—'
      ) : (
        <Group gap={4} key="message-id" wrap="nowrap">
          <Text span size="sm" ff="monospace">
            {message.messageId}
          </Text>
          <CopyValueButton value={message.messageId} what="Message-ID" />
        </Group>
      ),
    ],
    ['Subject', message.subject ?? '—'],
    ['Protocol', message.protocol.toUpperCase()],
    ['Size on the wire', sizeLabel(message.wireSize)],
    [message.direction === 'inbound' ? 'Received' : 'Created', timeLabel(message.createdAt)],
    ['Last change', timeLabel(message.updatedAt)],
  ];
}

export function MessageView({ direction }: { direction: MessageDirection }) {
  const param = useParams().id ?? '';
  const id = /^[1-9]\d{0,15}$/.test(param) ? Number(param) : null;
  const listPath = direction === 'inbound' ? '/inbox' : '/outbox';
  const listName = direction === 'inbound' ? 'Inbox' : 'Outbox';
  return (
    <Stack gap="xs">
      <Anchor component={Link} to={listPath} size="sm" w="fit-content">
        ← Back to the {listName}
      </Anchor>
      {id === null ? (
        <Page title="Message not found">
          <Text size="sm">“{param}” is not a message number. Open a message from the {listName}.</Text>
        </Page>
      ) : (
        <LoadedMessage id={id} />
      )}
    </Stack>
  );
}

function LoadedMessage({ id }: { id: number }) {
  const query = useMessage(id);
  const message = query.data;
  if (!message) {
    return (
      <Page title={`Message ${id}`}>
        <Text size="sm" c="dimmed">
          {query.isError ? 'This message could not be loaded.' : 'Loading the message…'}
        </Text>
      </Page>
    );
  }
  return (
    <Page title={message.subject || message.fileName || `Message ${id}`}>
      <ExplanationRegion problems={explanationsOf(message)} />
      <MessageActions message={message} />
      <ViewSection title="Summary">
        <FactList facts={summaryFacts(message)} />
      </ViewSection>
      <SecuritySection security={message.security} />
      <MdnSection mdn={message.mdn} direction={message.direction} protocol={message.protocol} />
      <PayloadSection message={message} />
      <HeadersSection headers={message.headers} />
      <AttemptsSection attempts={message.attempts} nextAttemptAt={message.nextAttemptAt} />
    </Page>
  );
}
