// Pagero send profiles: the Interchange API address, the document type and send mode of the endpoint, and how
// Courier logs in — Basic, or OAuth2 with the password grant (token endpoint, client id and secret). Passwords
// and secrets are write-only: typed in, sealed, afterwards shown only as "stored".
import { Alert, Button, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import type { PageroProfileSummary } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { Advice } from '../tls/Advice';
import { pageroDraftOf, toPageroInput, type DraftErrors, type PageroDraft } from './connectionDrafts';
import type { DeleteTarget } from './DeleteConnectionDialog';
import { useConnectionCall, usePageroProfiles } from './queries';

const authLabels = { basic: 'Basic', 'oauth2-password': 'OAuth2 (password grant)' } as const;
const storedNote = (stored: boolean | undefined) => (stored ? 'Stored. Leave empty to keep it; type a new value to replace it.' : 'Write-only: sealed in Courier and never shown again.');

function PageroProfileForm({ profile, onDone }: { profile: PageroProfileSummary | null; onDone(): void }) {
  const headingId = useId();
  const save = useConnectionCall('pagero.profiles.save');
  const [draft, setDraft] = useState<PageroDraft>(() => pageroDraftOf(profile));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [saving, setSaving] = useState(false);
  const edit = (change: Partial<PageroDraft>) => setDraft((current) => ({ ...current, ...change }));
  const oauth = draft.authMode === 'oauth2-password';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { input, errors: found } = toPageroInput(draft, profile);
    setErrors(found);
    setFailure(null);
    if (input === null) return;
    setSaving(true);
    try {
      await save(input);
      setDraft((current) => ({ ...current, password: '', clientSecret: '' }));
      onDone();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={4} id={headingId}>
          {profile ? `Edit Pagero profile ${profile.name}` : 'New Pagero profile'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Profile name" withAsterisk disabled={profile !== null} value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <TextInput label="Interchange API address" withAsterisk value={draft.baseUrl} error={errors.baseUrl} onChange={(event) => edit({ baseUrl: event.currentTarget.value })} />
          <TextInput label="Document type" description="From your interconnect specification, e.g. invoice." withAsterisk value={draft.documentType} error={errors.documentType} onChange={(event) => edit({ documentType: event.currentTarget.value })} />
          <TextInput label="Send mode" description="test while you try it out, prod for real documents." withAsterisk value={draft.sendMode} error={errors.sendMode} onChange={(event) => edit({ sendMode: event.currentTarget.value })} />
          <Select
            label="Login"
            data={Object.entries(authLabels).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            value={draft.authMode}
            onChange={(value) => value && edit({ authMode: value as PageroDraft['authMode'] })}
          />
          <div />
          <TextInput label="User name" withAsterisk autoComplete="off" value={draft.username} error={errors.username} onChange={(event) => edit({ username: event.currentTarget.value })} />
          <PasswordInput
            label="Password"
            description={storedNote(profile?.sealed.login)}
            withAsterisk={!profile?.sealed.login}
            autoComplete="off"
            value={draft.password}
            error={errors.password}
            onChange={(event) => edit({ password: event.currentTarget.value })}
          />
          {oauth && (
            <>
              <TextInput label="Token endpoint" withAsterisk value={draft.ssoUrl} error={errors.ssoUrl} onChange={(event) => edit({ ssoUrl: event.currentTarget.value })} />
              <div />
              <TextInput label="Client id" withAsterisk autoComplete="off" value={draft.clientId} error={errors.clientId} onChange={(event) => edit({ clientId: event.currentTarget.value })} />
              <PasswordInput
                label="Client secret"
                description={storedNote(profile?.sealed.client)}
                withAsterisk={!profile?.sealed.client}
                autoComplete="off"
                value={draft.clientSecret}
                error={errors.clientSecret}
                onChange={(event) => edit({ clientSecret: event.currentTarget.value })}
              />
            </>
          )}
        </SimpleGrid>
        {failure && (
          <Alert color="red" variant="light" role="alert" title="The profile was not saved">
            <Advice message={failure.title} hint={failure.hint} />
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={saving}>
            Save Pagero profile
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PageroProfiles({ onDelete }: { onDelete(target: DeleteTarget): void }) {
  const headingId = useId();
  const profiles = usePageroProfiles();
  const remove = useConnectionCall('pagero.profiles.delete');
  const [editing, setEditing] = useState<{ profile: PageroProfileSummary | null } | null>(null);
  const list = profiles.data?.profiles ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={headingId}>
          Pagero profiles
        </Title>
        <Button variant="default" onClick={() => setEditing({ profile: null })} disabled={editing !== null}>
          Add Pagero profile
        </Button>
      </Group>
      {list.length === 0 ? (
        <Text size="sm">{profiles.isError ? 'The Pagero profiles could not be loaded.' : profiles.isSuccess ? 'No Pagero profiles yet.' : 'Loading…'}</Text>
      ) : (
        <Table aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Endpoint</Table.Th>
              <Table.Th scope="col">Login</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((profile) => (
              <Table.Tr key={profile.id}>
                <Table.Td>{profile.name}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {profile.endpointUrl}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {authLabels[profile.authMode]} as {profile.username}
                  {profile.sealed.login ? '' : ' (no password stored)'}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing({ profile })} aria-label={`Edit Pagero profile ${profile.name}`}>
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      color="red"
                      aria-label={`Delete Pagero profile ${profile.name}`}
                      onClick={() => onDelete({ kind: 'Pagero profile', name: profile.name, stays: 'What was sent with it stays in the History and the Outbox.', remove: () => remove({ profile: profile.id, confirm: true }) })}
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <Paper withBorder p="md">
          <PageroProfileForm key={editing.profile?.id ?? 'new'} profile={editing.profile} onDone={() => setEditing(null)} />
        </Paper>
      )}
    </Stack>
  );
}
