// FISCAL profiles: where uploads go (region, customer and unit shortnames) and the access token made in FISCAL,
// typed in once and sealed (write-only), with its expiry and a reminder before it.
import { Badge, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import { fiscalRegions, type FiscalProfileSummary } from '../../../../shared/ipc';
import type { DeleteRequest } from '../../ui/ConfirmDeleteDialog';
import { SaveActions } from '../../ui/SaveActions';
import { SecretInput } from '../../ui/SecretInput';
import { useSaveForm } from '../../ui/useSaveForm';
import { ConnectionList } from './ConnectionList';
import { fiscalDraftOf, toFiscalInput, type FiscalDraft } from './connectionDrafts';
import { useConnectionCall, useFiscalProfiles } from './queries';

function FiscalProfileForm({ profile, onDone }: { profile: FiscalProfileSummary | null; onDone(): void }) {
  const headingId = useId();
  const save = useConnectionCall('fiscal.profiles.save');
  const { draft, edit, errors, failure, saving, onSubmit } = useSaveForm({
    initial: () => fiscalDraftOf(profile),
    check: (current) => toFiscalInput(current, profile),
    save,
    forget: { token: '' },
    onSaved: onDone,
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={4} id={headingId}>
          {profile ? `Edit FISCAL profile ${profile.name}` : 'New FISCAL profile'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Profile name" withAsterisk disabled={profile !== null} value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <Select label="Region" data={[...fiscalRegions]} allowDeselect={false} value={draft.region} onChange={(value) => value && edit({ region: value as FiscalDraft['region'] })} />
          <TextInput label="Customer shortname" description="From FISCAL: lowercase letters and digits." withAsterisk value={draft.customer} error={errors.customer} onChange={(event) => edit({ customer: event.currentTarget.value })} />
          <TextInput label="Unit shortname" description="Empty: the same as the customer (one unit)." value={draft.unit} error={errors.unit} onChange={(event) => edit({ unit: event.currentTarget.value })} />
          <SecretInput label="Access token" stored={profile?.access.stored} value={draft.token} error={errors.token} onChange={(token) => edit({ token })} />
          <TextInput
            label="Token valid until"
            description="The last day FISCAL showed for the token (YYYY-MM-DD); not needed when the token carries its expiry."
            placeholder="2026-12-31"
            value={draft.tokenExpiresOn}
            error={errors.tokenExpiresOn}
            onChange={(event) => edit({ tokenExpiresOn: event.currentTarget.value })}
          />
          <NumberInput label="Remind me (days before expiry)" min={1} max={365} value={draft.remindDaysBefore} error={errors.remindDaysBefore} onChange={(value) => edit({ remindDaysBefore: typeof value === 'number' ? value : Number(value) })} />
        </SimpleGrid>
        <SaveActions label="Save FISCAL profile" failureTitle="The profile was not saved" failure={failure} saving={saving} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function expiryText(profile: FiscalProfileSummary): string {
  const { access } = profile;
  if (!access.stored) return 'No token stored';
  if (access.expired) return `Expired on ${access.expiresOn}`;
  return `Valid until ${access.expiresOn} (${access.expiresInDays} ${access.expiresInDays === 1 ? 'day' : 'days'})`;
}

export function FiscalProfiles({ onDelete }: { onDelete(request: DeleteRequest): void }) {
  const profiles = useFiscalProfiles();
  const remove = useConnectionCall('fiscal.profiles.delete');
  return (
    <ConnectionList
      title="FISCAL profiles"
      noun="FISCAL profile"
      list={{ rows: profiles.data?.profiles ?? [], isError: profiles.isError, isSuccess: profiles.isSuccess }}
      columns={['Name', 'Customer / unit', 'Region', 'Access token']}
      cells={(profile) => (
        <>
          <Table.Td>{profile.name}</Table.Td>
          <Table.Td>
            {profile.customer} / {profile.unit}
          </Table.Td>
          <Table.Td>{profile.region}</Table.Td>
          <Table.Td>
            <Group gap="xs">
              <Text size="sm">{expiryText(profile)}</Text>
              {profile.access.reminder && (
                <Badge color={profile.access.expired ? 'red' : 'yellow'} title={profile.access.reminder}>
                  {profile.access.expired ? '✕ Expired' : '⚠ Expires soon'}
                </Badge>
              )}
            </Group>
          </Table.Td>
        </>
      )}
      stays="Its uploads stay in the History."
      remove={(profile) => remove({ profile: profile.id, confirm: true })}
      onDelete={onDelete}
      form={(profile, done) => <FiscalProfileForm profile={profile} onDone={done} />}
    />
  );
}
