// The HTTPS connections beside the AS2 partners: FISCAL and Pagero profiles the Send page uploads with, and
// the endpoints Pagero pushes documents to.
import { Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { ConfirmDeleteDialog, type DeleteRequest } from '../../ui/ConfirmDeleteDialog';
import { FiscalProfiles } from './FiscalProfiles';
import { PageroProfiles } from './PageroProfiles';
import { PushEndpoints } from './PushEndpoints';

export function ConnectionsSection() {
  const headingId = useId();
  const [deleting, setDeleting] = useState<DeleteRequest | null>(null);
  return (
    <Stack gap="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Connections
      </Title>
      <Text size="sm" maw={720}>
        HTTPS services documents go to from the Send page — FISCAL uploads and the Pagero network — and the endpoints Pagero posts documents to.
        Tokens, passwords and secrets are sealed when saved and never shown again.
      </Text>
      <FiscalProfiles onDelete={setDeleting} />
      <PageroProfiles onDelete={setDeleting} />
      <PushEndpoints onDelete={setDeleting} />
      <ConfirmDeleteDialog request={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
