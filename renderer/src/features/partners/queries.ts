// AS2 stations and partners over the contract: the lists (cached, refreshed after every change made here or
// announced by the audit log), where this host receives AS2, and the changes — save, delete, import, export.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import { refreshCertificates } from '../certificates/queries';

export const stationsKey = ['as2.stations.list'] as const;
export const partnersKey = ['as2.partners.list'] as const;

/** After a change to stations or partners, here or elsewhere (another window, the CLI). */
export function refreshProfiles(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: stationsKey });
  void queryClient.invalidateQueries({ queryKey: partnersKey });
}

export function useStations() {
  const client = useClient();
  return useQuery({ queryKey: stationsKey, queryFn: () => client.call('as2.stations.list', {}) });
}

export function usePartners() {
  const client = useClient();
  return useQuery({ queryKey: partnersKey, queryFn: () => client.call('as2.partners.list', {}) });
}

export function useListener() {
  const client = useClient();
  return useQuery({ queryKey: ['as2.listener'], queryFn: () => client.call('as2.listener', {}) });
}

/** Saving is an action whose refusal (a key that does not match its certificate…) belongs in its form, not a toast. */
export function useSaveStation() {
  const client = useClient();
  const queryClient = useQueryClient();
  return async (input: InputOf<'as2.stations.save'>) => {
    const saved = await client.call('as2.stations.save', input);
    refreshProfiles(queryClient);
    return saved;
  };
}

export function useSavePartner() {
  const client = useClient();
  const queryClient = useQueryClient();
  return async (input: InputOf<'as2.partners.save'>) => {
    const saved = await client.call('as2.partners.save', input);
    refreshProfiles(queryClient);
    return saved;
  };
}

export function useImportPartner() {
  const client = useClient();
  const queryClient = useQueryClient();
  return async (input: InputOf<'as2.partners.import'>) => {
    const imported = await client.call('as2.partners.import', input);
    refreshProfiles(queryClient);
    // Its certificates landed in the catalog.
    refreshCertificates(queryClient);
    return imported;
  };
}

export function useExportPartner() {
  const client = useClient();
  return (partner: string) => client.call('as2.partners.export', { partner });
}

/** Deleting is an action too: a refusal (a station partners still use) belongs in its confirmation. */
export function useDeleteProfile() {
  const client = useClient();
  const queryClient = useQueryClient();
  return async (target: { kind: 'station' | 'partner'; id: string }) => {
    const deleted = await (target.kind === 'station'
      ? client.call('as2.stations.delete', { station: target.id, confirm: true })
      : client.call('as2.partners.delete', { partner: target.id, confirm: true }));
    refreshProfiles(queryClient);
    return deleted;
  };
}
