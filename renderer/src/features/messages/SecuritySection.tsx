// How a message was protected: encrypted with what and for whom, signed by whom and whether that verified (and
// why not), compressed or not, and over which transport.
import { Group, Text } from '@mantine/core';
import type { MessageDetail } from '../../../../shared/ipc';
import { FactList, type Fact } from '../../ui/FactList';
import { SignatureBadge, signatureWords } from './SignatureBadge';
import { ViewSection } from './ViewSection';

export function SecuritySection({ security }: { security: MessageDetail['security'] }) {
  if (security === null) {
    return (
      <ViewSection title="Security">
        <Text size="sm">Not known for this message: it was not unpacked (see the explanation above).</Text>
      </ViewSection>
    );
  }
  const { encryption, signature } = security;
  const facts: Fact[] = [
    ['Encryption', encryption ? `${encryption.cipher} with ${encryption.keyTransport}${encryption.recipient ? `, for ${encryption.recipient}` : ''}` : 'Not encrypted'],
    [
      'Signature',
      <Group gap="xs" key="signature">
        <SignatureBadge signature={signature} />
        <Text span size="sm">
          {signatureWords(signature)}
        </Text>
      </Group>,
    ],
    ['Compression', security.compressed ? 'Compressed (RFC 5402)' : 'Not compressed'],
    ['Transport', security.transport === null ? 'Not known' : security.transport === 'https' ? 'HTTPS (TLS)' : 'HTTP without TLS'],
  ];
  return (
    <ViewSection title="Security">
      <FactList facts={facts} />
    </ViewSection>
  );
}
