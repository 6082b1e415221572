// "Delete key": deleting is final and silently breaks whatever still relies on the key, so the dialog
// names the key, says what stops working, and asks for its label typed out before the button enables.
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { KeySummary } from '../../../../shared/ipc';
import { useOutcomeNotice } from './outcomeNotice';
import { useDeleteKey } from './queries';

interface Props {
  keySummary: KeySummary | null;
  onClose(): void;
  onDeleted(id: string): void;
}

export function DeleteKeyDialog({ keySummary, onClose, onDeleted }: Props) {
  return (
    <Modal opened={keySummary !== null} onClose={onClose} title="Delete key" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {keySummary && <DeleteKeyForm keySummary={keySummary} onClose={onClose} onDeleted={onDeleted} />}
    </Modal>
  );
}

function DeleteKeyForm({ keySummary, onClose, onDeleted }: { keySummary: KeySummary } & Omit<Props, 'keySummary'>) {
  const [typed, setTyped] = useState('');
  const deleteKey = useDeleteKey();
  const confirmed = typed === keySummary.label;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    deleteKey.mutate(keySummary.id, {
      onSuccess: () => {
        useOutcomeNotice.getState().report({ tone: 'neutral', title: 'Key deleted', detail: `“${keySummary.label}” and its encrypted file are gone.` });
        onDeleted(keySummary.id);
        onClose();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Alert color="red" variant="light" role="note" title={`Delete “${keySummary.label}”?`}>
          Messages and files encrypted to this key can no longer be decrypted, and nothing more can be signed with it. Partners
          who still encrypt to it will send what you cannot read. This cannot be undone: export the private key first if you
          may need it again.
        </Alert>
        <TextInput
          label={`Type “${keySummary.label}” to confirm`}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
        />
        <Text size="xs" c="dimmed">
          The deletion is recorded in the audit log.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" disabled={!confirmed} loading={deleteKey.isPending}>
            Delete key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
