// "Create CSR": a PKCS#10 request for one of our keys — subject, names, usages — and then the request
// itself, to copy or download and send to the CA. The CA's answer comes back through "Attach".
import { Button, Code, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import type { KeySummary, OutputOf } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { downloadText } from '../../ui/downloadText';
import { fileNameFor } from '../keys/keyFormat';
import { OwnCertificateFields } from './OwnCertificateFields';
import { checkRequest, useOwnCertificateRequest } from './ownCertificateRequest';
import { useCreateCsr } from './queries';

interface Props {
  keySummary: KeySummary | null;
  onClose(): void;
}

export function CsrDialog({ keySummary, onClose }: Props) {
  return (
    <Modal opened={keySummary !== null} onClose={onClose} title="Create certificate signing request" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {keySummary && <CsrForm keySummary={keySummary} onClose={onClose} />}
    </Modal>
  );
}

function CsrForm({ keySummary, onClose }: { keySummary: KeySummary; onClose(): void }) {
  const [request, setRequest] = useOwnCertificateRequest(keySummary);
  const [submitted, setSubmitted] = useState(false);
  const [csr, setCsr] = useState<OutputOf<'certs.createCsr'> | null>(null);
  const createCsr = useCreateCsr();
  const checked = checkRequest(request);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!checked.fields) return;
    createCsr.mutate({ keyId: keySummary.id, ...checked.fields }, { onSuccess: setCsr });
  };

  if (csr) return <CsrResult csr={csr} keyLabel={keySummary.label} onClose={onClose} />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          A request for a CA to certify “{keySummary.label}”. It holds the public key and the names below, signed with the
          private key, which never leaves Courier.
        </Text>
        <OwnCertificateFields
          request={request}
          onChange={setRequest}
          subjectError={submitted ? checked.subjectError : undefined}
          sansError={submitted ? checked.sansError : undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createCsr.isPending}>
            Create CSR
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CsrResult({ csr, keyLabel, onClose }: { csr: OutputOf<'certs.createCsr'>; keyLabel: string; onClose(): void }) {
  const headingId = useId();
  return (
    <Stack gap="md">
      <Stack gap={6} component="section" aria-labelledby={headingId}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} id={headingId} size="h5">
            CSR (PEM)
          </Title>
          <Group gap="xs">
            <CopyValueButton value={csr.pem} what="CSR" />
            <Button size="compact-xs" variant="subtle" onClick={() => downloadText(fileNameFor(keyLabel, '.csr'), csr.pem, 'application/pkcs10')} aria-describedby={headingId}>
              Download .csr
            </Button>
          </Group>
        </Group>
        <Code block tabIndex={0} aria-labelledby={headingId} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {csr.pem}
        </Code>
      </Stack>
      <Text size="sm">
        Send this to your CA for {csr.subject}. When the certificate comes back, use “Attach CA-signed certificate…” on this
        key.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
