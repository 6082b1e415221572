// "Delete profile": the profile and its sealed token and password go; the merchant keys stay in the
// keystore. Asked in the one confirmation every profile is deleted with.
import type { PacoProfileSummary } from '../../../../shared/ipc';
import { ConfirmDeleteDialog } from '../../ui/ConfirmDeleteDialog';
import { useDeletePacoProfile } from './queries';

export function DeleteProfileDialog({ profile, onClose, onDeleted }: { profile: PacoProfileSummary | null; onClose(): void; onDeleted(id: string): void }) {
  const remove = useDeletePacoProfile();
  const request = profile && {
    kind: 'PACO profile',
    name: profile.name,
    consequences: 'Its settings and its stored company token and Basic password are removed. The merchant keys stay in the keystore.',
    confirmLabel: 'Delete profile',
    remove: async () => {
      await remove(profile.id);
      onDeleted(profile.id);
    },
  };
  return <ConfirmDeleteDialog request={request} onClose={onClose} />;
}
