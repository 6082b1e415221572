// Sending over the contract: the preview of a file, and the sends. Sends are plain calls, not react-query mutations: their input holds the
// whole document (up to 32 MiB), which a mutation would keep in the cache. The Outbox and History learn of
// them from the lists' refresh.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { MAX_CONTRACT_PAYLOAD_BYTES, type DocumentInspection, type InputOf, type OutputOf } from '../../../../shared/ipc';
import type { CourierClient } from '../../ipc/client';
import { useClient } from '../../ipc/ClientProvider';
import { readAsBase64 } from '../../ui/fileContent';
import { messagesListKey } from '../messages/queries';
import { isSendableByDrop, type BatchFile } from './sendBatch';

export function useSendDocument(): (input: InputOf<'as2.send'>) => Promise<OutputOf<'as2.send'>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (input) => {
      const queued = await client.call('as2.send', input);
      void queryClient.invalidateQueries({ queryKey: messagesListKey });
      return queued;
    },
    [client, queryClient],
  );
}

/**
 * The preview and checks of one file in the batch, by Courier's FISCAL inspector: the whole file goes (the
 * page sends nothing larger than the contract's 32 MiB anyway); the answer holds only the first rows.
 */
function inspectionQuery(client: CourierClient, entry: BatchFile | null) {
  return {
    queryKey: ['fiscal.inspect', entry?.key ?? null],
    enabled: entry !== null && isSendableByDrop(entry.file.name) && entry.file.size <= MAX_CONTRACT_PAYLOAD_BYTES,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
    queryFn: async () => client.call('fiscal.inspect', { document: { fileName: entry!.file.name, contentBase64: await readAsBase64(entry!.file) } }),
  };
}

export function useInspection(entry: BatchFile | null) {
  return useQuery(inspectionQuery(useClient(), entry));
}

/** The checks that have answered for these files, by batch key (the table and the panels share them). */
export function useInspections(entries: readonly BatchFile[]): Map<string, DocumentInspection> {
  const client = useClient();
  const results = useQueries({ queries: entries.map((entry) => inspectionQuery(client, entry)) });
  const found = new Map<string, DocumentInspection>();
  results.forEach((result, index) => {
    if (result.data) found.set(entries[index]!.key, result.data);
  });
  return found;
}

/** Uploads and their cancellation: plain calls whose input holds the whole file, kept out of any cache. */
export function useTransfers() {
  const client = useClient();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: messagesListKey });
  return {
    fiscalUpload: async (input: InputOf<'fiscal.upload'>) => {
      try {
        return await client.call('fiscal.upload', input);
      } finally {
        refresh();
      }
    },
    pageroSend: async (input: InputOf<'pagero.send'>) => {
      try {
        return await client.call('pagero.send', input);
      } finally {
        refresh();
      }
    },
    cancel: (transferId: string) => client.call('transfers.cancel', { transferId }),
  };
}

