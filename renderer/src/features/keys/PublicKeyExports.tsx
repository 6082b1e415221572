// The public half of a key in the two forms partners ask for — X.509 SubjectPublicKeyInfo PEM and a JWK
// whose kid is its RFC 7638 thumbprint — each read-only, with Copy and Download.
import { Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { KeySummary } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { downloadText } from '../../ui/downloadText';
import { fileNameFor } from './keyFormat';
import { usePublicJwk, usePublicKeyPem } from './queries';

interface BlockProps {
  title: string;
  text: string | undefined;
  failed: boolean;
  keyLabel: string;
  extension: string;
  mimeType: string;
}

function ExportBlock({ title, text, failed, keyLabel, extension, mimeType }: BlockProps) {
  const headingId = useId();
  let body: ReactNode;
  if (text !== undefined) {
    body = (
      <Code block aria-labelledby={headingId} tabIndex={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Code>
    );
  } else {
    body = (
      <Text size="sm" c="dimmed">
        {failed ? 'Courier did not send it.' : 'Asking Courier…'}
      </Text>
    );
  }
  return (
    <Stack gap={6} component="section" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={3} id={headingId} size="h5">
          {title}
        </Title>
        {text !== undefined && (
          <Group gap="xs">
            <CopyValueButton value={text} what={title} />
            <Button size="compact-xs" variant="subtle" onClick={() => downloadText(fileNameFor(keyLabel, extension), text, mimeType)} aria-describedby={headingId}>
              Download {extension}
            </Button>
          </Group>
        )}
      </Group>
      {body}
    </Stack>
  );
}

export function PublicKeyExports({ keySummary }: { keySummary: KeySummary }) {
  const pem = usePublicKeyPem(keySummary.id);
  const jwk = usePublicJwk(keySummary.id);
  return (
    <>
      <ExportBlock
        title="Public key (PEM)"
        text={pem.data}
        failed={pem.isError}
        keyLabel={keySummary.label}
        extension=".pem"
        mimeType="application/x-pem-file"
      />
      <ExportBlock
        title="JWK"
        text={jwk.data && `${JSON.stringify(jwk.data, null, 2)}\n`}
        failed={jwk.isError}
        keyLabel={keySummary.label}
        extension=".jwk.json"
        mimeType="application/jwk+json"
      />
    </>
  );
}
