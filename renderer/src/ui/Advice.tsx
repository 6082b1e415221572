// A failure as Courier words it: what happened, then what to do about it, the same pair the CLI prints.
import { Stack, Text } from '@mantine/core';

export function Advice({ message, hint }: { message: string; hint?: string | undefined }) {
  return (
    <Stack gap={4}>
      <Text size="sm">{message}</Text>
      {hint && (
        <Text size="sm">
          <Text span fw={600} size="sm">
            What to do:
          </Text>{' '}
          {hint}
        </Text>
      )}
    </Stack>
  );
}
