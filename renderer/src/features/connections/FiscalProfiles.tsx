// FISCAL profiles: where uploads go (region, customer and unit shortnames) and the access token made in FISCAL,
// typed in once and sealed (write-only), with its expiry and a reminder before it.
import { Alert, Badge, Button, Group, NumberInput, Paper, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { fiscalRegions, type FiscalProfileSummary } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { Advice } from '../tls/Advice';
import { fiscalDraftOf, toFiscalInput, type DraftErrors, type FiscalDraft } from './connectionDrafts';
import type { DeleteTarget } from './DeleteConnectionDialog';
import { useConnectionCall, useFiscalProfiles } from './queries';

function FiscalProfileForm({ profile, onDone }: { profile: FiscalProfileSummary | null; onDone(): void }) {
  const headingId = useId();
  const save = useConnectionCall('fiscal.profiles.save');
  const [draft, setDraft] = useState<FiscalDraft>(() => fiscalDraftOf(profile));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [saving, setSaving] = useState(false);
  const edit = (change: Partial<FiscalDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { input, errors: found } = toFiscalInput(draft, profile);
    setErrors(found);
    setFailure(null);
    if (input === null) return;
    setSaving(true);
    try {
      await save(input);
      setDraft((current) => ({ ...current, token: '' }));
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
          {profile ? `Edit FISCAL profile ${profile.name}` : 'New FISCAL profile'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Profile name" withAsterisk disabled={profile !== null} value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <Select label="Region" data={[...fiscalRegions]} allowDeselect={false} value={draft.region} onChange={(value) => value && edit({ region: value as FiscalDraft['region'] })} />
          <TextInput label="Customer shortname" description="From FISCAL: lowercase letters and digits." withAsterisk value={draft.customer} error={errors.customer} onChange={(event) => edit({ customer: event.currentTarget.value })} />
          <TextInput label="Unit shortname" description="Empty: the same as the customer (one unit)." value={draft.unit} error={errors.unit} onChange={(event) => edit({ unit: event.currentTarget.value })} />
          <PasswordInput
            label="Access token"
            description={profile?.access.stored ? 'Stored. Leave empty to keep it; paste a new one to replace it.' : 'Write-only: sealed in Courier and never shown again.'}
            withAsterisk={!profile?.access.stored}
            autoComplete="off"
            value={draft.token}
            error={errors.token}
            onChange={(event) => edit({ token: event.currentTarget.value })}
          />
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
        {failure && (
          <Alert color="red" variant="light" role="alert" title="The profile was not saved">
            <Advice message={failure.title} hint={failure.hint} />
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={saving}>
            Save FISCAL profile
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
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

export function FiscalProfiles({ onDelete }: { onDelete(target: DeleteTarget): void }) {
  const headingId = useId();
  const profiles = useFiscalProfiles();
  const remove = useConnectionCall('fiscal.profiles.delete');
  const [editing, setEditing] = useState<{ profile: FiscalProfileSummary | null } | null>(null);
  const list = profiles.data?.profiles ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={headingId}>
          FISCAL profiles
        </Title>
        <Button variant="default" onClick={() => setEditing({ profile: null })} disabled={editing !== null}>
          Add FISCAL profile
        </Button>
      </Group>
      {list.length === 0 ? (
        <Text size="sm">{profiles.isError ? 'The FISCAL profiles could not be loaded.' : profiles.isSuccess ? 'No FISCAL profiles yet.' : 'Loading…'}</Text>
      ) : (
        <Table aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Customer / unit</Table.Th>
              <Table.Th scope="col">Region</Table.Th>
              <Table.Th scope="col">Access token</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((profile) => (
              <Table.Tr key={profile.id}>
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
                <Table.Td>
                  <Group gap="xs">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing({ profile })} aria-label={`Edit FISCAL profile ${profile.name}`}>
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      color="red"
                      aria-label={`Delete FISCAL profile ${profile.name}`}
                      onClick={() => onDelete({ kind: 'FISCAL profile', name: profile.name, stays: 'Its uploads stay in the History.', remove: () => remove({ profile: profile.id, confirm: true }) })}
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
          <FiscalProfileForm key={editing.profile?.id ?? 'new'} profile={editing.profile} onDone={() => setEditing(null)} />
        </Paper>
      )}
    </Stack>
  );
}
