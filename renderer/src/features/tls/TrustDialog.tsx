// "Trust this CA for…" and "Pin this key for…": extending a profile's trust changes which servers its
// connections accept, so the dialog asks for the profile's scope, says what will change in plain words,
// shows the fingerprint to compare with the operator, and acts only on the button that names the scope.
import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { CertificateSummary } from '../../../../shared/ipc';
import type { TrustChange } from './inspectorStore';
import { usePinKey, useTrustCa } from './queries';
import { scopeChoice } from './scopeChoice';
import { ScopeInput } from './ScopeInput';
import { useLastShown } from './useLastShown';

export interface TrustRequest {
  kind: 'ca' | 'pin';
  certificate: CertificateSummary;
}

interface Props {
  request: TrustRequest | null;
  defaultScope: string;
  onClose(): void;
  onDone(change: TrustChange): void;
}

export function TrustDialog({ request: asked, defaultScope, onClose, onDone }: Props) {
  const request = useLastShown(asked);
  const title = request?.kind === 'pin' ? 'Pin this key for a profile' : 'Trust this CA for a profile';
  return (
    <Modal opened={asked !== null} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {request && <TrustForm key={request.certificate.sha256Fingerprint + request.kind} request={request} defaultScope={defaultScope} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function TrustForm({ request, defaultScope, onClose, onDone }: { request: TrustRequest } & Omit<Props, 'request'>) {
  const { kind, certificate } = request;
  const [scopeText, setScopeText] = useState(defaultScope);
  const [tried, setTried] = useState(false);
  const trustCa = useTrustCa();
  const pinKey = usePinKey();
  const choice = scopeChoice(scopeText);
  const scope = choice.kind === 'valid' ? choice.scope : null;
  const scopeError = !tried ? undefined : choice.kind === 'invalid' ? choice.message : choice.kind === 'none' ? 'Give the scope of the profile, e.g. fiscal:default.' : undefined;
  const profile = scope ?? 'this profile';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (scope === null) return;
    if (kind === 'ca') {
      trustCa.mutate(
        { scope, pem: certificate.pem },
        { onSuccess: () => onDone({ scope, title: `Trusted for ${scope}`, detail: `${certificate.subject} is now a trusted CA of ${scope}.` }) },
      );
    } else {
      pinKey.mutate(
        { scope, spkiSha256: certificate.spkiSha256, label: certificate.subject },
        { onSuccess: () => onDone({ scope, title: `Pinned for ${scope}`, detail: `Connections of ${scope} now require the key of ${certificate.subject}.` }) },
      );
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" className="break-anywhere">
          {kind === 'ca' ? 'Certificate authority' : 'Server certificate'}: <strong>{certificate.subject}</strong>
        </Text>
        <ScopeInput
          label="Trust scope"
          description="The profile whose connections this applies to, e.g. fiscal:default."
          value={scopeText}
          onChange={setScopeText}
          error={scopeError}
          autoFocus
        />
        <Alert color="yellow" variant="light" role="note" icon={<span aria-hidden="true">⚠</span>} title={kind === 'ca' ? 'What trusting changes' : 'What pinning changes'}>
          {kind === 'ca'
            ? `Connections of ${profile} will accept every server certificate this CA issues${certificate.selfSigned ? ', and this certificate itself' : ''}. Trust it only after comparing its SHA-256 fingerprint with the operator, by phone rather than by e-mail from the same server.`
            : `Connections of ${profile} will accept only a server that shows this key; Courier still checks its chain as well. When the operator changes the key, those connections fail until the new key is pinned.`}
        </Alert>
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {kind === 'ca' ? 'SHA-256 fingerprint' : 'SPKI SHA-256 (the key pinned)'}
          </Text>
          <Code className="break-anywhere">{kind === 'ca' ? certificate.sha256Fingerprint : certificate.spkiSha256}</Code>
        </Stack>
        <Text size="xs" c="dimmed">
          The change is recorded in the audit log, and can be undone under “Trusted for this scope”.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={trustCa.isPending || pinKey.isPending}>
            {kind === 'ca' ? 'Trust' : 'Pin'} for {scope ?? '…'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
