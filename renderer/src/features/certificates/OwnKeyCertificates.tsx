// On a key's details: the certificates Courier holds for it (with their expiry), and the three ways to get
// one — make it self-signed, ask a CA with a CSR, attach what the CA sent back.
import { Anchor, Button, FileButton, Group, List, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { KeySummary } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { useUiStore } from '../../state/uiStore';
import { useOutcomeNotice } from '../keys/outcomeNotice';
import { FileRefusal } from '../../ui/fileContent';
import { readCertificateFile } from './certificateFile';
import { commonName, utcDayFormat } from './certificateWords';
import { CsrDialog } from './CsrDialog';
import { ExpiryBadge } from './ExpiryBadge';
import { useAttachCertificate, useCertificates } from './queries';
import { SelfSignDialog } from './SelfSignDialog';

function useAttachFile(keySummary: KeySummary) {
  const attach = useAttachCertificate();
  const [busy, setBusy] = useState(false);
  const attachFile = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const read = await readCertificateFile(file);
      const attached = await attach({ keyId: keySummary.id, fileName: read.fileName, contentBase64: read.contentBase64 });
      const chain = attached.chain.filter((entry) => !entry.alreadyPresent).length;
      useOutcomeNotice.getState().report({
        tone: 'success',
        title: attached.alreadyPresent ? 'Certificate already attached' : 'Certificate attached',
        detail: `${attached.certificate.subject}, issued by ${attached.certificate.issuer}, certifies “${keySummary.label}”${chain > 0 ? `; ${chain} chain certificate${chain === 1 ? '' : 's'} imported too` : ''}.`,
      });
    } catch (error) {
      useUiStore.getState().showToast(error instanceof FileRefusal ? { title: error.message, hint: error.hint } : describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return { attachFile, busy };
}

export function OwnKeyCertificates({ keySummary }: { keySummary: KeySummary }) {
  const headingId = useId();
  const certificates = useCertificates().data?.certificates.filter((certificate) => certificate.keyId === keySummary.id);
  const [selfSigning, setSelfSigning] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const { attachFile, busy } = useAttachFile(keySummary);
  return (
    <Stack gap={6} component="section" aria-labelledby={headingId}>
      <Title order={3} id={headingId} size="h5">
        Certificates
      </Title>
      {certificates && certificates.length > 0 ? (
        <List size="sm" listStyleType="none" spacing={4}>
          {certificates.map((certificate) => (
            <List.Item key={certificate.id}>
              <Group gap="xs">
                <Anchor component={Link} to={`/certificates?certificate=${certificate.id}`} size="sm">
                  {commonName(certificate.subject)}
                </Anchor>
                <Text span size="sm">
                  issued by {commonName(certificate.issuer)}, until {utcDayFormat.format(new Date(certificate.notAfter))}
                </Text>
                <ExpiryBadge certificate={certificate} />
              </Group>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          {certificates ? 'No certificate for this key yet.' : 'Asking Courier…'}
        </Text>
      )}
      <Group gap="sm">
        <Button variant="default" onClick={() => setSelfSigning(true)}>
          Create self-signed certificate…
        </Button>
        <Button variant="default" onClick={() => setRequesting(true)}>
          Create CSR…
        </Button>
        <FileButton onChange={(file) => void attachFile(file)} accept=".pem,.crt,.cer,.der,.p7b,.p7c">
          {(props) => (
            <Button variant="default" loading={busy} {...props}>
              Attach CA-signed certificate…
            </Button>
          )}
        </FileButton>
      </Group>
      <SelfSignDialog keySummary={selfSigning ? keySummary : null} onClose={() => setSelfSigning(false)} />
      <CsrDialog keySummary={requesting ? keySummary : null} onClose={() => setRequesting(false)} />
    </Stack>
  );
}
