// Choose one of a partner's certificates: from those Courier holds, or imported on the spot from a file
// (PEM, DER or PKCS#7 — a partner's certificate is public, so never a PKCS#12), which then becomes the choice.
import { Button, FileButton, Group, Select } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../ipc/describeError';
import { useUiStore } from '../../state/uiStore';
import { FileRefusal } from '../../ui/fileContent';
import { readCertificateFile } from '../certificates/certificateFile';
import { commonName, expiryPhrase } from '../certificates/certificateWords';
import { useCertificates, useImportCertificateFile } from '../certificates/queries';

interface Props {
  label: string;
  description: string;
  value: string | null;
  error?: string | undefined;
  onChange(id: string | null): void;
}

const PUBLIC_CERTIFICATE_TYPES = '.pem,.crt,.cer,.der,.p7b,.p7c';

export function CertificateField({ label, description, value, error, onChange }: Props) {
  const certificates = useCertificates();
  const importFile = useImportCertificateFile();
  const [busy, setBusy] = useState(false);
  const data = (certificates.data?.certificates ?? [])
    .filter((certificate) => !certificate.isCa)
    .map((certificate) => ({
      value: certificate.id,
      label: `${commonName(certificate.subject)} — ${certificate.expiry === 'ok' ? `until ${certificate.notAfter.slice(0, 10)}` : expiryPhrase(certificate)}`,
    }));

  const importChosen = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const read = await readCertificateFile(file);
      if (read.pkcs12) throw new FileRefusal(`${file.name} is a PKCS#12 file, which holds a private key.`, "A partner's certificate is public: ask for it as PEM, DER (.cer, .crt) or PKCS#7 (.p7b).");
      const imported = await importFile({ fileName: read.fileName, contentBase64: read.contentBase64 });
      const leaf = imported.certificates.find((entry) => !entry.certificate.isCa) ?? imported.certificates[0];
      if (leaf) onChange(leaf.certificate.id);
    } catch (error) {
      const { showToast } = useUiStore.getState();
      showToast(error instanceof FileRefusal ? { title: error.message, hint: error.hint } : describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group align="flex-start" gap="xs" wrap="nowrap">
      <Select
        label={label}
        description={description}
        data={data}
        value={value}
        onChange={onChange}
        error={error}
        searchable
        clearable
        placeholder={data.length === 0 ? 'No certificates yet: import one' : 'Choose a certificate'}
        nothingFoundMessage="No certificate matches"
        style={{ flex: 1 }}
      />
      <FileButton onChange={(file) => void importChosen(file)} accept={PUBLIC_CERTIFICATE_TYPES}>
        {(props) => (
          <Button {...props} variant="default" loading={busy} mt={46} aria-label={`Import the ${label.toLowerCase()} from a file`}>
            Import file…
          </Button>
        )}
      </FileButton>
    </Group>
  );
}
