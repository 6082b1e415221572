// The audit trail a page at a time, newest first; "older" pages follow the server's nextBefore cursor.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useClient } from '../../ipc/ClientProvider';

export const auditKey = ['audit.list'] as const;

const PAGE_SIZE = 50;

export function useAuditLog() {
  const client = useClient();
  return useInfiniteQuery({
    queryKey: auditKey,
    queryFn: ({ pageParam }) => client.call('audit.list', pageParam === null ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, before: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (lastPage) => lastPage.nextBefore,
  });
}
