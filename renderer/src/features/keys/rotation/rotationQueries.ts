// Rotations over the contract: a key's latest rotation (refreshed by the `keys.rotation` event), starting
// one (its successor's generation is an ordinary generation job, watched and cancelled as such), switching
// sending now, and cancelling before the switch. Each change refreshes the key list, whose roles it moves.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { CourierError, type InputOf, type KeyRotation } from '../../../../../shared/ipc';
import { useClient } from '../../../ipc/ClientProvider';
import { endJobFromReply } from '../generationJobs';
import { createdFormat } from '../keyFormat';
import { useOutcomeNotice } from '../outcomeNotice';
import { keysListKey } from '../queries';
import type { RotationNames } from './rotationPlan';

/** The prefix of every key's rotation query, for the event that may move any of them. */
export const rotationsKey = ['keys.rotation'] as const;

const rotationKey = (id: string) => [...rotationsKey, id] as const;

export function useRotation(id: string) {
  const client = useClient();
  return useQuery({ queryKey: rotationKey(id), queryFn: async () => (await client.call('keys.rotation', { id })).rotation });
}

/** What a rotation step changed: the roles in the list and any key's timeline. */
export function refreshRotations(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: keysListKey });
  void queryClient.invalidateQueries({ queryKey: rotationsKey });
}

export type RotationStartOutcome = { state: 'started'; rotation: KeyRotation } | { state: 'cancelled' };

export interface RotationStart {
  request: InputOf<'keys.rotate'>;
  names: RotationNames;
}

function tellStart(outcome: RotationStartOutcome, names: RotationNames): void {
  const { report } = useOutcomeNotice.getState();
  if (outcome.state === 'cancelled') {
    report({ tone: 'neutral', title: 'Rotation cancelled', detail: `Nothing was stored; “${names.old}” is unchanged.` });
    return;
  }
  const { rotation } = outcome;
  const when = (iso: string) => createdFormat.format(new Date(iso));
  if (rotation.state === 'switched' || rotation.state === 'retired') {
    const until = rotation.retireAt ? ` until ${when(rotation.retireAt)}` : '';
    report({ tone: 'success', title: 'Rotation started; sending switched', detail: `“${names.new}” now signs what Courier sends; “${names.old}” keeps receiving${until}.` });
    return;
  }
  const until = rotation.switchAt ? `until ${when(rotation.switchAt)}` : 'until you choose “Switch now”';
  report({ tone: 'success', title: 'Rotation started', detail: `“${names.new}” is stored and accepts messages; “${names.old}” keeps sending ${until}.` });
}

/** A rotation whose generation was cancelled is an outcome the user asked for, not a failure to toast. */
export function useStartRotation() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ request }: RotationStart): Promise<RotationStartOutcome> => {
      try {
        return { state: 'started', rotation: await client.call('keys.rotate', request) };
      } catch (error) {
        if (error instanceof CourierError && error.code === 'CANCELLED') return { state: 'cancelled' };
        throw error;
      }
    },
    // These run even when the wizard that started the rotation has been closed meanwhile.
    onSuccess: (outcome, { request, names }) => {
      endJobFromReply(request.jobId, { state: outcome.state === 'started' ? 'succeeded' : 'cancelled' });
      tellStart(outcome, names);
      refreshRotations(queryClient);
    },
    onError: (error, { request }) => {
      endJobFromReply(request.jobId, { state: 'failed', error: error instanceof CourierError ? error.toData() : null });
      refreshRotations(queryClient);
    },
  });
}

export interface RotationStep {
  /** Any key of the rotation; its latest rotation is the one moved. */
  id: string;
  names: RotationNames;
}

/** The outcome is told here, not by the dialog: the details that asked may be gone by the reply. */
export function useSwitchNow() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: RotationStep) => client.call('keys.switchNow', { id }),
    onSuccess: (rotation, { names }) => {
      const until = rotation.retireAt ? ` until ${createdFormat.format(new Date(rotation.retireAt))}` : '';
      const detail = `“${names.new}” now signs what Courier sends; “${names.old}” keeps receiving${until}.`;
      useOutcomeNotice.getState().report({ tone: 'success', title: 'Sending switched', detail });
    },
    onSettled: () => refreshRotations(queryClient),
  });
}

export function useCancelRotation() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: RotationStep) => client.call('keys.cancelRotation', { id, confirm: true }),
    onSuccess: (rotation, { names }) => {
      const removed = rotation.readyAt ? `“${names.new}” was removed; ` : 'Nothing was stored; ';
      useOutcomeNotice.getState().report({ tone: 'neutral', title: 'Rotation cancelled', detail: `${removed}“${names.old}” is unchanged.` });
    },
    onSettled: () => refreshRotations(queryClient),
  });
}
