// Mirrors the transport's connection state into the UI store for the status bar, and refetches
// everything after a reconnect: events sent while the socket was down were missed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from '../ipc/ClientProvider';
import { useUiStore } from '../state/uiStore';

export function useConnectionTracking(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  const setConnection = useUiStore((state) => state.setConnection);
  useEffect(() => {
    let dropped = false;
    return client.onConnectionChange((state) => {
      if (state === 'closed') dropped = true;
      if (state === 'open' && dropped) {
        dropped = false;
        void queryClient.invalidateQueries();
      }
      setConnection(state);
    });
  }, [client, queryClient, setConnection]);
}
