// "Export private key": the one way a private key leaves Courier, so the dialog says what the file
// enables, asks for an absolute path and a passphrase twice, and wants an explicit "I understand". The
// passphrase lives only in this form's state (gone when the dialog closes) and in the one call's input.
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { keysExportPrivate, type KeySummary } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { useOutcomeNotice } from './outcomeNotice';
import { useExportPrivateKey } from './queries';

interface Props {
  keySummary: KeySummary | null;
  onClose(): void;
}

export function ExportPrivateKeyDialog({ keySummary, onClose }: Props) {
  return (
    <Modal opened={keySummary !== null} onClose={onClose} title="Export private key" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {keySummary && <ExportPrivateKeyForm keySummary={keySummary} onClose={onClose} />}
    </Modal>
  );
}

const passphraseSchema = keysExportPrivate.input.shape.passphrase;

/** Absolute on this computer: "/…" on Linux and macOS, "C:\…" or "\\server\…" on Windows. */
function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function ExportPrivateKeyForm({ keySummary, onClose }: { keySummary: KeySummary; onClose(): void }) {
  const exportPrivateKey = useExportPrivateKey();
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeated, setRepeated] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorDescription | null>(null);

  const trimmedPath = path.trim();
  const pathError = trimmedPath !== '' && !isAbsolutePath(trimmedPath) ? 'Give the full path, starting at the root of the disk.' : undefined;
  const passphraseCheck = passphraseSchema.safeParse(passphrase);
  const passphraseError = passphrase !== '' && !passphraseCheck.success ? passphraseCheck.error.issues[0]?.message : undefined;
  const repeatError = repeated !== '' && repeated !== passphrase ? 'The passphrases do not match.' : undefined;
  const ready = trimmedPath !== '' && !pathError && passphraseCheck.success && repeated === passphrase && understood && !pending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setPending(true);
    setFailure(null);
    try {
      const written = await exportPrivateKey({ id: keySummary.id, path: trimmedPath, passphrase, confirm: true, overwrite });
      useOutcomeNotice.getState().report({
        tone: 'success',
        title: 'Private key exported',
        detail: `“${keySummary.label}” was written to ${written.path} as encrypted PKCS#8 (${written.kdf.toUpperCase()}, ${written.iterations.toLocaleString()} iterations, ${written.cipher.toUpperCase()}).`,
      });
      onClose();
    } catch (error) {
      setFailure(describeError(error));
      setPending(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Alert color="red" variant="light" role="note" title={`Export the private key of “${keySummary.label}”`}>
          Anyone who has the file and its passphrase can sign as you and read what partners encrypt to this key. Keep the file
          and the passphrase apart, and delete the file once it has served its purpose. The export is recorded in the audit log.
        </Alert>
        <TextInput
          label="Destination file"
          description="The full path of the new file, such as /home/you/paco-signing.p8. Courier writes it itself, on the computer it runs on; nothing is downloaded through this page."
          required
          value={path}
          onChange={(event) => setPath(event.currentTarget.value)}
          error={pathError}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
        />
        <Checkbox label="Replace the file if it already exists" checked={overwrite} onChange={(event) => setOverwrite(event.currentTarget.checked)} />
        <PasswordInput
          label="Passphrase"
          description="At least 8 characters. It encrypts the file; whoever opens the file will need it."
          required
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
          error={passphraseError}
          autoComplete="new-password"
        />
        <PasswordInput
          label="Repeat passphrase"
          required
          value={repeated}
          onChange={(event) => setRepeated(event.currentTarget.value)}
          error={repeatError}
          autoComplete="new-password"
        />
        <Checkbox
          label="I understand that anyone with this file and its passphrase can use this private key."
          checked={understood}
          onChange={(event) => setUnderstood(event.currentTarget.checked)}
        />
        {failure && (
          <Alert color="red" variant="outline" title={failure.title} role="alert">
            {failure.hint}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" disabled={!ready} loading={pending}>
            Export
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          The passphrase is sent to Courier once, for this export, and is not kept.
        </Text>
      </Stack>
    </form>
  );
}
