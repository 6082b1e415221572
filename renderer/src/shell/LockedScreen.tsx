// What the browser shows without an access token: how to get in, and nothing else — no connection is tried.
import { Center, Code, Paper, Stack, Text, Title } from '@mantine/core';

export function LockedScreen() {
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="xl" maw={560}>
        <Stack gap="sm">
          <Title order={1}>Courier is locked</Title>
          <Text>
            Open the URL that <Code>courier serve</Code> or <Code>courier demo</Code> printed in your terminal. It carries the
            access token this page needs, and it changes each time Courier starts.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
