// Keys over the contract: the list and each key's public half (cached; a public key never changes),
// generation and its cancellation, deletion. The private-key export is deliberately not a react-query
// mutation: its input holds a passphrase, and a mutation keeps its input in the cache.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CourierError, type InputOf, type KeySummary, type OutputOf, type PublicJwk } from '../../../../shared/ipc';
import { useClient } from '../../ipc/ClientProvider';
import { endJobFromReply } from './generationJobs';

export const keysListKey = ['keys.list'] as const;

const publicKeyKey = (id: string, format: 'pem' | 'jwk') => ['keys.exportPublic', id, format] as const;

export function useKeys() {
  const client = useClient();
  return useQuery({ queryKey: keysListKey, queryFn: () => client.call('keys.list', {}) });
}

export function usePublicKeyPem(id: string) {
  const client = useClient();
  return useQuery({
    queryKey: publicKeyKey(id, 'pem'),
    queryFn: async (): Promise<string> => {
      const exported = await client.call('keys.exportPublic', { id, format: 'pem' });
      if (exported.format !== 'pem') throw new CourierError('INTERNAL', 'Courier answered with another format than PEM.');
      return exported.pem;
    },
    staleTime: Infinity,
  });
}

export function usePublicJwk(id: string) {
  const client = useClient();
  return useQuery({
    queryKey: publicKeyKey(id, 'jwk'),
    queryFn: async (): Promise<PublicJwk> => {
      const exported = await client.call('keys.exportPublic', { id, format: 'jwk' });
      if (exported.format !== 'jwk') throw new CourierError('INTERNAL', 'Courier answered with another format than JWK.');
      return exported.jwk;
    },
    staleTime: Infinity,
  });
}

export type GenerationOutcome = { state: 'succeeded'; key: KeySummary } | { state: 'cancelled' };

export type GenerationRequest = InputOf<'keys.generate'> & Required<Pick<InputOf<'keys.generate'>, 'algorithm'>>;

/** A cancelled generation is an outcome the user asked for, not a failure to toast. */
export function useGenerateKey() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: GenerationRequest): Promise<GenerationOutcome> => {
      try {
        return { state: 'succeeded', key: await client.call('keys.generate', request) };
      } catch (error) {
        if (error instanceof CourierError && error.code === 'CANCELLED') return { state: 'cancelled' };
        throw error;
      }
    },
    // These run even when the dialog that started the job has been closed meanwhile.
    onSuccess: (outcome, request) => {
      endJobFromReply(request.jobId, { state: outcome.state, key: outcome.state === 'succeeded' ? outcome.key : null });
      if (outcome.state === 'succeeded') void queryClient.invalidateQueries({ queryKey: keysListKey });
    },
    onError: (error, request) => {
      endJobFromReply(request.jobId, { state: 'failed', error: error instanceof CourierError ? error.toData() : null });
    },
  });
}

export function useCancelGeneration() {
  const client = useClient();
  return useMutation({ mutationFn: (jobId: string) => client.call('keys.cancelGeneration', { jobId }) });
}

export function useDeleteKey() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.call('keys.delete', { id, confirm: true }),
    onSuccess: ({ id }) => {
      queryClient.setQueryData<OutputOf<'keys.list'>>(keysListKey, (list) => list && { keys: list.keys.filter((key) => key.id !== id) });
      queryClient.removeQueries({ queryKey: ['keys.exportPublic', id] });
      void queryClient.invalidateQueries({ queryKey: keysListKey });
    },
  });
}

/** One call, its passphrase held only for its duration; the caller owns (and clears) the form. */
export function useExportPrivateKey(): (input: InputOf<'keys.exportPrivate'>) => Promise<OutputOf<'keys.exportPrivate'>> {
  const client = useClient();
  return (input) => client.call('keys.exportPrivate', input);
}
