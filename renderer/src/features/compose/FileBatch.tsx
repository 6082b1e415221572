// The files about to be sent, one row each: its size, what the check found, and where its upload stands
// (with its progress and a Cancel button while it runs); choosing a row shows its preview below the table.
import { Button, CloseButton, FileButton, Group, Paper, Progress, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import { sizeLabel } from '../messages/messageWords';
import { FilePreview } from './FilePreview';
import { checkSummary } from './previewWords';
import { useInspection, useTransfers } from './queries';
import { useSendBatch, type BatchFile } from './sendBatch';
import { progressPercent, transferLabel } from './transferWords';

function CheckCell({ entry }: { entry: BatchFile }) {
  const inspection = useInspection(entry);
  if (inspection.data) return <Text size="sm" c={inspection.data.ok ? undefined : 'red'}>{checkSummary(inspection.data)}</Text>;
  if (inspection.isError) return <Text size="sm" c="red">Could not be checked</Text>;
  if (inspection.isLoading) return <Text size="sm">Checking…</Text>;
  return <Text size="sm">Not checked (not CSV, TXT or XLSX)</Text>;
}

function StatusCell({ entry, onCancel }: { entry: BatchFile; onCancel(transferId: string): void }) {
  const { transfer } = entry;
  if (transfer.state === 'failed') {
    return (
      <Stack gap={2}>
        <Text size="sm" c="red">
          {transferLabel(transfer)}
        </Text>
        {transfer.hint && <Text size="xs">What to do: {transfer.hint}</Text>}
      </Stack>
    );
  }
  if (transfer.state !== 'uploading') return <Text size="sm" c={transfer.state === 'sent' ? 'teal' : undefined}>{transferLabel(transfer)}</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm">{transferLabel(transfer)}</Text>
      <Group gap="xs" wrap="nowrap">
        <Progress value={progressPercent(transfer.sentBytes, transfer.totalBytes)} aria-label={`Upload of ${entry.file.name}`} style={{ flex: 1 }} />
        <Button size="compact-xs" variant="default" onClick={() => onCancel(transfer.transferId)} aria-label={`Cancel upload of ${entry.file.name}`}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

export function FileBatch() {
  const headingId = useId();
  const files = useSendBatch((state) => state.files);
  const { add, remove, clear, clearSent } = useSendBatch.getState();
  const { cancel } = useTransfers();
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const shown = files.find((entry) => entry.key === chosenKey) ?? files[0] ?? null;
  const anySent = files.some((entry) => entry.transfer.state === 'sent');

  return (
    <Paper withBorder p="md" style={{ borderStyle: 'dashed' }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Title order={2} size="h4" id={headingId}>
              Files
            </Title>
            <Text size="sm" aria-live="polite">
              {files.length === 0
                ? 'Drop files here (anywhere in the window), or choose them. CSV, TXT and XLSX files are checked and previewed before anything is sent.'
                : `${files.length} ${files.length === 1 ? 'file' : 'files'}${files.length > 1 ? ', sent as a batch: each one separately to FISCAL, to Pagero separately or as one zip, together in one message to an AS2 partner' : ''}.`}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {anySent && (
              <Button variant="default" onClick={clearSent}>
                Remove sent files
              </Button>
            )}
            {files.length > 0 && (
              <Button variant="default" onClick={clear}>
                Remove all
              </Button>
            )}
            <FileButton onChange={add} multiple inputProps={{ 'aria-label': 'Choose files' }}>
              {(props) => (
                <Button {...props} variant="default" style={{ flexShrink: 0 }}>
                  Choose files…
                </Button>
              )}
            </FileButton>
          </Group>
        </Group>
        {files.length > 0 && (
          <Table aria-label="Files to send" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Size</Table.Th>
                <Table.Th scope="col">Check</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.map((entry) => (
                <Table.Tr key={entry.key} aria-selected={entry === shown}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => setChosenKey(entry.key)} aria-pressed={entry === shown} aria-label={`Preview ${entry.file.name}`}>
                      {entry.file.name}
                    </Button>
                  </Table.Td>
                  <Table.Td>{sizeLabel(entry.file.size)}</Table.Td>
                  <Table.Td>
                    <CheckCell entry={entry} />
                  </Table.Td>
                  <Table.Td>
                    <StatusCell entry={entry} onCancel={(transferId) => void cancel(transferId).catch(() => undefined)} />
                  </Table.Td>
                  <Table.Td>
                    <CloseButton size="sm" aria-label={`Remove ${entry.file.name}`} disabled={entry.transfer.state === 'uploading'} onClick={() => remove(entry.key)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {shown && <FilePreview key={shown.key} entry={shown} />}
      </Stack>
    </Paper>
  );
}
