// What went wrong with a message, in plain words with what to check — the first thing the message view shows
// when there is something to explain, as a region named "Explanation".
import { Alert, Stack, Text } from '@mantine/core';
import type { MessageProblem } from '../../../../shared/ipc';

export function ExplanationRegion({ problems }: { problems: MessageProblem[] }) {
  if (problems.length === 0) return null;
  return (
    // The region is a wrapper: Mantine's Alert names itself by its title (aria-labelledby), which would win over aria-label.
    <section aria-label="Explanation">
    <Alert color="red" variant="light" title="What went wrong">
      <Stack gap="sm">
        {problems.map((problem) => (
          <Stack gap={4} key={`${problem.code}:${problem.summary}`}>
            <Text size="sm">{problem.summary}</Text>
            <Text size="sm">
              <Text span fw={600} size="sm">
                What to check:
              </Text>{' '}
              {problem.whatToCheck}
            </Text>
            <Text size="xs" c="dimmed">
              Code: {problem.code}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Alert>
    </section>
  );
}
