// Where Pagero's HTTP client posts documents to Courier: one endpoint per setup, with the login Pagero uses —
// none, Basic, OAuth2 client credentials (Courier issues the tokens) or a client certificate from a given CA —
// and the static headers recorded with each document. Passwords and secrets are write-only.
import { Alert, Button, Group, NumberInput, Paper, PasswordInput, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import type { PageroEndpointSummary } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { Advice } from '../tls/Advice';
import { endpointDraftOf, toEndpointInput, type DraftErrors, type EndpointDraft } from './connectionDrafts';
import type { DeleteTarget } from './DeleteConnectionDialog';
import { useConnectionCall, usePageroEndpoints } from './queries';

const authLabels = { none: 'None', basic: 'Basic', 'oauth2-client-credentials': 'OAuth2 (client credentials)', mtls: 'Client certificate (mutual TLS)' } as const;
const storedNote = (stored: boolean | undefined) => (stored ? 'Stored. Leave empty to keep it; type a new value to replace it.' : 'Write-only: sealed in Courier and never shown again.');

function EndpointForm({ endpoint, onDone }: { endpoint: PageroEndpointSummary | null; onDone(): void }) {
  const headingId = useId();
  const save = useConnectionCall('pagero.endpoints.save');
  const [draft, setDraft] = useState<EndpointDraft>(() => endpointDraftOf(endpoint));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [saving, setSaving] = useState(false);
  const edit = (change: Partial<EndpointDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { input, errors: found } = toEndpointInput(draft, endpoint);
    setErrors(found);
    setFailure(null);
    if (input === null) return;
    setSaving(true);
    try {
      await save(input);
      setDraft((current) => ({ ...current, basicPassword: '', clientSecret: '' }));
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
          {endpoint ? `Edit push endpoint ${endpoint.name}` : 'New push endpoint'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Endpoint name" withAsterisk disabled={endpoint !== null} value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <Select
            label="Pagero logs in with"
            data={Object.entries(authLabels).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            value={draft.authMode}
            onChange={(value) => value && edit({ authMode: value as EndpointDraft['authMode'] })}
          />
          {draft.authMode === 'basic' && (
            <>
              <TextInput label="User name" withAsterisk autoComplete="off" value={draft.basicUser} error={errors.basicUser} onChange={(event) => edit({ basicUser: event.currentTarget.value })} />
              <PasswordInput
                label="Password"
                description={storedNote(endpoint?.sealed.basic)}
                withAsterisk={!endpoint?.sealed.basic}
                autoComplete="off"
                value={draft.basicPassword}
                error={errors.basicPassword}
                onChange={(event) => edit({ basicPassword: event.currentTarget.value })}
              />
            </>
          )}
          {draft.authMode === 'oauth2-client-credentials' && (
            <>
              <TextInput label="Client id" withAsterisk autoComplete="off" value={draft.clientId} error={errors.clientId} onChange={(event) => edit({ clientId: event.currentTarget.value })} />
              <PasswordInput
                label="Client secret"
                description={storedNote(endpoint?.sealed.client)}
                withAsterisk={!endpoint?.sealed.client}
                autoComplete="off"
                value={draft.clientSecret}
                error={errors.clientSecret}
                onChange={(event) => edit({ clientSecret: event.currentTarget.value })}
              />
              <NumberInput
                label="Token lifetime (seconds)"
                min={60}
                max={86_400}
                value={draft.accessLifetimeSeconds}
                error={errors.accessLifetimeSeconds}
                onChange={(value) => edit({ accessLifetimeSeconds: typeof value === 'number' ? value : Number(value) })}
              />
            </>
          )}
        </SimpleGrid>
        {draft.authMode === 'mtls' && (
          <Textarea
            label="CA of Pagero's client certificates (PEM)"
            description={endpoint?.clientCas.length ? `Trusted now: ${endpoint.clientCas.map((ca) => ca.subject).join('; ')}. Paste a PEM to replace.` : 'Client certificates must chain to this CA.'}
            autosize
            minRows={3}
            maxRows={10}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
            value={draft.clientCaPem}
            error={errors.clientCaPem}
            onChange={(event) => edit({ clientCaPem: event.currentTarget.value })}
          />
        )}
        <TextInput
          label="Headers to record"
          description="Static headers Pagero is set up to send (names, separated by commas); their values are kept with each document."
          value={draft.recordHeaders}
          error={errors.recordHeaders}
          onChange={(event) => edit({ recordHeaders: event.currentTarget.value })}
        />
        {failure && (
          <Alert color="red" variant="light" role="alert" title="The endpoint was not saved">
            <Advice message={failure.title} hint={failure.hint} />
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={saving}>
            Save push endpoint
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PushEndpoints({ onDelete }: { onDelete(target: DeleteTarget): void }) {
  const headingId = useId();
  const endpoints = usePageroEndpoints();
  const remove = useConnectionCall('pagero.endpoints.delete');
  const [editing, setEditing] = useState<{ endpoint: PageroEndpointSummary | null } | null>(null);
  const list = endpoints.data?.endpoints ?? [];
  const listening = endpoints.data?.listening ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={headingId}>
          Pagero push endpoints
        </Title>
        <Button variant="default" onClick={() => setEditing({ endpoint: null })} disabled={editing !== null}>
          Add push endpoint
        </Button>
      </Group>
      <Text size="sm">
        {listening.length > 0 ? `Courier listens for Pagero at ${listening.join(', ')}. Documents it receives appear in the Inbox.` : 'The push server is not running in this Courier; documents are received while `courier serve` runs.'}
      </Text>
      {list.length === 0 ? (
        <Text size="sm">{endpoints.isError ? 'The push endpoints could not be loaded.' : endpoints.isSuccess ? 'No push endpoints yet.' : 'Loading…'}</Text>
      ) : (
        <Table aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Login</Table.Th>
              <Table.Th scope="col">Address for Pagero</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((endpoint) => (
              <Table.Tr key={endpoint.id}>
                <Table.Td>{endpoint.name}</Table.Td>
                <Table.Td>{authLabels[endpoint.authMode]}</Table.Td>
                <Table.Td>
                  {endpoint.urls.documents.length + endpoint.urls.oauth.length === 0 && <Text size="sm">—</Text>}
                  {[...endpoint.urls.documents, ...endpoint.urls.oauth.map((url) => `Tokens: ${url}`)].map((line) => (
                    <Text key={line} size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {line}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing({ endpoint })} aria-label={`Edit push endpoint ${endpoint.name}`}>
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      color="red"
                      aria-label={`Delete push endpoint ${endpoint.name}`}
                      onClick={() => onDelete({ kind: 'push endpoint', name: endpoint.name, stays: 'Documents received through it stay in the Inbox.', remove: () => remove({ endpoint: endpoint.id, confirm: true }) })}
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
          <EndpointForm key={editing.endpoint?.id ?? 'new'} endpoint={editing.endpoint} onDone={() => setEditing(null)} />
        </Paper>
      )}
    </Stack>
  );
}
