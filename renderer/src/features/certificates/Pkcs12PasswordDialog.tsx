// "Open PKCS#12 file": the password of a .p12/.pfx, what its key is for, and an optional label. The password
// lives only in this form's state (gone when the dialog closes) and in the one call's input; a wrong one is
// said here, and the user tries again.
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { CourierError, type KeyPurpose } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { purposeChoices } from '../keys/keyChoices';
import { useOutcomeNotice } from '../keys/outcomeNotice';
import type { CertificateFile } from './certificateFile';
import { importOutcome } from './importOutcome';
import { useImportCertificateFile } from './queries';

interface Props {
  file: CertificateFile | null;
  onDone(): void;
}

export function Pkcs12PasswordDialog({ file, onDone }: Props) {
  return (
    <Modal opened={file !== null} onClose={onDone} title="Open PKCS#12 file" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {/* Keyed by file: the next file in the queue starts with an empty form. */}
      {file && <Pkcs12PasswordForm key={`${file.fileName}:${file.contentBase64.length}`} file={file} onDone={onDone} />}
    </Modal>
  );
}

function Pkcs12PasswordForm({ file, onDone }: { file: CertificateFile; onDone(): void }) {
  const importFile = useImportCertificateFile();
  const [password, setPassword] = useState('');
  const [purpose, setPurpose] = useState<KeyPurpose>('as2-signing');
  const [label, setLabel] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<(ErrorDescription & { wrongPassword: boolean }) | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setFailure(null);
    try {
      const trimmed = label.trim();
      const imported = await importFile({ fileName: file.fileName, contentBase64: file.contentBase64, password, purpose, ...(trimmed ? { label: trimmed } : {}) });
      useOutcomeNotice.getState().report(importOutcome(file.fileName, imported));
      onDone();
    } catch (error) {
      const wrongPassword = error instanceof CourierError && (error.code === 'WRONG_PASSWORD' || error.code === 'PASSWORD_REQUIRED');
      setFailure({ ...describeError(error), wrongPassword });
      if (wrongPassword) setPassword('');
      setPending(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Text size="sm">
          <strong>{file.fileName}</strong> is a PKCS#12 file: it holds a private key with its certificates, protected by a
          password. Courier stores the key encrypted in its keystore and the certificates in this list.
        </Text>
        <PasswordInput
          label="Password"
          description="The password the file was exported with. It is sent to Courier for this import only and not kept."
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={failure?.wrongPassword ? 'Wrong password: try again.' : undefined}
          autoComplete="off"
          data-autofocus
        />
        <Select
          label="What the key is for"
          data={purposeChoices.map(({ value, label: text }) => ({ value, label: text }))}
          value={purpose}
          onChange={(value) => setPurpose(purposeChoices.find((choice) => choice.value === value)?.value ?? purpose)}
          description={purposeChoices.find((choice) => choice.value === purpose)?.description}
          allowDeselect={false}
        />
        <TextInput
          label="Key label (optional)"
          description="Default: the file's friendly name, or the certificate's common name."
          maxLength={100}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
        />
        {failure && (
          <Alert color="red" variant="outline" title={failure.title} role="alert">
            {failure.hint}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Skip this file
          </Button>
          <Button type="submit" loading={pending}>
            Import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
