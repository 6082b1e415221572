// The TLS inspector over the contract. An inspection is not cached server state but an action whose
// outcome — a chain, or why no connection was made — belongs inline on the page, so it bypasses
// react-query (whose failures become toasts). The profiles' trust (extra CAs, pins) is cached and
// refreshed after each change made here, and on `tls.*` audit events from elsewhere.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { CourierError, type InputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import { describeError } from '../../ipc/describeError';
import { useInspector, type InspectTarget } from './inspectorStore';

export const tlsTrustKey = ['tls.listTrust'] as const;

const trustListKey = (scope: string | undefined) => [...tlsTrustKey, { scope }] as const;

export function useInspect(): (target: InspectTarget) => Promise<void> {
  const client = useClient();
  return useCallback(
    async (target) => {
      const { begin, settle } = useInspector.getState();
      const sequence = begin(target);
      try {
        settle(sequence, { state: 'done', target, inspection: await client.call('tls.inspect', target) });
      } catch (error) {
        settle(sequence, { state: 'failed', target, code: error instanceof CourierError ? error.code : null, error: describeError(error) });
      }
    },
    [client],
  );
}

/** The extra CAs and pins of one profile; nothing is asked while no valid scope is chosen. */
export function useTrustEntries(scope: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: trustListKey(scope ?? undefined),
    queryFn: () => client.call('tls.listTrust', { scope: scope ?? undefined }),
    enabled: scope !== null,
  });
}

/** Every scope that has trust entries, for the scope pickers. */
export function useTrustScopes(): string[] {
  const client = useClient();
  const all = useQuery({
    queryKey: trustListKey(undefined),
    queryFn: () => client.call('tls.listTrust', {}),
    select: (list) => [...new Set(list.entries.map((entry) => entry.scope))],
  });
  return all.data ?? [];
}

function useTrustMutation<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tlsTrustKey }),
  });
}

export function useTrustCa() {
  const client = useClient();
  return useTrustMutation((input: InputOf<'tls.trustCa'>) => client.call('tls.trustCa', input));
}

export function usePinKey() {
  const client = useClient();
  return useTrustMutation((input: InputOf<'tls.pin'>) => client.call('tls.pin', input));
}

export function useRemoveTrust() {
  const client = useClient();
  return useTrustMutation((input: InputOf<'tls.removeTrust'>) => client.call('tls.removeTrust', input));
}
