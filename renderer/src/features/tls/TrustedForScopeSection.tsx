// "Trusted for this scope": the extra CAs and pinned keys a profile adds on top of the system's roots, so
// an officer sees what a profile accepts beyond the defaults and can take any of it back (after confirming).
import { Alert, Button, Code, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import type { TrustEntry } from '../../../../shared/ipc';
import type { TrustChange } from './inspectorStore';
import { useRemoveTrust, useTrustEntries } from './queries';
import type { ScopeChoice } from './scopeChoice';
import { useLastShown } from './useLastShown';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface Props {
  choice: ScopeChoice;
  onRemoved(change: TrustChange): void;
}

export function TrustedForScopeSection({ choice, onRemoved }: Props) {
  const headingId = useId();
  const scope = choice.kind === 'valid' ? choice.scope : null;
  const entries = useTrustEntries(scope);
  const [removing, setRemoving] = useState<TrustEntry | null>(null);
  const list = entries.data?.entries ?? [];

  return (
    <Stack component="section" aria-labelledby={headingId} gap="xs">
      <Title order={2} id={headingId}>
        Trusted for this scope
      </Title>
      {scope === null ? (
        <Text size="sm" c="dimmed">
          Choose a trust scope in the form above to see the extra CAs and pinned keys it adds to the system's roots.
        </Text>
      ) : list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {entries.isPending ? `Asking Courier what ${scope} trusts…` : entries.isError ? `What ${scope} trusts could not be loaded.` : `${scope} adds nothing: its connections trust the system's roots only.`}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={`Trusted for ${scope}`} striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Fingerprint</Table.Th>
                <Table.Th scope="col">Valid until</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.kind === 'ca' ? 'CA' : 'Pinned key'}</Table.Td>
                  <Table.Td className="break-anywhere">{entry.label ?? '—'}</Table.Td>
                  <Table.Td>
                    <Code className="break-anywhere">{entry.kind === 'ca' ? `SHA-256 ${entry.sha256Fingerprint ?? ''}` : `SPKI SHA-256 ${entry.spkiSha256}`}</Code>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.notAfter ? <time dateTime={entry.notAfter}>{dateFormat.format(new Date(entry.notAfter))}</time> : '—'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" color="red" onClick={() => setRemoving(entry)} aria-label={`Remove ${entry.label ?? entry.spkiSha256}`}>
                      Remove…
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RemoveTrustDialog entry={removing} onClose={() => setRemoving(null)} onRemoved={onRemoved} />
    </Stack>
  );
}

function RemoveTrustDialog({ entry: asked, onClose, onRemoved }: { entry: TrustEntry | null; onClose(): void; onRemoved(change: TrustChange): void }) {
  const removeTrust = useRemoveTrust();
  const entry = useLastShown(asked);
  const what = entry?.kind === 'pin' ? 'pinned key' : 'CA';
  const remove = () => {
    if (!entry) return;
    removeTrust.mutate(
      { scope: entry.scope, id: entry.id },
      {
        onSuccess: () => {
          onRemoved({ scope: entry.scope, title: `Removed from ${entry.scope}`, detail: `${entry.label ?? `The ${what}`} is no longer trusted for ${entry.scope}.` });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={asked !== null} onClose={onClose} title={`Remove a ${what} from ${entry?.scope ?? ''}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {entry && (
        <Stack gap="md">
          <Text size="sm" className="break-anywhere">
            {entry.kind === 'ca' ? 'CA' : 'Pinned key'}: <strong>{entry.label ?? entry.spkiSha256}</strong>
          </Text>
          <Alert color="yellow" variant="light" role="note" icon={<span aria-hidden="true">⚠</span>} title="What removing changes">
            {entry.kind === 'ca'
              ? `Connections of ${entry.scope} will refuse servers whose chain depends on this CA, unless the system's roots trust it.`
              : `Connections of ${entry.scope} will no longer accept this key as pinned; with no pin left, any server with a valid chain is accepted again.`}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={remove} loading={removeTrust.isPending}>
              Remove
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
