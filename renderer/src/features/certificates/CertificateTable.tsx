// The certificates Courier holds, soonest expiry first: who each names and who issued it, until when, its
// expiry badge, whether it is a CA or a leaf (and ours, when Courier holds its key), and its fingerprint.
// A row's name is a button, so the keyboard selects a certificate as the mouse does.
import { Badge, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { CertificateEntry } from '../../../../shared/ipc';
import { CopyValueButton } from '../../ui/CopyValueButton';
import { shortened } from '../keys/keyFormat';
import { commonName, kindLabel, utcDayFormat } from './certificateWords';
import { ExpiryBadge } from './ExpiryBadge';

interface Props {
  certificates: CertificateEntry[];
  selectedId: string | null;
  onSelect(id: string): void;
  labelledBy: string;
}

export function CertificateTable({ certificates, selectedId, onSelect, labelledBy }: Props) {
  return (
    <Table aria-labelledby={labelledBy} highlightOnHover withTableBorder verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Subject</Table.Th>
          <Table.Th scope="col">Issuer</Table.Th>
          <Table.Th scope="col">Valid until</Table.Th>
          <Table.Th scope="col">Expiry</Table.Th>
          <Table.Th scope="col">Kind</Table.Th>
          <Table.Th scope="col">SHA-256 fingerprint</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {certificates.map((certificate) => {
          const selected = certificate.id === selectedId;
          const name = commonName(certificate.subject);
          return (
            <Table.Tr key={certificate.id} onClick={() => onSelect(certificate.id)} bg={selected ? 'var(--mantine-primary-color-light)' : undefined} style={{ cursor: 'pointer' }}>
              <Table.Th scope="row" fw={500}>
                <UnstyledButton onClick={() => onSelect(certificate.id)} aria-current={selected ? 'true' : undefined} title={certificate.subject} fz="sm" fw={600} td="underline" className="break-anywhere">
                  {name}
                </UnstyledButton>
              </Table.Th>
              <Table.Td>
                <Text size="sm" title={certificate.issuer} className="break-anywhere">
                  {commonName(certificate.issuer)}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={certificate.notAfter}>{utcDayFormat.format(new Date(certificate.notAfter))}</time>
              </Table.Td>
              <Table.Td>
                <ExpiryBadge certificate={certificate} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm">{kindLabel(certificate)}</Text>
                  {certificate.keyId !== null && (
                    <Badge variant="outline" color="teal" tt="none">
                      Own key
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td onClick={(event) => event.stopPropagation()}>
                <Group gap={4} wrap="nowrap">
                  <Tooltip label={certificate.sha256Fingerprint} openDelay={300} maw={360} multiline style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm" ff="monospace">
                      {shortened(certificate.sha256Fingerprint)}
                    </Text>
                  </Tooltip>
                  <CopyValueButton value={certificate.sha256Fingerprint} what={`SHA-256 fingerprint of “${name}”`} />
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
