// "Delete station" / "Delete partner": what goes and what stays (keys stay in the keystore, certificates in the
// catalog, messages in the archive), asked in the one confirmation every profile is deleted with.
import { ConfirmDeleteDialog } from '../../ui/ConfirmDeleteDialog';
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
  const request = target && { kind: target.kind, name: target.name, consequences: consequences[target.kind], confirmLabel: `Delete ${target.kind}`, remove: () => remove(target) };
  return <ConfirmDeleteDialog request={request} onClose={onClose} />;
}
