// One titled part of the message view, a landmark named by its heading so it can be found and skipped to.
import { Paper, Stack, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export function ViewSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
