// Deleting a profile, partner, station, connection or account: one explicit confirmation naming it and saying
// what goes and what stays, and, when Courier refuses, why, inside the dialog that asked.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { describeError, type ErrorDescription } from '../ipc/describeError';
import { FormFailure } from './FormFailure';

export interface DeleteRequest {
  /** What it is, e.g. "FISCAL profile", "station"; the dialog is titled "Delete <kind>". */
  kind: string;
  name: string;
  /** What goes and what stays, in words. */
  consequences: string;
  /** The confirm button's words; "Delete" unless said. */
  confirmLabel?: string;
  remove(): Promise<unknown>;
}

export function ConfirmDeleteDialog({ request, onClose }: { request: DeleteRequest | null; onClose(): void }) {
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const close = () => {
    setFailure(null);
    onClose();
  };
  const confirm = async () => {
    if (!request) return;
    setDeleting(true);
    setFailure(null);
    try {
      await request.remove();
      close();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setDeleting(false);
    }
  };
  return (
    <Modal opened={request !== null} onClose={close} title={`Delete ${request?.kind ?? ''}`} closeButtonProps={{ 'aria-label': 'Close' }}>
      {request && (
        <Stack gap="md">
          <Alert color="red" variant="light" role="note" title={`Delete “${request.name}”?`}>
            {request.consequences}
          </Alert>
          <FormFailure title="It was not deleted" failure={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep it
            </Button>
            <Button color="red" loading={deleting} onClick={() => void confirm()}>
              {request.confirmLabel ?? 'Delete'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
