// What is in one file before it leaves the machine: its size, encoding, delimiter and rows, the first rows as
// a table, and every problem with its line — the same check Courier runs again before an upload.
import { Alert, List, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { MAX_CONTRACT_PAYLOAD_BYTES, type DocumentInspection } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { FactList } from '../../ui/FactList';
import { sizeLabel } from '../messages/messageWords';
import { FormFailure } from '../../ui/FormFailure';
import { delimiterLabel, encodingLabel, orderedProblems, problemLabel } from './previewWords';
import { useInspection } from './queries';
import type { BatchFile } from './sendBatch';

function Inspection({ inspection }: { inspection: DocumentInspection }) {
  const [header, ...rest] = inspection.firstRows;
  const problems = orderedProblems(inspection.problems);
  const width = Math.max(0, ...inspection.firstRows.map((row) => row.length));
  return (
    <Stack gap="sm">
      <FactList
        facts={[
          ['Size', sizeLabel(inspection.size)],
          ['Encoding', encodingLabel(inspection.encoding, inspection.format)],
          ['Delimiter', delimiterLabel(inspection.delimiter)],
          ['Rows', inspection.rows === null ? 'Not counted' : inspection.rows.toLocaleString('en')],
          ['Columns', inspection.columns === null ? '—' : String(inspection.columns)],
          ['Name FISCAL gets', <Text key="name" span size="sm" ff="monospace">{inspection.safeFileName}</Text>],
        ]}
      />
      {problems.length > 0 && (
        <Alert color={inspection.ok ? 'yellow' : 'red'} variant="light" role={inspection.ok ? 'note' : 'alert'} title={inspection.ok ? 'Look at this before sending' : 'This file cannot be uploaded as it is'}>
          <List size="sm" aria-label="Problems">
            {problems.map((problem, index) => (
              <List.Item key={index}>{problemLabel(problem)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {header && (
        <ScrollArea type="auto" offsetScrollbars>
          <Table withTableBorder withColumnBorders striped fz="xs" aria-label={`First rows of ${inspection.fileName}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Row</Table.Th>
                {Array.from({ length: width }, (_, column) => (
                  <Table.Th key={column} scope="col">
                    {header[column] ?? ''}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rest.map((row, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{index + 2}</Table.Td>
                  {Array.from({ length: width }, (_, column) => (
                    <Table.Td key={column} style={{ whiteSpace: 'pre' }}>
                      {row[column] ?? ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}

export function FilePreview({ entry }: { entry: BatchFile }) {
  const headingId = useId();
  const inspection = useInspection(entry);
  const { file } = entry;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId}>
        Preview of {file.name}
      </Title>
      {file.size > MAX_CONTRACT_PAYLOAD_BYTES ? (
        <Text size="sm">
          {sizeLabel(file.size)}: larger than the 32 MiB the Send page takes. Upload it from the command line (
          <Text span ff="monospace" size="sm">courier fiscal upload</Text> or <Text span ff="monospace" size="sm">courier pagero send</Text>), which streams files of any size.
        </Text>
      ) : inspection.data ? (
        <Inspection inspection={inspection.data} />
      ) : inspection.isError ? (
        <FormFailure title="The file could not be checked" failure={describeError(inspection.error)} />
      ) : inspection.isLoading ? (
        <Text size="sm">Checking {file.name}…</Text>
      ) : (
        <Text size="sm">{sizeLabel(file.size)}. No table preview for this kind of file: CSV, TXT and XLSX files are checked here before they are sent.</Text>
      )}
    </Stack>
  );
}
