// Wires one connected client into the providers the features rely on: the client itself, the one query
// cache (whose failures become toasts) and the router.
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router-dom';
import type { CourierClient } from '../ipc/client';
import { ClientProvider } from '../ipc/ClientProvider';
import { describeError } from '../ipc/describeError';
import { createQueryClient } from '../ipc/queryClient';
import { useUiStore } from '../state/uiStore';
import { AppLayout } from './AppLayout';

export function App({ client }: { client: CourierClient }) {
  const [queryClient] = useState(() =>
    createQueryClient({
      onError: (error) => useUiStore.getState().showToast(describeError(error)),
      canRetry: () => useUiStore.getState().connection !== 'refused',
    }),
  );
  return (
    <ClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppLayout />
        </BrowserRouter>
      </QueryClientProvider>
    </ClientProvider>
  );
}
