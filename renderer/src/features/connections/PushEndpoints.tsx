// Where Pagero's HTTP client posts documents to Courier: one endpoint per setup, with the login Pagero uses —
// none, Basic, OAuth2 client credentials (Courier issues the tokens) or a client certificate from a given CA —
// and the static headers recorded with each document. Passwords and secrets are write-only.
import { NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import type { PageroEndpointSummary } from '../../../../shared/ipc';
import type { DeleteRequest } from '../../ui/ConfirmDeleteDialog';
import { SaveActions } from '../../ui/SaveActions';
import { SecretInput } from '../../ui/SecretInput';
import { useSaveForm } from '../../ui/useSaveForm';
import { ConnectionList } from './ConnectionList';
import { endpointDraftOf, toEndpointInput, type EndpointDraft } from './connectionDrafts';
import { useConnectionCall, usePageroEndpoints } from './queries';

const authLabels = { none: 'None', basic: 'Basic', 'oauth2-client-credentials': 'OAuth2 (client credentials)', mtls: 'Client certificate (mutual TLS)' } as const;

function EndpointForm({ endpoint, onDone }: { endpoint: PageroEndpointSummary | null; onDone(): void }) {
  const headingId = useId();
  const save = useConnectionCall('pagero.endpoints.save');
  const { draft, edit, errors, failure, saving, onSubmit } = useSaveForm({
    initial: () => endpointDraftOf(endpoint),
    check: (current) => toEndpointInput(current, endpoint),
    save,
    forget: { basicPassword: '', clientSecret: '' },
    onSaved: onDone,
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
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
              <SecretInput label="Password" stored={endpoint?.sealed.basic} value={draft.basicPassword} error={errors.basicPassword} onChange={(basicPassword) => edit({ basicPassword })} />
            </>
          )}
          {draft.authMode === 'oauth2-client-credentials' && (
            <>
              <TextInput label="Client id" withAsterisk autoComplete="off" value={draft.clientId} error={errors.clientId} onChange={(event) => edit({ clientId: event.currentTarget.value })} />
              <SecretInput label="Client secret" stored={endpoint?.sealed.client} value={draft.clientSecret} error={errors.clientSecret} onChange={(clientSecret) => edit({ clientSecret })} />
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
        <SaveActions label="Save push endpoint" failureTitle="The endpoint was not saved" failure={failure} saving={saving} onCancel={onDone} />
      </Stack>
    </form>
  );
}

export function PushEndpoints({ onDelete }: { onDelete(request: DeleteRequest): void }) {
  const endpoints = usePageroEndpoints();
  const remove = useConnectionCall('pagero.endpoints.delete');
  const listening = endpoints.data?.listening ?? [];
  return (
    <ConnectionList
      title="Pagero push endpoints"
      noun="push endpoint"
      list={{ rows: endpoints.data?.endpoints ?? [], isError: endpoints.isError, isSuccess: endpoints.isSuccess }}
      columns={['Name', 'Login', 'Address for Pagero']}
      cells={(endpoint) => (
        <>
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
        </>
      )}
      stays="Documents received through it stay in the Inbox."
      remove={(endpoint) => remove({ endpoint: endpoint.id, confirm: true })}
      onDelete={onDelete}
      form={(endpoint, done) => <EndpointForm endpoint={endpoint} onDone={done} />}
    >
      <Text size="sm">
        {listening.length > 0 ? `Courier listens for Pagero at ${listening.join(', ')}. Documents it receives appear in the Inbox.` : 'The push server is not running in this Courier; documents are received while `courier serve` runs.'}
      </Text>
    </ConnectionList>
  );
}
