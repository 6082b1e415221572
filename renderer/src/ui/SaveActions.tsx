// The end of every profile form: why the last save was refused, the save button (busy while it saves) and Cancel.
import { Button, Group } from '@mantine/core';
import type { ErrorDescription } from '../ipc/describeError';
import { FormFailure } from './FormFailure';

interface Props {
  /** The save button's words, e.g. "Save FISCAL profile". */
  label: string;
  /** The failure's heading, e.g. "The profile was not saved". */
  failureTitle: string;
  failure: ErrorDescription | null;
  saving: boolean;
  onCancel(): void;
}

export function SaveActions({ label, failureTitle, failure, saving, onCancel }: Props) {
  return (
    <>
      <FormFailure title={failureTitle} failure={failure} />
      <Group>
        <Button type="submit" loading={saving}>
          {label}
        </Button>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </>
  );
}
