// Certificates over the contract: the list (all, or those expiring within N days), one certificate with its
// chain, and the changes — delete, self-sign, CSR, attach. Importing is deliberately not a react-query
// mutation: its input may hold a PKCS#12 password, and a mutation keeps its input in the cache.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { InputOf, OutputOf } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import { keysListKey } from '../keys/queries';

export const certsListKey = ['certs.list'] as const;
const certsGetKey = ['certs.get'] as const;

/** Expiry is computed when Courier answers; ask again now and then so a badge turns on the day it should. */
const EXPIRY_REFRESH_MS = 60 * 60_000;

/** After any change: lists, details (a chain may now be complete) and keys (a PKCS#12 brings one). */
export function refreshCertificates(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: certsListKey });
  void queryClient.invalidateQueries({ queryKey: certsGetKey });
}

export function useCertificates(expiringWithinDays?: number) {
  const client = useClient();
  const input = expiringWithinDays === undefined ? {} : { expiringWithinDays };
  return useQuery({
    queryKey: [...certsListKey, input],
    queryFn: () => client.call('certs.list', input),
    refetchInterval: EXPIRY_REFRESH_MS,
  });
}

export function useCertificate(id: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: [...certsGetKey, id],
    queryFn: () => client.call('certs.get', { id: id! }),
    enabled: id !== null,
  });
}

/** One call; a PKCS#12 password lives only in the caller's form and this call's input. */
export function useImportCertificateFile(): (input: InputOf<'certs.import'>) => Promise<OutputOf<'certs.import'>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (input) => {
      const imported = await client.call('certs.import', input);
      refreshCertificates(queryClient);
      if (imported.keys.length > 0) void queryClient.invalidateQueries({ queryKey: keysListKey });
      return imported;
    },
    [client, queryClient],
  );
}

/** Attaching is an action whose failure (wrong key, PKCS#12 given) belongs in its dialog, not a toast. */
export function useAttachCertificate(): (input: InputOf<'certs.attach'>) => Promise<OutputOf<'certs.attach'>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (input) => {
      const attached = await client.call('certs.attach', input);
      refreshCertificates(queryClient);
      return attached;
    },
    [client, queryClient],
  );
}

export function useDeleteCertificate() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.call('certs.delete', { id, confirm: true }),
    onSuccess: ({ id }) => {
      queryClient.removeQueries({ queryKey: [...certsGetKey, id] });
      refreshCertificates(queryClient);
    },
  });
}

export function useSelfSign() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'certs.selfSign'>) => client.call('certs.selfSign', input),
    onSuccess: () => refreshCertificates(queryClient),
  });
}

export function useCreateCsr() {
  const client = useClient();
  return useMutation({ mutationFn: (input: InputOf<'certs.createCsr'>) => client.call('certs.createCsr', input) });
}
