// The Inbox and the Outbox are one page over two directions: what it is for, the filters, and the list.
// Typing in a text filter asks again once the typing pauses, not on every key.
import { Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, type ReactNode } from 'react';
import { Page } from '../../ui/Page';
import { isFiltered, toListFilter, useMessageView, type MessageDirection } from './messageFilters';
import { MessageFilterBar } from './MessageFilterBar';
import { MessageList } from './MessageList';

const TYPING_PAUSE_MS = 300;

interface Props {
  direction: MessageDirection;
  title: 'Inbox' | 'Outbox';
  purpose: string;
  emptyText: string;
  actions?: ReactNode;
}

export function MessagesPage({ direction, title, purpose, emptyText, actions }: Props) {
  const filters = useMessageView((state) => state.filters[direction]);
  const [settled] = useDebouncedValue(filters, TYPING_PAUSE_MS);
  const filter = useMemo(() => toListFilter(settled), [settled]);
  return (
    <Page title={title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" maw={720}>
          {purpose}
        </Text>
        {actions}
      </Group>
      <MessageFilterBar direction={direction} />
      <MessageList direction={direction} filter={filter} label={`${title} messages`} emptyText={isFiltered(settled) ? 'No messages match these filters.' : emptyText} />
    </Page>
  );
}
