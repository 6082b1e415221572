// "Delete profile": the profile and its sealed token and password go; the merchant keys stay in the
// keystore. One explicit confirmation, naming the profile.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { PacoProfileSummary } from '../../../../shared/ipc';
import { useDeletePacoProfile } from './queries';

export function DeleteProfileDialog({ profile, onClose, onDeleted }: { profile: PacoProfileSummary | null; onClose(): void; onDeleted(id: string): void }) {
  const remove = useDeletePacoProfile();
  return (
    <Modal opened={profile !== null} onClose={onClose} title="Delete PACO profile" closeButtonProps={{ 'aria-label': 'Close' }}>
      {profile && (
        <Stack gap="md">
          <Alert color="red" variant="light" role="note" title={`Delete “${profile.name}”?`}>
            Its settings and its stored company token and Basic password are removed. The merchant keys stay in the keystore.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(profile.id, {
                  onSuccess: () => {
                    onDeleted(profile.id);
                    onClose();
                  },
                })
              }
            >
              Delete profile
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
