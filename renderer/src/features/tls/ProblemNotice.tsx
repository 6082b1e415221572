// One problem Courier found, as a person acts on it: what is wrong (a title, not only a colour), Courier's
// message, and what to do. The code is shown too, the same one `courier tls inspect` prints.
import { Alert, Code } from '@mantine/core';
import type { TlsProblem } from '../../../../shared/ipc';
import { Advice } from '../../ui/Advice';
import { problemTitles } from './certificateLabels';

export function ProblemNotice({ problem }: { problem: TlsProblem }) {
  return (
    <Alert
      color="red"
      variant="light"
      role="note"
      icon={<span aria-hidden="true">✕</span>}
      title={
        <>
          Problem: {problemTitles[problem.code]} <Code>{problem.code}</Code>
        </>
      }
      styles={{ message: { overflowWrap: 'anywhere' } }}
    >
      <Advice message={problem.message} hint={problem.hint} />
    </Alert>
  );
}
