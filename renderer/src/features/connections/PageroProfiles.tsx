// Pagero send profiles: the Interchange API address, the document type and send mode of the endpoint, and how
// Courier logs in — Basic, or OAuth2 with the password grant (token endpoint, client id and secret). Passwords
// and secrets are write-only: typed in, sealed, afterwards shown only as "stored".
import { Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import type { PageroProfileSummary } from '../../../../shared/ipc';
import type { DeleteRequest } from '../../ui/ConfirmDeleteDialog';
import { SaveActions } from '../../ui/SaveActions';
import { SecretInput } from '../../ui/SecretInput';
import { useSaveForm } from '../../ui/useSaveForm';
import { ConnectionList } from './ConnectionList';
import { pageroDraftOf, toPageroInput, type PageroDraft } from './connectionDrafts';
import { useConnectionCall, usePageroProfiles } from './queries';

const authLabels = { basic: 'Basic', 'oauth2-password': 'OAuth2 (password grant)' } as const;

function PageroProfileForm({ profile, onDone }: { profile: PageroProfileSummary | null; onDone(): void }) {
  const headingId = useId();
  const save = useConnectionCall('pagero.profiles.save');
  const { draft, edit, errors, failure, saving, onSubmit } = useSaveForm({
    initial: () => pageroDraftOf(profile),
    check: (current) => toPageroInput(current, profile),
    save,
    forget: { password: '', clientSecret: '' },
    onSaved: onDone,
  });
  const oauth = draft.authMode === 'oauth2-password';

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
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
          <SecretInput label="Password" stored={profile?.sealed.login} value={draft.password} error={errors.password} onChange={(password) => edit({ password })} />
          {oauth && (
            <>
              <TextInput label="Token endpoint" withAsterisk value={draft.ssoUrl} error={errors.ssoUrl} onChange={(event) => edit({ ssoUrl: event.currentTarget.value })} />
              <div />
              <TextInput label="Client id" withAsterisk autoComplete="off" value={draft.clientId} error={errors.clientId} onChange={(event) => edit({ clientId: event.currentTarget.value })} />
              <SecretInput label="Client secret" stored={profile?.sealed.client} value={draft.clientSecret} error={errors.clientSecret} onChange={(clientSecret) => edit({ clientSecret })} />
            </>
          )}
        </SimpleGrid>
        <SaveActions label="Save Pagero profile" failureTitle="The profile was not saved" failure={failure} saving={saving} onCancel={onDone} />
      </Stack>
    </form>
  );
}

export function PageroProfiles({ onDelete }: { onDelete(request: DeleteRequest): void }) {
  const profiles = usePageroProfiles();
  const remove = useConnectionCall('pagero.profiles.delete');
  return (
    <ConnectionList
      title="Pagero profiles"
      noun="Pagero profile"
      list={{ rows: profiles.data?.profiles ?? [], isError: profiles.isError, isSuccess: profiles.isSuccess }}
      columns={['Name', 'Endpoint', 'Login']}
      cells={(profile) => (
        <>
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
        </>
      )}
      stays="What was sent with it stays in the History and the Outbox."
      remove={(profile) => remove({ profile: profile.id, confirm: true })}
      onDelete={onDelete}
      form={(profile, done) => <PageroProfileForm profile={profile} onDone={done} />}
    />
  );
}
