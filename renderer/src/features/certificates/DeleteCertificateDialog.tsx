// "Delete certificate": names the certificate, says what stops working (a partner's certificate can no longer
// verify or encrypt; our own key stays but loses this certificate), and asks for a second click to confirm.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CertificateEntry } from '../../../../shared/ipc';
import { useOutcomeNotice } from '../keys/outcomeNotice';
import { commonName } from './certificateWords';
import { useDeleteCertificate } from './queries';

interface Props {
  certificate: CertificateEntry | null;
  onClose(): void;
  onDeleted(id: string): void;
}

export function DeleteCertificateDialog({ certificate, onClose, onDeleted }: Props) {
  const deleteCertificate = useDeleteCertificate();
  const confirm = () => {
    if (!certificate) return;
    deleteCertificate.mutate(certificate.id, {
      onSuccess: () => {
        useOutcomeNotice.getState().report({ tone: 'neutral', title: 'Certificate deleted', detail: `${certificate.subject} is no longer held by Courier.` });
        onDeleted(certificate.id);
        onClose();
      },
    });
  };
  return (
    <Modal opened={certificate !== null} onClose={onClose} title="Delete certificate" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {certificate && (
        <Stack gap="md">
          <Alert color="red" variant="light" role="note" title={`Delete “${commonName(certificate.subject)}”?`}>
            {certificate.keyId !== null
              ? 'The key pair stays in Courier, but this certificate is no longer sent with what it signs; partners may refuse messages until another certificate is attached.'
              : 'Courier can no longer verify what this certificate signed, encrypt to it, or build chains through it. Import it again if you need it back.'}
          </Alert>
          <Text size="sm" className="break-anywhere">
            {certificate.subject}, issued by {certificate.issuer}. The deletion is recorded in the audit log.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={deleteCertificate.isPending}>
              Delete certificate
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
