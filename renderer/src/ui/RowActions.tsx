// Edit and Delete at the end of a profile's row, named for what they act on ("Edit station as2-acme") so
// keyboard and screen-reader users, and the tests, can tell the rows' buttons apart.
import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  /** What the row is, as the buttons name it: "Edit <subject>", "Delete <subject>". */
  subject: string;
  onEdit(): void;
  onDelete(): void;
  editDisabled?: boolean;
  /** The row's other actions, shown before Edit. */
  children?: ReactNode;
}

export function RowActions({ subject, onEdit, onDelete, editDisabled = false, children }: Props) {
  return (
    <Group gap="xs" wrap="nowrap">
      {children}
      <Button size="xs" variant="light" onClick={onEdit} disabled={editDisabled} aria-label={`Edit ${subject}`}>
        Edit
      </Button>
      <Button size="xs" variant="light" color="red" onClick={onDelete} aria-label={`Delete ${subject}`}>
        Delete
      </Button>
    </Group>
  );
}
