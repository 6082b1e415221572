// The one react-query cache for server state, with one retry policy and one place where every failed
// query or mutation is reported.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { CourierError } from '../../../shared/ipc';

const MAX_RETRIES = 2;

export interface QueryClientOptions {
  onError(error: unknown): void;
  /** Whether retrying can help now (not when the host refused this page). */
  canRetry(): boolean;
}

export function createQueryClient({ onError, canRetry }: QueryClientOptions): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Changes arrive through the events subscription, and a reconnect refetches everything.
        staleTime: 30_000,
        // Only a dropped connection is worth another try; a refusal by Courier would be refused again.
        retry: (failureCount, error) =>
          error instanceof CourierError && error.code === 'DISCONNECTED' && canRetry() && failureCount < MAX_RETRIES,
      },
      mutations: { retry: false },
    },
  });
}
