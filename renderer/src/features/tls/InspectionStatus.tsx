// Where the inspection's outcome is announced: the progress while connecting, why no connection was made
// (CONNECTION_FAILED, TIMEOUT, BAD_INPUT — message and what to do), or the verdict on the chain. The live
// region is always in the page, so screen readers read each new outcome.
import { Alert, Box, Group, Loader, Text } from '@mantine/core';
import type { Ref } from 'react';
import type { ErrorCode, TlsInspection } from '../../../../shared/ipc';
import { Advice } from '../../ui/Advice';
import type { InspectionRun } from './inspectorStore';

const failureTitles: Partial<Record<ErrorCode, string>> = {
  CONNECTION_FAILED: 'No connection',
  TIMEOUT: 'No answer in time',
  BAD_INPUT: 'Not inspected: Courier refused the input',
  DISCONNECTED: 'Courier is not reachable',
};

function Verdict({ inspection }: { inspection: TlsInspection }) {
  const count = inspection.problems.length;
  const negotiated = [inspection.protocol, inspection.cipher].filter(Boolean).join(' · ');
  if (inspection.valid) {
    return (
      <Alert color="teal" variant="light" role="group" icon={<span aria-hidden="true">✓</span>} title="Chain valid">
        Courier connects to this server with this trust{negotiated ? `: ${negotiated}` : ''}.
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      role="group"
      icon={<span aria-hidden="true">✕</span>}
      title={count === 0 ? 'Chain not valid' : `Chain not valid — ${count === 1 ? '1 problem' : `${count} problems`}`}
    >
      Courier refuses this server{inspection.verdict ? ` (TLS verdict ${inspection.verdict})` : ''}
      {negotiated ? `; it offered ${negotiated}` : ''}. Each problem is shown with the certificate it concerns.
    </Alert>
  );
}

/** Focusable by code (not by Tab), so an inspection started from a control that then goes away keeps focus here. */
export function InspectionStatus({ run, ref }: { run: InspectionRun; ref?: Ref<HTMLDivElement> }) {
  return (
    <Box role="status" aria-label="Inspection" ref={ref} tabIndex={-1} className="inspection-status">
      {run.state === 'inspecting' && (
        <Group gap="sm">
          <Loader size="sm" aria-hidden="true" />
          <Text size="sm">
            Connecting to {run.target.host}:{run.target.port}…
          </Text>
        </Group>
      )}
      {run.state === 'failed' && (
        <Alert
          color="red"
          variant="light"
          role="group"
          icon={<span aria-hidden="true">✕</span>}
          title={(run.code && failureTitles[run.code]) ?? 'Inspection failed'}
          styles={{ message: { overflowWrap: 'anywhere' } }}
        >
          <Advice message={run.error.title} hint={run.error.hint} />
        </Alert>
      )}
      {run.state === 'done' && <Verdict inspection={run.inspection} />}
    </Box>
  );
}
