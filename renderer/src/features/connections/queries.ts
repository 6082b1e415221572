// FISCAL profiles, Pagero profiles and Pagero push endpoints over the contract (cached lists), and their saves
// and deletes. Saves are plain calls, not react-query mutations: their input holds the secrets, which a mutation
// would keep in the cache.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import { useRefreshingCall } from '../../ipc/useRefreshingCall';

export const fiscalProfilesKey = ['fiscal.profiles.list'] as const;
export const pageroProfilesKey = ['pagero.profiles.list'] as const;
export const pageroEndpointsKey = ['pagero.endpoints.list'] as const;

export function useFiscalProfiles() {
  const client = useClient();
  return useQuery({ queryKey: fiscalProfilesKey, queryFn: () => client.call('fiscal.profiles.list', {}) });
}

export function usePageroProfiles() {
  const client = useClient();
  return useQuery({ queryKey: pageroProfilesKey, queryFn: () => client.call('pagero.profiles.list', {}) });
}

export function usePageroEndpoints() {
  const client = useClient();
  return useQuery({ queryKey: pageroEndpointsKey, queryFn: () => client.call('pagero.endpoints.list', {}) });
}

/** A FISCAL or Pagero profile or a push endpoint was saved or deleted (fiscal.*, pagero.* audit entries). */
export function refreshConnections(queryClient: QueryClient): void {
  for (const queryKey of [fiscalProfilesKey, pageroProfilesKey, pageroEndpointsKey]) void queryClient.invalidateQueries({ queryKey });
}

type ConnectionCall = 'fiscal.profiles.save' | 'pagero.profiles.save' | 'pagero.endpoints.save' | 'fiscal.profiles.delete' | 'pagero.profiles.delete' | 'pagero.endpoints.delete';

/** One save or delete; the lists refresh after it, whatever its outcome. */
export function useConnectionCall<N extends ConnectionCall>(name: N): (input: InputOf<N>) => Promise<OutputOf<N>> {
  return useRefreshingCall(name, refreshConnections);
}
