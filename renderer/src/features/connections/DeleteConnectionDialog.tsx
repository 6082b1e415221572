// Deleting a FISCAL profile, a Pagero profile or a push endpoint: one explicit confirmation naming it and
// saying what goes (its settings and sealed secrets) and what stays (what was sent or received).
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { Advice } from '../tls/Advice';

export interface DeleteTarget {
  /** "FISCAL profile", "Pagero profile", "push endpoint". */
  kind: string;
  name: string;
  /** What stays after the delete, in words. */
  stays: string;
  remove(): Promise<unknown>;
}

export function DeleteConnectionDialog({ target, onClose }: { target: DeleteTarget | null; onClose(): void }) {
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const close = () => {
    setFailure(null);
    onClose();
  };
  const confirm = async () => {
    if (!target) return;
    setDeleting(true);
    setFailure(null);
    try {
      await target.remove();
      close();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setDeleting(false);
    }
  };
  return (
    <Modal opened={target !== null} onClose={close} title={`Delete ${target?.kind ?? ''}`} closeButtonProps={{ 'aria-label': 'Close' }}>
      {target && (
        <Stack gap="md">
          <Alert color="red" variant="light" role="note" title={`Delete “${target.name}”?`}>
            Its settings and stored secrets are removed. {target.stays}
          </Alert>
          {failure && (
            <Alert color="red" variant="light" role="alert" title="It was not deleted">
              <Advice message={failure.title} hint={failure.hint} />
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep it
            </Button>
            <Button color="red" loading={deleting} onClick={() => void confirm()}>
              Delete
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
