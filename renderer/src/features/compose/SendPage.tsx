// The Send page: the files (dropped anywhere in the window or chosen), each checked and previewed before
// anything leaves the machine, then where they go — an AS2 partner, FISCAL, Pagero or another destination of
// the list — and the History of uploads with the servers' answers.
import { Group, Overlay, Paper, Radio, Stack, Text } from '@mantine/core';
import { Page } from '../../ui/Page';
import { useFileDrop } from '../../ui/useFileDrop';
import { destinations } from './destinations';
import { FileBatch } from './FileBatch';
import { useSendBatch } from './sendBatch';
import { SendHistory } from './SendHistory';

export function SendPage() {
  const files = useSendBatch((state) => state.files);
  const destinationId = useSendBatch((state) => state.destination);
  const dragging = useFileDrop((dropped) => useSendBatch.getState().add(dropped));
  const destination = destinations.find((candidate) => candidate.id === destinationId) ?? destinations[0]!;
  const { Panel } = destination;

  return (
    <Page title="Send">
      <Text size="sm" maw={720}>
        Send documents to an AS2 partner, upload ERP extracts to FISCAL, or send e-invoices into the Pagero network. Drop the files anywhere
        in the window or choose them; CSV, TXT and XLSX files are checked and previewed here before anything is sent.
      </Text>
      <FileBatch />
      <Paper withBorder p="md">
        <Stack gap="md">
          <Radio.Group label="Send to" value={destination.id} onChange={(id) => useSendBatch.getState().setDestination(id)}>
            <Group gap="lg" mt={4}>
              {destinations.map((candidate) => (
                <Radio key={candidate.id} value={candidate.id} label={candidate.label} />
              ))}
            </Group>
          </Radio.Group>
          <Panel key={destination.id} files={files} />
        </Stack>
      </Paper>
      <SendHistory />
      {dragging && (
        <Overlay fixed color="var(--mantine-color-body)" backgroundOpacity={0.85} blur={2} zIndex={250} center>
          <Text size="xl" fw={600}>
            Drop to add these files
          </Text>
        </Overlay>
      )}
    </Page>
  );
}
