// One certificate in full, as `openssl x509 -text` would tell it but readable: names, validity, key and its
// usages, fingerprints (copyable), the chain it builds to, the key of ours it certifies, and the two actions
// on it — download its PEM, delete it.
import { Anchor, Button, Divider, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { FactList, type Fact } from '../../ui/FactList';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { CertificateDetail, CertificateEntry } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { downloadText } from '../../ui/downloadText';
import { useKeys } from '../keys/queries';
import { CertificateChain } from './CertificateChain';
import { keyLabel } from '../tls/certificateLabels';
import { commonName, expiryPhrase, kindLabel, pemFileName, utcDateFormat } from './certificateWords';
import { ExpiryBadge } from './ExpiryBadge';
import { useCertificate } from './queries';

interface Props {
  certificate: CertificateEntry;
  onSelect(id: string): void;
  onDelete(): void;
}

function Copyable({ value, what }: { value: string; what: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" ff="monospace" className="break-anywhere" miw={0}>
        {value}
      </Text>
      <CopyValueButton value={value} what={what} />
    </Group>
  );
}

function Moment({ iso }: { iso: string }) {
  return <time dateTime={iso}>{utcDateFormat.format(new Date(iso))}</time>;
}

function Names({ values, none }: { values: string[]; none: string }) {
  if (values.length === 0) return <>{none}</>;
  return (
    <List size="sm" listStyleType="none" spacing={2}>
      {values.map((value) => (
        <List.Item key={value}>{value}</List.Item>
      ))}
    </List>
  );
}

function OwnKey({ keyId }: { keyId: string }) {
  const label = useKeys().data?.keys.find((key) => key.id === keyId)?.label;
  return (
    <Anchor component={Link} to={`/keys?key=${encodeURIComponent(keyId)}`} size="sm">
      {label ? `“${label}”` : keyId} on the Keys page
    </Anchor>
  );
}

export function CertificateDetails({ certificate, onSelect, onDelete }: Props) {
  const headingId = useId();
  const detail = useCertificate(certificate.id);
  const facts: Fact[] = [
    ['Subject', certificate.subject],
    ['Issuer', certificate.issuer],
    ['Serial number', <Copyable key="serial" value={certificate.serialNumber} what="serial number" />],
    ['Valid from', <Moment key="from" iso={certificate.notBefore} />],
    [
      'Valid until',
      <Group key="until" gap="xs">
        <Moment iso={certificate.notAfter} />
        <Text span size="sm">
          ({expiryPhrase(certificate)})
        </Text>
        <ExpiryBadge certificate={certificate} />
      </Group>,
    ],
    ['Kind', `${kindLabel(certificate)}${certificate.source === 'self-signed' ? ', made by Courier' : ''}`],
    ['Names (SANs)', <Names key="sans" values={certificate.sans} none="none" />],
    ['Key', keyLabel(certificate)],
    ['Signature', certificate.signatureAlgorithm],
    ['Key usage', <Names key="ku" values={certificate.keyUsage} none="not restricted" />],
    ['Extended key usage', <Names key="eku" values={certificate.extendedKeyUsage} none="not restricted" />],
    ['SHA-256 fingerprint', <Copyable key="sha256" value={certificate.sha256Fingerprint} what="SHA-256 fingerprint" />],
    ['SHA-1 fingerprint', <Copyable key="sha1" value={certificate.sha1Fingerprint} what="SHA-1 fingerprint" />],
    ['Own key', certificate.keyId === null ? 'Courier does not hold the private key' : <OwnKey key="key" keyId={certificate.keyId} />],
  ];
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md" radius="md">
      <Stack gap="md">
        <Title order={2} id={headingId} size="h3" className="break-anywhere">
          {commonName(certificate.subject)}
        </Title>
        <FactList facts={facts} />
        {detail.data ? (
          <CertificateChain detail={detail.data} onSelect={onSelect} />
        ) : (
          <Text size="sm" c="dimmed">
            {detail.isError ? 'The chain could not be loaded.' : 'Building the chain…'}
          </Text>
        )}
        <Divider />
        <Group gap="sm">
          <DownloadPem detail={detail.data} />
          <Button variant="filled" color="red" onClick={onDelete}>
            Delete certificate…
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DownloadPem({ detail }: { detail: CertificateDetail | undefined }) {
  return (
    <Button variant="default" disabled={!detail} onClick={() => detail && downloadText(pemFileName(detail.subject), detail.pem, 'application/x-pem-file')}>
      Download PEM
    </Button>
  );
}
