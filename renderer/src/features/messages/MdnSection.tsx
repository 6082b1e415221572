// The receipt (MDN, RFC 4130 §7): its disposition, the MIC the partner returned against the one expected, its
// signature, and the raw MDN for whoever needs to read it line by line.
import { Badge, Button, Code, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import type { MdnView } from '../../../../shared/ipc';
import { FactList, type Fact } from '../../ui/FactList';
import { timeLabel } from './messageWords';
import { SignatureBadge, signatureWords } from './SignatureBadge';
import { ViewSection } from './ViewSection';

function MicMatch({ matches }: { matches: boolean | null }) {
  if (matches === null) return null;
  return (
    <Badge color={matches ? 'teal' : 'red'} variant="light" tt="none" leftSection={<span aria-hidden="true">{matches ? '✓' : '✕'}</span>}>
      {matches ? 'MIC matches' : 'MIC does not match'}
    </Badge>
  );
}

const mono = (value: string | null) =>
  value === null ? (
    '—'
  ) : (
    <Text span size="sm" ff="monospace">
      {value}
    </Text>
  );

export function MdnSection({ mdn, direction, protocol }: { mdn: MdnView | null; direction: 'inbound' | 'outbound'; protocol: string }) {
  const [rawShown, raw] = useDisclosure(false);
  const rawId = useId();
  if (mdn === null) {
    return (
      <ViewSection title="Receipt (MDN)">
        <Text size="sm">{direction === 'outbound' ? 'No MDN: none was requested from this partner, or the message has not been delivered yet.' : 'No MDN was asked for or returned for this message.'}</Text>
      </ViewSection>
    );
  }
  const pending = mdn.state === 'pending';
  const facts: Fact[] = [
    ['Disposition', mdn.disposition ?? (pending ? 'Not yet received' : 'None')],
    ['Delivery', `${mdn.delivery === 'sync' ? 'Synchronous' : 'Asynchronous'}, ${mdn.direction === 'received' ? 'received from the partner' : protocol === 'as2gateway' ? 'sent for us by the AS2 Gateway' : 'sent by us'}${mdn.at ? ` at ${timeLabel(mdn.at)}` : ''}`],
    ['State', pending ? 'Pending' : mdn.state === 'failed' ? 'Failed' : 'Complete'],
    ['MIC algorithm', mdn.micAlgorithm ?? '—'],
    ['MIC returned', mono(mdn.micReturned)],
    ['MIC expected', mono(mdn.micExpected)],
    [
      'MIC check',
      mdn.micMatches === null ? (
        'Not compared'
      ) : (
        <MicMatch matches={mdn.micMatches} key="mic" />
      ),
    ],
    [
      'MDN signature',
      <Group gap="xs" key="signature">
        <SignatureBadge signature={mdn.signature} />
        <Text span size="sm">
          {signatureWords(mdn.signature)}
        </Text>
      </Group>,
    ],
  ];
  return (
    <ViewSection title="Receipt (MDN)">
      <FactList facts={facts} />
      {mdn.text && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            The partner's words
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap' }}>
            {mdn.text}
          </Code>
        </Stack>
      )}
      {mdn.raw !== null && (
        <Stack gap="xs">
          <Button variant="subtle" w="fit-content" onClick={raw.toggle} aria-expanded={rawShown} aria-controls={rawId}>
            {rawShown ? 'Hide raw MDN' : 'Show raw MDN'}
          </Button>
          <Collapse expanded={rawShown} id={rawId}>
            <Code block aria-label="Raw MDN" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '28rem', overflow: 'auto' }}>
              {mdn.raw}
            </Code>
          </Collapse>
        </Stack>
      )}
    </ViewSection>
  );
}
