// The Certificates page: partners' and CAs' certificates and those of our own keys — import them by dropping
// or choosing a file (PEM, DER, PKCS#7, PKCS#12), see which expire soon, read one with its chain, download or
// delete it.
import { Button, EmptyState, FileButton, Group, Overlay, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CertificateEntry } from '../../../../shared/ipc';
import { Page } from '../../ui/Page';
import { useOutcomeNotice } from '../keys/outcomeNotice';
import { OutcomeNoticeRegion } from '../keys/OutcomeNoticeRegion';
import { ACCEPTED_EXTENSIONS } from './certificateFile';
import { CertificateDetails } from './CertificateDetails';
import { CertificateTable } from './CertificateTable';
import { DeleteCertificateDialog } from './DeleteCertificateDialog';
import { Pkcs12PasswordDialog } from './Pkcs12PasswordDialog';
import { useCertificates } from './queries';
import { useCertificateImport } from './useCertificateImport';
import { useFileDrop } from '../../ui/useFileDrop';

/** The one filter: `?expiring=30`, which the sidebar badge and the expiry banner link to. */
export const EXPIRING_FILTER_DAYS = 30;

export function CertificatesPage() {
  const headingId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const expiringOnly = searchParams.get('expiring') === String(EXPIRING_FILTER_DAYS);
  const all = useCertificates();
  const filtered = useCertificates(expiringOnly ? EXPIRING_FILTER_DAYS : undefined);
  const importer = useCertificateImport();
  const dragging = useFileDrop((files) => void importer.importFiles(files));
  // `?certificate=ID` opens one (from a key's details or a link).
  const [selectedId, setSelectedId] = useState<string | null>(() => searchParams.get('certificate'));
  const [deleting, setDeleting] = useState<CertificateEntry | null>(null);

  const list = filtered.data?.certificates ?? [];
  const selected = all.data?.certificates.find((certificate) => certificate.id === selectedId) ?? null;
  const held = all.data?.certificates.length ?? 0;
  useEffect(() => () => useOutcomeNotice.getState().dismiss(), []);

  const setExpiringOnly = (on: boolean) =>
    setSearchParams((params) => {
      if (on) params.set('expiring', String(EXPIRING_FILTER_DAYS));
      else params.delete('expiring');
      return params;
    });

  return (
    <Page title="Certificates">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" maw={640}>
          Your partners' and CAs' certificates, and those of your own keys. Drop a certificate file anywhere on this page, or
          choose one: PEM, DER (.cer, .crt, .der), PKCS#7 (.p7b, .p7c) or PKCS#12 (.p12, .pfx), up to 1 MiB.
        </Text>
        <FileButton onChange={(files) => void importer.importFiles(files)} accept={ACCEPTED_EXTENSIONS.join(',')} multiple>
          {(props) => (
            <Button {...props} loading={importer.busy} style={{ flexShrink: 0 }}>
              Import certificate…
            </Button>
          )}
        </FileButton>
      </Group>
      <OutcomeNoticeRegion />
      <Stack gap="xs" component="section" aria-labelledby={headingId}>
        <Group justify="space-between">
          <Title order={2} id={headingId} size="h3">
            Certificates held
          </Title>
          <Switch label={`Expiring within ${EXPIRING_FILTER_DAYS} days`} checked={expiringOnly} onChange={(event) => setExpiringOnly(event.currentTarget.checked)} />
        </Group>
        {list.length > 0 ? (
          <CertificateTable certificates={list} selectedId={selectedId} onSelect={setSelectedId} labelledBy={headingId} />
        ) : filtered.isSuccess ? (
          expiringOnly && held > 0 ? (
            <Text size="sm">
              None of the {held} certificates expires within {EXPIRING_FILTER_DAYS} days.
            </Text>
          ) : (
            <EmptyState
              align="left"
              title="No certificates yet"
              styles={{ description: { color: 'var(--mantine-color-text)' } }}
              description="Import your partners' certificates and the CAs that issued them, or a PKCS#12 file with your own key and certificate."
            />
          )
        ) : (
          <Text size="sm" c="dimmed">
            {filtered.isError ? 'The certificates could not be loaded.' : 'Loading certificates…'}
          </Text>
        )}
        {list.length > 0 && !selected && (
          <Text size="sm" c="dimmed">
            Select a certificate to see its details and chain.
          </Text>
        )}
      </Stack>
      {selected && <CertificateDetails certificate={selected} onSelect={setSelectedId} onDelete={() => setDeleting(selected)} />}
      <Pkcs12PasswordDialog file={importer.awaitingPassword} onDone={importer.finishPassword} />
      <DeleteCertificateDialog certificate={deleting} onClose={() => setDeleting(null)} onDeleted={() => setSelectedId(null)} />
      {dragging && (
        <Overlay fixed color="var(--mantine-color-body)" backgroundOpacity={0.85} blur={2} zIndex={250} center>
          <Text size="xl" fw={600}>
            Drop to import the certificate file
          </Text>
        </Overlay>
      )}
    </Page>
  );
}
