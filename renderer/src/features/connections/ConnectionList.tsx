// One kind of connection (FISCAL profiles, Pagero profiles, push endpoints) listed the same way: its heading,
// "Add …", what is true while there are none, the table with Edit and Delete, and the form for the one being
// added or edited.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import type { DeleteRequest } from '../../ui/ConfirmDeleteDialog';
import { ProfileTable } from '../../ui/ProfileTable';
import { RowActions } from '../../ui/RowActions';

interface Props<Row extends { id: string; name: string }> {
  title: string;
  /** One of them, as the buttons say it: "Add <noun>", "Edit <noun> <name>". */
  noun: string;
  list: { rows: readonly Row[]; isError: boolean; isSuccess: boolean };
  columns: readonly string[];
  cells(row: Row): ReactNode;
  /** What stays after a delete, in words. */
  stays: string;
  remove(row: Row): Promise<unknown>;
  onDelete(request: DeleteRequest): void;
  form(row: Row | null, done: () => void): ReactNode;
  /** Shown under the heading. */
  children?: ReactNode;
}

export function ConnectionList<Row extends { id: string; name: string }>({ title, noun, list, columns, cells, stays, remove, onDelete, form, children }: Props<Row>) {
  const headingId = useId();
  const [editing, setEditing] = useState<{ row: Row | null } | null>(null);
  const { rows } = list;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={headingId}>
          {title}
        </Title>
        <Button variant="default" onClick={() => setEditing({ row: null })} disabled={editing !== null}>
          Add {noun}
        </Button>
      </Group>
      {children}
      {rows.length === 0 ? (
        <Text size="sm">{list.isError ? `The ${noun}s could not be loaded.` : list.isSuccess ? `No ${noun}s yet.` : 'Loading…'}</Text>
      ) : (
        <ProfileTable
          labelledBy={headingId}
          columns={columns}
          rows={rows}
          cells={cells}
          actions={(row) => (
            <RowActions
              subject={`${noun} ${row.name}`}
              onEdit={() => setEditing({ row })}
              onDelete={() => onDelete({ kind: noun, name: row.name, consequences: `Its settings and stored secrets are removed. ${stays}`, remove: () => remove(row) })}
            />
          )}
        />
      )}
      {editing && (
        <Paper key={editing.row?.id ?? 'new'} withBorder p="md">
          {form(editing.row, () => setEditing(null))}
        </Paper>
      )}
    </Stack>
  );
}
