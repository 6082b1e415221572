// AS2 Gateway accounts beside own stations: the hosted gateway's login (user and password, the password typed in
// once and sealed), whether a session is kept, the last sync, and "Sync now" to pull unread received messages
// into Inbox. Deleting an account asks once and keeps its messages.
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { AS2G_DEFAULT_BASE_URL, type As2gAccountSummary, type InputOf } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { ConfirmDeleteDialog, type DeleteRequest } from '../../ui/ConfirmDeleteDialog';
import { RowActions } from '../../ui/RowActions';
import { SaveActions } from '../../ui/SaveActions';
import { SecretInput } from '../../ui/SecretInput';
import { useSaveForm, type FieldErrors } from '../../ui/useSaveForm';
import { useGatewayAccounts, useGatewayCall } from './queries';

interface Draft {
  name: string;
  baseUrl: string;
  username: string;
  password: string;
}

/** The save input, or why not, field by field; the password is needed only for a new account. */
function toAccountInput(draft: Draft, account: As2gAccountSummary | null): { input: InputOf<'as2g.accounts.save'> | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(draft.name)) errors.name = 'A name is 1–64 letters, digits and . _ - (e.g. acme-gateway).';
  if (!/^https?:\/\/\S+$/.test(draft.baseUrl.trim())) errors.baseUrl = 'The base URL starts with https:// (http is only followed to https).';
  if (draft.username.trim() === '') errors.username = 'The e-mail address you log in to the gateway with.';
  if (!account && draft.password === '') errors.password = 'The gateway password is needed once; it is sealed and never shown again.';
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { name: draft.name, baseUrl: draft.baseUrl.trim(), username: draft.username.trim(), ...(draft.password ? { password: draft.password } : {}) }, errors };
}

function AccountForm({ account, onDone }: { account: As2gAccountSummary | null; onDone(): void }) {
  const headingId = useId();
  const save = useGatewayCall('as2g.accounts.save');
  const { draft, edit, errors, failure, saving, onSubmit } = useSaveForm({
    initial: (): Draft => ({ name: account?.name ?? '', baseUrl: account?.baseUrl ?? AS2G_DEFAULT_BASE_URL, username: account?.username ?? '', password: '' }),
    check: (current) => toAccountInput(current, account),
    save,
    forget: { password: '' },
    onSaved: onDone,
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={4} id={headingId}>
          {account ? `Edit gateway account ${account.name}` : 'New AS2 Gateway account'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Account name" withAsterisk disabled={account !== null} value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <TextInput label="Base URL" description={`The gateway's REST API v1, normally ${AS2G_DEFAULT_BASE_URL}.`} value={draft.baseUrl} error={errors.baseUrl} onChange={(event) => edit({ baseUrl: event.currentTarget.value })} />
          <TextInput label="User (e-mail)" withAsterisk autoComplete="off" value={draft.username} error={errors.username} onChange={(event) => edit({ username: event.currentTarget.value })} />
          <SecretInput label="Password" stored={account?.sealed.login} value={draft.password} error={errors.password} onChange={(password) => edit({ password })} />
        </SimpleGrid>
        <SaveActions label="Save gateway account" failureTitle="The account was not saved" failure={failure} saving={saving} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function AccountRow({ account, onEdit, onDelete }: { account: As2gAccountSummary; onEdit(): void; onDelete(): void }) {
  const login = useGatewayCall('as2g.login');
  const sync = useGatewayCall('as2g.sync');
  const [busy, setBusy] = useState<'login' | 'sync' | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string; hint?: string | undefined } | null>(null);
  const act = async (what: 'login' | 'sync') => {
    setBusy(what);
    setNote(null);
    try {
      if (what === 'login') {
        const result = await login({ account: account.id });
        setNote({ ok: true, text: `Logged in; session kept until ${result.sessionExpiresAt ?? 'shortly'}.` });
      } else {
        const result = await sync({ account: account.id });
        setNote({ ok: true, text: `Synced: ${result.stored} new in Inbox, ${result.markedRead} marked read, ${result.outboundUpdated} Outbox statuses updated.` });
      }
    } catch (error) {
      const description = describeError(error);
      setNote({ ok: false, text: description.title, hint: description.hint });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Table.Tr>
      <Table.Td>{account.name}</Table.Td>
      <Table.Td>
        <Text size="sm">{account.username}</Text>
        <Text size="xs" c="dimmed">
          {account.baseUrl} · trust scope {account.tlsScope}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={account.sealed.session ? 'teal' : 'gray'}>
          {account.sealed.session ? 'session kept' : 'no session'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{account.lastSyncAt ? new Date(account.lastSyncAt).toLocaleString() : 'never'}</Text>
        {account.lastSyncOutcome && (
          <Text size="xs" c="dimmed">
            {account.lastSyncOutcome}
          </Text>
        )}
        {note && (
          <Text size="xs" c={note.ok ? 'teal' : 'red'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
            {note.hint ? ` ${note.hint}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <RowActions subject={account.name} onEdit={onEdit} onDelete={onDelete}>
          <Button size="xs" variant="light" loading={busy === 'sync'} onClick={() => void act('sync')} aria-label={`Sync ${account.name} now`}>
            Sync now
          </Button>
          <Button size="xs" variant="default" loading={busy === 'login'} onClick={() => void act('login')} aria-label={`Log in to ${account.name}`}>
            Log in
          </Button>
        </RowActions>
      </Table.Td>
    </Table.Tr>
  );
}

export function GatewayAccountsSection() {
  const headingId = useId();
  const accounts = useGatewayAccounts();
  const remove = useGatewayCall('as2g.accounts.delete');
  const [editing, setEditing] = useState<As2gAccountSummary | 'new' | null>(null);
  const [deleting, setDeleting] = useState<DeleteRequest | null>(null);
  const list = accounts.data?.accounts ?? [];
  return (
    <Stack gap="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={2} size="h3" id={headingId}>
          AS2 Gateway accounts
        </Title>
        <Button variant="light" onClick={() => setEditing('new')}>
          Add gateway account
        </Button>
      </Group>
      <Text size="sm" maw={720}>
        Trading partners reached through the hosted AS2 Gateway instead of an own station. Courier pulls unread received messages into the Inbox (stored first, then
        marked read on the gateway) and shows sent ones in the Outbox with the gateway&apos;s delivery and MDN status.
      </Text>
      {editing !== null && (
        <Paper withBorder p="md">
          <AccountForm account={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        </Paper>
      )}
      {list.length === 0 ? (
        accounts.isSuccess && <Text size="sm">No AS2 Gateway accounts yet.</Text>
      ) : (
        <Table aria-labelledby={headingId} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Login</Table.Th>
              <Table.Th>Session</Table.Th>
              <Table.Th>Last sync</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                onEdit={() => setEditing(account)}
                onDelete={() =>
                  setDeleting({
                    kind: 'AS2 Gateway account',
                    name: account.name,
                    consequences: 'Its settings and stored secrets are removed. Its messages stay in Inbox and Outbox; nothing is deleted on the gateway.',
                    remove: () => remove({ account: account.id, confirm: true }),
                  })
                }
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDeleteDialog request={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
