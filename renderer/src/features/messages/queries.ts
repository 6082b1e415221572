// Messages over the contract: the pages of a list that are on screen (fetched per window of rows, never the
// whole archive), one message in full, and what a user does from its view. Announced changes refresh the
// lists in one batch, so a burst of arrivals costs one refetch of the visible pages, not one per message.
import { useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { MessageSummary } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import type { ListFilter, MessageDirection } from './messageFilters';
import { MESSAGE_PAGE_SIZE } from './messageWindow';

export const messagesListKey = ['messages.list'] as const;
const messageKey = (id: number) => ['messages.get', id] as const;

/** Rows scrolled past are dropped from memory a minute after they leave the screen. */
const PAGE_GC_MS = 60_000;
/** Changes announced within this time are refreshed together. */
const REFRESH_BATCH_MS = 250;

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
const changedIds = new Set<number>();

/** A message was stored or changed state (messages.changed): refresh it and the lists, batched. */
export function noteMessageChanged(queryClient: QueryClient, message: MessageSummary): void {
  changedIds.add(message.id);
  if (refreshTimer !== null) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void queryClient.invalidateQueries({ queryKey: messagesListKey });
    for (const id of changedIds) void queryClient.invalidateQueries({ queryKey: messageKey(id) });
    changedIds.clear();
  }, REFRESH_BATCH_MS);
}

export interface MessageWindow {
  /** The row at an index, once its page has arrived. */
  rowAt(index: number): MessageSummary | undefined;
  /** Where a message is among the rows loaded now, or null. */
  indexOf(id: number): number | null;
  /** Rows matching the filter, from the latest answer; null before the first. */
  total: number | null;
  failed: boolean;
}

/** The pages `pages` of one filtered list; the total survives while newly scrolled-to pages load. */
export function useMessageWindow(direction: MessageDirection, filter: ListFilter, pages: readonly number[]): MessageWindow {
  const client = useClient();
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: [...messagesListKey, direction, filter, page] as const,
      queryFn: () => client.call('messages.list', { direction, ...filter, offset: page * MESSAGE_PAGE_SIZE, limit: MESSAGE_PAGE_SIZE }),
      gcTime: PAGE_GC_MS,
    })),
  });
  const filterKey = JSON.stringify([direction, filter]);
  const lastTotal = useRef<{ filterKey: string; total: number } | null>(null);
  let newest: { at: number; total: number } | null = null;
  for (const result of results) {
    if (result.data && (newest === null || result.dataUpdatedAt > newest.at)) newest = { at: result.dataUpdatedAt, total: result.data.total };
  }
  if (newest) lastTotal.current = { filterKey, total: newest.total };
  const total = newest?.total ?? (lastTotal.current?.filterKey === filterKey ? lastTotal.current.total : null);
  const byPage = new Map(pages.map((page, at) => [page, results[at]?.data?.rows]));
  return {
    rowAt: (index) => byPage.get(Math.floor(index / MESSAGE_PAGE_SIZE))?.[index % MESSAGE_PAGE_SIZE],
    indexOf: (id) => {
      for (const [page, rows] of byPage) {
        const at = rows?.findIndex((row) => row.id === id) ?? -1;
        if (at >= 0) return page * MESSAGE_PAGE_SIZE + at;
      }
      return null;
    },
    total,
    failed: results.some((result) => result.isError),
  };
}

export function useMessage(id: number) {
  const client = useClient();
  return useQuery({ queryKey: messageKey(id), queryFn: () => client.call('messages.get', { id }) });
}

type QueueAction = 'messages.resend' | 'messages.stop' | 'messages.resume';

/** Resend, stop or resume: the message and the lists change, and the new state is what the view shows. */
export function useQueueAction(action: QueueAction) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => client.call(action, { id }),
    onSuccess: (summary, id) => {
      void queryClient.invalidateQueries({ queryKey: messageKey(id) });
      void queryClient.invalidateQueries({ queryKey: messageKey(summary.id) });
      void queryClient.invalidateQueries({ queryKey: messagesListKey });
    },
  });
}

/** Downloads are one-off reads whose bytes go straight to a file, not into the cache. */
export function useMessageDownloads() {
  const client = useClient();
  return {
    payload: (id: number) => client.call('messages.payload', { id }),
    auditExport: (id: number) => client.call('messages.export', { id }),
  };
}
