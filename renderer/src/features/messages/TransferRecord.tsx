// What happened on the wire: the AS2 and HTTP header fields as sent or received, and each delivery attempt
// with its outcome (and when the next one is due).
import { Table, Text } from '@mantine/core';
import type { MessageDetail } from '../../../../shared/ipc';
import { timeLabel } from './messageWords';
import { ViewSection } from './ViewSection';

export function HeadersSection({ headers }: { headers: MessageDetail['headers'] }) {
  return (
    <ViewSection title="AS2 headers">
      {headers.length === 0 ? (
        <Text size="sm">No header fields were recorded.</Text>
      ) : (
        <Table aria-label="AS2 headers" verticalSpacing={4} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Field</Table.Th>
              <Table.Th scope="col">Value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {headers.map(([name, value], index) => (
              <Table.Tr key={`${index}:${name}`}>
                <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {name}
                </Table.Th>
                <Table.Td ff="monospace" fz="xs" style={{ overflowWrap: 'anywhere' }}>
                  {value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ViewSection>
  );
}

export function AttemptsSection({ attempts, nextAttemptAt }: Pick<MessageDetail, 'attempts' | 'nextAttemptAt'>) {
  return (
    <ViewSection title="Attempts">
      {attempts.length === 0 ? (
        <Text size="sm">No delivery attempts recorded.</Text>
      ) : (
        <Table aria-label="Delivery attempts" verticalSpacing={4} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Outcome</Table.Th>
              <Table.Th scope="col">Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attempts.map((attempt, index) => (
              <Table.Tr key={`${index}:${attempt.at}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={attempt.at}>{timeLabel(attempt.at)}</time>
                </Table.Td>
                <Table.Td>{attempt.outcome}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{attempt.detail ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {nextAttemptAt && (
        <Text size="sm">
          Next attempt: <time dateTime={nextAttemptAt}>{timeLabel(nextAttemptAt)}</time>
        </Text>
      )}
    </ViewSection>
  );
}
