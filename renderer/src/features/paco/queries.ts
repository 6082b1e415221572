// PACO over the contract: the profiles and templates (cached), the merchant keys a profile may use, and
// the actions whose input carries secrets or whose outcome belongs inline on the page. Saving is a plain
// call, not a react-query mutation (a mutation keeps its input — the company token, the Basic password — in
// the cache); a delete and a PACO call are actions whose answer or refusal is shown where they were asked.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { InputOf, KeyPurpose, OutputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';

export const pacoProfilesKey = ['paco.profiles.list'] as const;

export function usePacoProfiles() {
  const client = useClient();
  return useQuery({ queryKey: pacoProfilesKey, queryFn: () => client.call('paco.profiles.list', {}) });
}

export function usePacoTemplates() {
  const client = useClient();
  return useQuery({ queryKey: ['paco.templates'], queryFn: () => client.call('paco.templates', {}), staleTime: Infinity });
}

/** The keys of one purpose; the profile form picks its merchant keys from these. */
export function useKeysOfPurpose(purpose: KeyPurpose) {
  const client = useClient();
  return useQuery({ queryKey: ['keys.list', { purpose }], queryFn: () => client.call('keys.list', { purpose }) });
}

/** One save, its secrets held only for its duration; the caller owns (and clears) the form. */
export function useSavePacoProfile(): (input: InputOf<'paco.profiles.save'>) => Promise<OutputOf<'paco.profiles.save'>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (input) => {
      const saved = await client.call('paco.profiles.save', input);
      await queryClient.invalidateQueries({ queryKey: pacoProfilesKey });
      return saved;
    },
    [client, queryClient],
  );
}

/** One delete; a refusal belongs in the confirmation that asked. */
export function useDeletePacoProfile(): (profile: string) => Promise<OutputOf<'paco.profiles.delete'>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (profile) => {
      const deleted = await client.call('paco.profiles.delete', { profile, confirm: true });
      await queryClient.invalidateQueries({ queryKey: pacoProfilesKey });
      return deleted;
    },
    [client, queryClient],
  );
}

export function usePacoCall(): (input: InputOf<'paco.call'>) => Promise<OutputOf<'paco.call'>> {
  const client = useClient();
  return useCallback((input) => client.call('paco.call', input), [client]);
}
