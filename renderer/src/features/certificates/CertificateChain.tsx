// The chain a certificate builds to, issuer by issuer, and how far it gets: to a root Courier holds, to one
// of the system's roots, or to an issuer nobody has imported yet (named, so the user knows what to ask for).
import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { CertificateDetail } from '../../../../shared/ipc';
import { commonName, utcDayFormat } from './certificateWords';

const statusWords: Record<CertificateDetail['chainStatus'], string> = {
  complete: 'Complete: it ends in a root certificate Courier holds.',
  'system-root': "Complete: it ends in one of this system's root CAs.",
  incomplete: 'Incomplete: an issuer is missing.',
};

export function CertificateChain({ detail, onSelect }: { detail: CertificateDetail; onSelect(id: string): void }) {
  const headingId = useId();
  return (
    <Stack gap={6} component="section" aria-labelledby={headingId}>
      <Title order={3} id={headingId} size="h5">
        Chain
      </Title>
      <Text size="sm">{statusWords[detail.chainStatus]}</Text>
      <List type="ordered" size="sm" spacing={4} aria-label="Certificate chain">
        {detail.chain.map((link, index) => (
          <List.Item key={`${link.sha256Fingerprint}-${index}`}>
            {index === 0 || link.id === null ? (
              <Text span size="sm" fw={index === 0 ? 600 : undefined}>
                {commonName(link.subject)}
              </Text>
            ) : (
              <Anchor component="button" type="button" size="sm" onClick={() => onSelect(link.id!)}>
                {commonName(link.subject)}
              </Anchor>
            )}
            <Text span size="xs" c="dimmed">
              {' '}
              — until {utcDayFormat.format(new Date(link.notAfter))}
              {link.selfSigned ? ', root' : ''}
              {link.id === null ? ', system root store' : ''}
            </Text>
          </List.Item>
        ))}
      </List>
      {detail.missingIssuer !== null && (
        <Alert color="yellow" variant="light" title="Issuer not held">
          Import the certificate of <strong>{detail.missingIssuer}</strong> to complete the chain; ask the partner or the CA for it.
        </Alert>
      )}
    </Stack>
  );
}
