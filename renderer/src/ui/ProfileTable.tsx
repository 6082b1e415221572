// The saved profiles of one kind (stations, partners, connections, PACO profiles) as one table, laid out the
// same everywhere: labelled by its section's heading, a header per column, the row's actions last.
import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props<Row extends { id: string }> {
  /** The id of the heading that names the table. */
  labelledBy: string;
  /** The column headers, before the actions column. */
  columns: readonly string[];
  rows: readonly Row[];
  /** The row's cells, one per column. */
  cells(row: Row): ReactNode;
  actions(row: Row): ReactNode;
}

export function ProfileTable<Row extends { id: string }>({ labelledBy, columns, rows, cells, actions }: Props<Row>) {
  return (
    <Table aria-labelledby={labelledBy} striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column} scope="col">
              {column}
            </Table.Th>
          ))}
          <Table.Th scope="col">
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id}>
            {cells(row)}
            <Table.Td>{actions(row)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
