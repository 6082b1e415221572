// One link of the presented chain, as `openssl x509 -text` would tell it but readable: who it names and who
// issued it, its key and signature, how its validity stands, its names and fingerprints (copyable), what
// role it plays, each problem Courier found with it, and what can be trusted (a root, a self-signed
// certificate) or pinned (the server's key) from it.
import { Badge, Box, Button, Group, List, Paper, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import { FactList, type Fact } from '../../ui/FactList';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import type { CertificateSummary, TlsProblem } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { keyLabel, linkRole } from './certificateLabels';
import { ProblemNotice } from './ProblemNotice';
import { validityAt } from './validity';

interface Props {
  certificate: CertificateSummary;
  index: number;
  problems: readonly TlsProblem[];
  inspectedAt: string;
  onTrust(certificate: CertificateSummary): void;
  onPin(certificate: CertificateSummary): void;
}

/** Certificates state their validity in UTC; so does the page, as openssl does. */
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

const SOON_MS = 30 * 86_400_000;

/** The common name reads best in a heading; the full subject is in the facts below it. */
function commonName(subject: string): string {
  return /(?:^|, )CN=([^,]+)/.exec(subject)?.[1] ?? subject;
}

function Moment({ iso }: { iso: string }) {
  return <time dateTime={iso}>{dateFormat.format(new Date(iso))}</time>;
}

function Copyable({ value, what }: { value: string; what: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" ff="monospace" className="break-anywhere" miw={0}>
        {value}
      </Text>
      <Box style={{ flexShrink: 0 }}>
        <CopyValueButton value={value} what={what} />
      </Box>
    </Group>
  );
}

function ValidUntil({ certificate, inspectedAt }: { certificate: CertificateSummary; inspectedAt: string }) {
  const validity = validityAt(certificate.notBefore, certificate.notAfter, new Date(inspectedAt));
  const soon = validity.state === 'valid' && new Date(certificate.notAfter).getTime() - new Date(inspectedAt).getTime() < SOON_MS;
  return (
    <Group gap="xs">
      <Moment iso={certificate.notAfter} />
      {validity.state === 'valid' && !soon ? (
        <Text span size="sm">
          ({validity.phrase})
        </Text>
      ) : (
        <Badge color={soon ? 'yellow' : 'red'} variant="light" tt="none" leftSection={<span aria-hidden="true">{soon ? '⚠' : '✕'}</span>}>
          {validity.phrase}
        </Badge>
      )}
    </Group>
  );
}

export function CertificateCard({ certificate, index, problems, inspectedAt, onTrust, onPin }: Props) {
  const headingId = useId();
  // Side by side, fingerprints would wrap every few characters on a narrow window: stack them there.
  const wide = useMediaQuery(`(min-width: ${useMantineTheme().breakpoints.sm})`, true, { getInitialValueInEffect: false });
  const role = linkRole(index, certificate);
  // Only a self-signed certificate can anchor a chain: an intermediate in the trust store does not make the
  // chain verify without its root (the unknown-issuer problem says so), so it is not offered.
  const canTrust = certificate.selfSigned;
  const facts: Fact[] = [
    ['Subject', certificate.subject],
    ['Issuer', certificate.issuer],
    ['Key', keyLabel(certificate)],
    ['Signature', certificate.signatureAlgorithm],
    ['Valid from', <Moment key="from" iso={certificate.notBefore} />],
    ['Valid until', <ValidUntil key="until" certificate={certificate} inspectedAt={inspectedAt} />],
    [
      'Names (SANs)',
      certificate.sans.length === 0 ? (
        'none'
      ) : (
        <List key="sans" size="sm" listStyleType="none" spacing={2}>
          {certificate.sans.map((san) => (
            <List.Item key={san}>{san}</List.Item>
          ))}
        </List>
      ),
    ],
    ['Serial number', <Copyable key="serial" value={certificate.serialNumber} what="serial number" />],
    ['SHA-256 fingerprint', <Copyable key="sha256" value={certificate.sha256Fingerprint} what="SHA-256 fingerprint" />],
    ['SPKI SHA-256', <Copyable key="spki" value={certificate.spkiSha256} what="SPKI SHA-256" />],
  ];

  return (
    <Paper component="article" aria-labelledby={headingId} withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} id={headingId} size="h4" className="break-anywhere">
            {index + 1}. {role}: {commonName(certificate.subject)}
          </Title>
          <Group gap={6}>
            <Badge variant="outline" color="gray">
              {role}
            </Badge>
            {certificate.isCa && <Badge variant="outline" color="gray">CA</Badge>}
            {certificate.selfSigned && <Badge variant="outline" color="gray">Self-signed</Badge>}
            {certificate.trustAnchor && (
              <Badge variant="light" color="teal" leftSection={<span aria-hidden="true">✓</span>}>
                Trust anchor
              </Badge>
            )}
            {problems.length > 0 ? (
              <Badge variant="light" color="red" leftSection={<span aria-hidden="true">✕</span>}>
                {problems.length === 1 ? '1 problem' : `${problems.length} problems`}
              </Badge>
            ) : (
              <Badge variant="light" color="teal" leftSection={<span aria-hidden="true">✓</span>}>
                No problems
              </Badge>
            )}
          </Group>
        </Group>
        <FactList facts={facts} orientation={wide ? 'horizontal' : 'vertical'} />
        {problems.map((problem, position) => (
          <ProblemNotice key={position} problem={problem} />
        ))}
        {(canTrust || index === 0) && (
          <Group gap="sm">
            {canTrust && (
              <Button variant="default" onClick={() => onTrust(certificate)}>
                {certificate.isCa ? 'Trust this CA for…' : 'Trust this certificate for…'}
              </Button>
            )}
            {index === 0 && (
              <Button variant="default" onClick={() => onPin(certificate)}>
                Pin this key for…
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
