// The filters over one list — partner, status, date range, subject and Message-ID — kept in the window's view
// state so they survive opening a message and coming back.
import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import type { MessageStatus } from '../../../../shared/ipc';
import { usePartners } from '../partners/queries';
import { isFiltered, statusesFor, useMessageView, type MessageDirection } from './messageFilters';
import { statusLooks } from './messageWords';

export function MessageFilterBar({ direction }: { direction: MessageDirection }) {
  const filters = useMessageView((state) => state.filters[direction]);
  const editFilters = useMessageView((state) => state.editFilters);
  const clearFilters = useMessageView((state) => state.clearFilters);
  const partners = usePartners();
  const edit = (patch: Parameters<typeof editFilters>[1]) => editFilters(direction, patch);
  const partnerChoices = (partners.data ?? []).map((partner) => ({ value: partner.id, label: `${partner.name} (${partner.as2Id})` }));
  const statusChoices = statusesFor(direction).map((status) => ({ value: status, label: statusLooks[status].label }));

  return (
    <Group align="flex-end" gap="sm" role="search" aria-label={`Filter the ${direction === 'inbound' ? 'Inbox' : 'Outbox'}`}>
      <Select label="Partner" placeholder="Any partner" data={partnerChoices} value={filters.partnerId} onChange={(partnerId) => edit({ partnerId })} clearable searchable w={220} />
      <MultiSelect
        label="Status"
        placeholder={filters.statuses.length === 0 ? 'Any status' : undefined}
        data={statusChoices}
        value={filters.statuses}
        onChange={(statuses) => edit({ statuses: statuses as MessageStatus[] })}
        clearable
        w={260}
      />
      <TextInput type="date" label="From date" value={filters.fromDate} onChange={(event) => edit({ fromDate: event.currentTarget.value })} w={160} />
      <TextInput type="date" label="To date" value={filters.toDate} onChange={(event) => edit({ toDate: event.currentTarget.value })} w={160} />
      <TextInput type="search" label="Subject" placeholder="Contains…" value={filters.subject} onChange={(event) => edit({ subject: event.currentTarget.value })} w={200} />
      <TextInput type="search" label="Message-ID" placeholder="Contains…" value={filters.messageId} onChange={(event) => edit({ messageId: event.currentTarget.value })} w={240} />
      <Button variant="default" onClick={() => clearFilters(direction)} disabled={!isFiltered(filters)}>
        Clear filters
      </Button>
    </Group>
  );
}
