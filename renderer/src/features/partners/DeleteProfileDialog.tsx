// "Delete station" / "Delete partner": one explicit confirmation naming what goes and what stays (keys stay in
// the keystore, certificates in the catalog, messages in the archive).
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useDeleteProfile } from './queries';

export interface DeleteTarget {
  kind: 'station' | 'partner';
  id: string;
  name: string;
}

const consequences: Record<DeleteTarget['kind'], string> = {
  station: 'The station goes; its keys stay in the keystore. A station that partners still use cannot be deleted: move or delete them first.',
  partner: 'The profile goes; its messages stay in the Inbox and Outbox, and its certificates stay on the Certificates page.',
};

export function DeleteProfileDialog({ target, onClose }: { target: DeleteTarget | null; onClose(): void }) {
  const remove = useDeleteProfile();
  const what = target?.kind === 'station' ? 'station' : 'partner';
  return (
    <Modal opened={target !== null} onClose={onClose} title={`Delete ${what}`} closeButtonProps={{ 'aria-label': 'Close' }}>
      {target && (
        <Stack gap="md">
          <Alert color="red" variant="light" role="note" title={`Delete “${target.name}”?`}>
            {consequences[target.kind]}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ kind: target.kind, id: target.id }, { onSuccess: onClose })}>
              Delete {what}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
