// Every page starts the same way: one h1 naming it, focusable so that navigation can move focus there
// and screen readers announce where the user has arrived.
import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="lg">
      <Title order={1} tabIndex={-1} data-page-heading>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
