// AS2 Gateway accounts, and the gateway's own partners and stations, over the contract. Saves and calls are plain
// calls, not react-query mutations: an account save holds the password, which a mutation would keep in the cache.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { CallName, InputOf, OutputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import { useRefreshingCall } from '../../ipc/useRefreshingCall';

export const gatewayAccountsKey = ['as2g.accounts.list'] as const;

export function useGatewayAccounts() {
  const client = useClient();
  return useQuery({ queryKey: gatewayAccountsKey, queryFn: () => client.call('as2g.accounts.list', {}) });
}

/** The gateway's partners and stations for one account (asked of the gateway, so only once an account is chosen). */
export function useGatewayDirectory(account: string | null) {
  const client = useClient();
  const partners = useQuery({ queryKey: ['as2g.partners', account], enabled: account !== null, queryFn: () => client.call('as2g.partners', { account: account! }) });
  const stations = useQuery({ queryKey: ['as2g.stations', account], enabled: account !== null, queryFn: () => client.call('as2g.stations', { account: account! }) });
  return { partners, stations };
}

type GatewayCall = Extract<CallName, 'as2g.accounts.save' | 'as2g.accounts.delete' | 'as2g.login' | 'as2g.sync' | 'as2g.send'>;

const refreshAccounts = (queryClient: QueryClient) => void queryClient.invalidateQueries({ queryKey: gatewayAccountsKey });

/** One call; the account list refreshes after it, whatever its outcome. */
export function useGatewayCall<N extends GatewayCall>(name: N): (input: InputOf<N>) => Promise<OutputOf<N>> {
  return useRefreshingCall(name, refreshAccounts);
}
