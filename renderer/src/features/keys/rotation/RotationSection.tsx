// A key's part in rotation, in its details: its role in words, the latest rotation it takes part in as a
// timeline, and the steps a person can take from here — rotate an active key, switch sending now, or
// cancel before the switch.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import type { KeyRotation, KeySummary } from '../../../../../shared/ipc';
import { useGenerationJob } from '../generationJobs';
import { useKeys } from '../queries';
import { ConfirmRotationStep } from './ConfirmRotationStep';
import { RoleBadge, roleMeaning } from './RoleBadge';
import { RotateKeyWizard } from './RotateKeyWizard';
import { rotationMilestones, type RotationNames } from './rotationPlan';
import { useCancelRotation, useRotation, useSwitchNow } from './rotationQueries';
import { RotationTimeline } from './RotationTimeline';

const unfinished = (rotation: KeyRotation | null) => rotation !== null && (rotation.state === 'planned' || rotation.state === 'ready');

function useRotationNames(rotation: KeyRotation | null): RotationNames {
  const keys = useKeys().data?.keys ?? [];
  const job = useGenerationJob(rotation?.jobId ?? null);
  const labelOf = (id: string | undefined) => keys.find((key) => key.id === id)?.label;
  return { old: labelOf(rotation?.predecessorId) ?? 'the old key', new: labelOf(rotation?.successorId) ?? job?.label ?? 'the new key' };
}

function relation(keySummary: KeySummary, rotation: KeyRotation, names: RotationNames): string {
  if (rotation.successorId === keySummary.id) return `Replaces “${names.old}”.`;
  if (rotation.state === 'cancelled') return `The rotation to “${names.new}” was cancelled.`;
  return rotation.state === 'planned' || rotation.state === 'ready' ? `Being replaced by “${names.new}”.` : `Replaced by “${names.new}”.`;
}

export function RotationSection({ keySummary }: { keySummary: KeySummary }) {
  const headingId = useId();
  const rotation = useRotation(keySummary.id).data ?? null;
  const names = useRotationNames(rotation);
  const [rotating, setRotating] = useState(false);
  const [confirming, setConfirming] = useState<'switch' | 'cancel' | null>(null);
  const switchNow = useSwitchNow();
  const cancelRotation = useCancelRotation();

  const ownOpen = unfinished(rotation) && rotation!.predecessorId === keySummary.id;
  const canRotate = keySummary.role === 'active' && !ownOpen;

  const step = { onSuccess: () => setConfirming(null) };
  const confirmSwitch = () => switchNow.mutate({ id: rotation!.predecessorId, names }, step);
  const confirmCancel = () => cancelRotation.mutate({ id: rotation!.predecessorId, names }, step);

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={3} id={headingId} size="h4">
        Rotation
      </Title>
      <Group gap="sm" wrap="nowrap" align="center">
        <RoleBadge role={keySummary.role} />
        <Text size="sm">{roleMeaning(keySummary.role)}</Text>
      </Group>
      {rotation ? (
        <>
          <Text size="sm">{relation(keySummary, rotation, names)}</Text>
          <RotationTimeline milestones={rotationMilestones(rotation, names)} label="Rotation timeline" />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          This key has not been rotated. Rotating makes a new key that takes over without a gap: both receive for a while, then the old one retires.
        </Text>
      )}
      <Group gap="sm">
        {canRotate && (
          <Button variant="light" onClick={() => setRotating(true)}>
            Rotate key…
          </Button>
        )}
        {rotation?.state === 'ready' && (
          <Button variant="light" onClick={() => setConfirming('switch')}>
            Switch now…
          </Button>
        )}
        {unfinished(rotation) && (
          <Button variant="outline" color="red" onClick={() => setConfirming('cancel')}>
            Cancel rotation…
          </Button>
        )}
      </Group>
      <RotateKeyWizard predecessor={rotating ? keySummary : null} onClose={() => setRotating(false)} />
      <ConfirmRotationStep
        opened={confirming === 'switch'}
        title="Switch sending now"
        confirmLabel="Switch now"
        tone="caution"
        pending={switchNow.isPending}
        onConfirm={confirmSwitch}
        onClose={() => setConfirming(null)}
      >
        From now on “{names.new}” signs what Courier sends and is the key partners are told to encrypt to. “{names.old}” keeps
        decrypting and verifying for the {rotation?.overlapDays ?? 0}-day overlap window, then retires. Partners must have the new
        certificate first. A switch cannot be rolled back.
      </ConfirmRotationStep>
      <ConfirmRotationStep
        opened={confirming === 'cancel'}
        title="Cancel rotation"
        confirmLabel="Cancel rotation"
        tone="danger"
        pending={cancelRotation.isPending}
        onConfirm={confirmCancel}
        onClose={() => setConfirming(null)}
      >
        “{names.new}” is removed, with its private key. “{names.old}” stays as it is and keeps sending and receiving. Anything a
        partner already encrypted to “{names.new}” can no longer be decrypted.
      </ConfirmRotationStep>
    </Stack>
  );
}
