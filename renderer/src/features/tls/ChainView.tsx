// What one inspection saw, in `openssl s_client -showcerts` order: the connection (server, name checked,
// trust used, protocol, cipher), then the presented chain leaf first, one card per certificate, with the
// problems that concern the connection as a whole above the cards and every other one on its own card.
import { Group, Stack, Text, Title } from '@mantine/core';
import { FactList, type Fact } from '../../ui/FactList';
import { useId } from 'react';
import type { CertificateSummary, TlsInspection, TlsProblem } from '../../../../shared/ipc';
import { CertificateCard } from './CertificateCard';
import { ChainExport } from './ChainExport';
import { ProblemNotice } from './ProblemNotice';

interface Props {
  inspection: TlsInspection;
  /** Whether an extra CA was tried for this inspection only. */
  withExtraCa: boolean;
  onTrust(certificate: CertificateSummary): void;
  onPin(certificate: CertificateSummary): void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A problem whose link is not in the chain is shown with the connection rather than lost. */
function byLink(inspection: TlsInspection): { general: TlsProblem[]; perLink: TlsProblem[][] } {
  const perLink = inspection.chain.map(() => [] as TlsProblem[]);
  const general: TlsProblem[] = [];
  for (const problem of inspection.problems) {
    const link = problem.index === null ? undefined : perLink[problem.index];
    (link ?? general).push(problem);
  }
  return { general, perLink };
}

export function ChainView({ inspection, withExtraCa, onTrust, onPin }: Props) {
  const connectionId = useId();
  const chainId = useId();
  const { general, perLink } = byLink(inspection);
  const trust = [inspection.scope ? `the system's roots and profile ${inspection.scope}` : "the system's roots", withExtraCa ? 'the extra CA' : null]
    .filter(Boolean)
    .join(', plus ');
  const facts: Fact[] = [
    ['Server', `${inspection.host}:${inspection.port}`],
    ['Name checked', inspection.servername ?? inspection.host],
    ['Trust', trust],
    ['Protocol', inspection.protocol ?? 'none negotiated'],
    ['Cipher', inspection.cipher ?? 'not known'],
    ['TLS verdict', inspection.verdict ?? 'accepted'],
    ['Inspected', <time key="at" dateTime={inspection.inspectedAt}>{timeFormat.format(new Date(inspection.inspectedAt))}</time>],
  ];
  const count = inspection.chain.length;

  return (
    <>
      <Stack component="section" aria-labelledby={connectionId} gap="xs">
        <Title order={2} id={connectionId}>
          Connection
        </Title>
        <FactList facts={facts} labelWidth="9rem" />
        {general.map((problem, position) => (
          <ProblemNotice key={position} problem={problem} />
        ))}
      </Stack>
      <Stack component="section" aria-labelledby={chainId} gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={2} id={chainId}>
            Certificate chain
          </Title>
          <Text size="sm" c="dimmed">
            {count === 0 ? 'No certificate received' : `${count} certificate${count === 1 ? '' : 's'}, the server's own first`}
          </Text>
        </Group>
        {count > 0 && <ChainExport key={inspection.inspectedAt} inspection={inspection} />}
        {count > 0 && (
          <Stack component="ol" aria-labelledby={chainId} gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {inspection.chain.map((certificate, index) => (
              <li key={certificate.sha256Fingerprint + index}>
                <CertificateCard
                  certificate={certificate}
                  index={index}
                  problems={perLink[index] ?? []}
                  inspectedAt={inspection.inspectedAt}
                  onTrust={onTrust}
                  onPin={onPin}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}
