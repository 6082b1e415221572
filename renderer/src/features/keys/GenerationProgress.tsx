// A running key generation as the user watches it: an indeterminate indicator, the seconds so far
// ("Generating RSA 4096 key… 3 s") and the way to stop it. RSA prime search has no knowable length, so
// no percentage is shown.
import { Button, Group, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { KeyGenerationJob } from '../../../../shared/ipc';
import { algorithmLabel } from './keyFormat';
import { useCancelGeneration } from './queries';

function useElapsedSeconds(startedAt: string): number {
  const start = Date.parse(startedAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((now - start) / 1000));
}

export function GenerationProgress({ job, showLabel = false }: { job: KeyGenerationJob; showLabel?: boolean }) {
  const seconds = useElapsedSeconds(job.startedAt);
  const cancel = useCancelGeneration();
  const what = `${algorithmLabel(job.algorithm)} key`;
  return (
    <Group gap="sm" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap">
        <Loader size="sm" role="progressbar" aria-label={`Generating ${what} “${job.label}”`} />
        <Text size="sm">
          Generating {what}
          {showLabel && <> “{job.label}”</>}… <span style={{ fontVariantNumeric: 'tabular-nums' }}>{seconds} s</span>
        </Text>
      </Group>
      <Button
        variant="default"
        size="xs"
        onClick={() => cancel.mutate(job.jobId)}
        loading={cancel.isPending}
        aria-label={showLabel ? `Cancel generation of “${job.label}”` : undefined}
      >
        Cancel generation
      </Button>
    </Group>
  );
}
