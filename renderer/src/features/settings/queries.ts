// Preferences over the contract: read them, and change them with the change shown at once (rolled back
// if Courier refuses it). Changes made elsewhere arrive through useLiveEvents.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';

export const settingsKey = ['settings.get'] as const;

export function useSettings() {
  const client = useClient();
  return useQuery({ queryKey: settingsKey, queryFn: () => client.call('settings.get', {}) });
}

export function useSetSettings() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: InputOf<'settings.set'>) => client.call('settings.set', patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: settingsKey });
      const previous = queryClient.getQueryData<OutputOf<'settings.get'>>(settingsKey);
      if (previous) queryClient.setQueryData(settingsKey, { ...previous, ...patch });
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(settingsKey, context.previous);
    },
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
}
