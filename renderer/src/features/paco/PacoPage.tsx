// The PACO page: the 2C2P profiles this Courier pays through (create, edit, delete) and a console to send
// a payment, inquiry, void, settlement or refund with one and read the verified answer.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import type { PacoProfileSummary } from '../../../../shared/ipc';
import { Page } from '../../ui/Page';
import { CallPanel } from './CallPanel';
import { DeleteProfileDialog } from './DeleteProfileDialog';
import { ProfileForm } from './ProfileForm';
import { ProfileList } from './ProfileList';
import { usePacoProfiles } from './queries';

type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; profile: PacoProfileSummary };

export function PacoPage() {
  const headingId = useId();
  const profiles = usePacoProfiles();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [deleting, setDeleting] = useState<PacoProfileSummary | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const list = profiles.data?.profiles ?? [];
  // With one profile there is nothing to choose.
  const profileId = list.some((profile) => profile.id === chosenId) ? chosenId : list.length === 1 ? list[0]!.id : null;

  return (
    <Page title="Payments (PACO)">
      <Text size="sm" maw={720}>
        Send requests to 2C2P PACO and read its answers. Every request is signed with your merchant key and encrypted to PACO;
        every answer is decrypted and its signature and claims checked before it is shown.
      </Text>
      <Stack gap="xs" component="section" aria-labelledby={headingId}>
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            Profiles
          </Title>
          <Button onClick={() => setEditing({ mode: 'new' })} disabled={editing.mode !== 'closed'}>
            New profile
          </Button>
        </Group>
        {list.length > 0 ? (
          <ProfileList profiles={list} labelledBy={headingId} onEdit={(profile) => setEditing({ mode: 'edit', profile })} onDelete={setDeleting} />
        ) : (
          <Text size="sm">
            {profiles.isSuccess ? 'No PACO profiles yet. Create one with the URL, credentials and keys from your 2C2P onboarding.' : profiles.isError ? 'The profiles could not be loaded.' : 'Loading profiles…'}
          </Text>
        )}
      </Stack>
      {editing.mode !== 'closed' && (
        <Paper withBorder p="md">
          <ProfileForm
            key={editing.mode === 'edit' ? editing.profile.id : 'new'}
            profile={editing.mode === 'edit' ? editing.profile : null}
            onSaved={(saved) => {
              setEditing({ mode: 'closed' });
              setChosenId(saved.id);
            }}
            onCancel={() => setEditing({ mode: 'closed' })}
          />
        </Paper>
      )}
      <CallPanel profiles={list} profileId={profileId} onProfileChange={setChosenId} />
      <DeleteProfileDialog profile={deleting} onClose={() => setDeleting(null)} onDeleted={(id) => id === chosenId && setChosenId(null)} />
    </Page>
  );
}
