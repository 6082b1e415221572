// A call that changes what cached lists show (a save, a delete, a sync): plain, not a react-query mutation, so
// an input holding a secret is never kept in the cache; the lists refresh after it, whatever its outcome.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CallName, InputOf, OutputOf } from '../../../shared/ipc';
import { useClient } from './ClientProvider';

/** `refresh` must be one function for the page's life (declared at module level). */
export function useRefreshingCall<N extends CallName>(name: N, refresh: (queryClient: QueryClient) => void): (input: InputOf<N>) => Promise<OutputOf<N>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (input: InputOf<N>) => {
      try {
        return await client.call(name, input);
      } finally {
        refresh(queryClient);
      }
    },
    [client, queryClient, name, refresh],
  );
}
