// Sending over the contract. A plain call, not a react-query mutation: its input holds the whole document
// (up to 32 MiB), which a mutation would keep in the cache. The Outbox learns of it from the lists' refresh.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { InputOf, OutputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import { messagesListKey } from '../messages/queries';

export function useSendDocument(): (input: InputOf<'as2.send'>) => Promise<OutputOf<'as2.send'>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (input) => {
      const queued = await client.call('as2.send', input);
      void queryClient.invalidateQueries({ queryKey: messagesListKey });
      return queued;
    },
    [client, queryClient],
  );
}
