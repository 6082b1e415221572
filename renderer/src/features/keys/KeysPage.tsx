// The Keys page: the key pairs this Courier signs and decrypts with — generate one, read its public half
// and fingerprints, export its private half encrypted, delete it.
import { Button, EmptyState, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useId, useState } from 'react';
import { useLocation } from 'react-router-dom';
import type { KeySummary } from '../../../../shared/ipc';
import { Page } from '../../ui/Page';
import { DeleteKeyDialog } from './DeleteKeyDialog';
import { ExportPrivateKeyDialog } from './ExportPrivateKeyDialog';
import { GenerateKeyDialog } from './GenerateKeyDialog';
import { GenerationProgress } from './GenerationProgress';
import { useRunningJobs } from './generationJobs';
import { KeyDetails } from './KeyDetails';
import { KeyTable } from './KeyTable';
import { useOutcomeNotice } from './outcomeNotice';
import { OutcomeNoticeRegion } from './OutcomeNoticeRegion';
import { useKeys } from './queries';

export function KeysPage() {
  const headingId = useId();
  const keys = useKeys();
  const running = useRunningJobs();
  // `?key=ID` opens one (from a certificate's details).
  const { search } = useLocation();
  const [selectedId, setSelectedId] = useState<string | null>(() => new URLSearchParams(search).get('key'));
  const [generating, setGenerating] = useState(false);
  const [exporting, setExporting] = useState<KeySummary | null>(null);
  const [deleting, setDeleting] = useState<KeySummary | null>(null);

  const list = keys.data?.keys ?? [];
  const selected = list.find((key) => key.id === selectedId) ?? null;
  const closeGenerate = useCallback(() => setGenerating(false), []);
  const selectGenerated = useCallback((key: KeySummary) => setSelectedId(key.id), []);
  // What just finished is news on this visit only; coming back later should not show it again.
  useEffect(() => () => useOutcomeNotice.getState().dismiss(), []);

  return (
    <Page title="Keys">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" maw={640}>
          Key pairs for signing and decrypting with your partners. Private keys stay encrypted inside Courier; only public keys
          and fingerprints are shown here.
        </Text>
        <Button onClick={() => setGenerating(true)}>Generate key</Button>
      </Group>
      <OutcomeNoticeRegion />
      {running.length > 0 && (
        <Paper withBorder p="sm" component="section" aria-label="Generations in progress">
          <Stack gap="xs">
            {running.map((job) => (
              <GenerationProgress key={job.jobId} job={job} showLabel />
            ))}
          </Stack>
        </Paper>
      )}
      <Stack gap="xs" component="section" aria-labelledby={headingId}>
        <Title order={2} id={headingId} size="h3">
          Key pairs
        </Title>
        {list.length > 0 ? (
          <KeyTable keys={list} selectedId={selectedId} onSelect={setSelectedId} labelledBy={headingId} />
        ) : keys.isSuccess ? (
          <EmptyState
            align="left"
            title="No keys yet"
            styles={{ description: { color: 'var(--mantine-color-text)' } }}
            description="Generate a key pair for each thing Courier signs or decrypts: PACO requests, AS2 messages, TLS client authentication."
          >
            <EmptyState.Actions>
              <Button variant="light" onClick={() => setGenerating(true)}>
                Generate your first key
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <Text size="sm" c="dimmed">
            {keys.isError ? 'The keys could not be loaded.' : 'Loading keys…'}
          </Text>
        )}
        {list.length > 0 && !selected && (
          <Text size="sm" c="dimmed">
            Select a key to see its public key, fingerprints and actions.
          </Text>
        )}
      </Stack>
      {selected && (
        <KeyDetails
          keySummary={selected}
          successorLabel={list.find((key) => key.id === selected.successorId)?.label}
          onExportPrivate={() => setExporting(selected)}
          onDelete={() => setDeleting(selected)}
        />
      )}
      <GenerateKeyDialog opened={generating} onClose={closeGenerate} onGenerated={selectGenerated} />
      <ExportPrivateKeyDialog keySummary={exporting} onClose={() => setExporting(null)} />
      <DeleteKeyDialog keySummary={deleting} onClose={() => setDeleting(null)} onDeleted={() => setSelectedId(null)} />
    </Page>
  );
}
