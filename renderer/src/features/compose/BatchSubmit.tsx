// The end of an HTTPS destination's form (FISCAL, Pagero): how the last batch went, why nothing can go yet, the
// send button (busy while the batch runs) and Cancel for the transfers still under way.
import { Button, Group, Text } from '@mantine/core';
import type { useBatchUpload } from './useBatchUpload';

interface Props {
  upload: ReturnType<typeof useBatchUpload>;
  /** Why the batch cannot go (no files, none passed its check). */
  filesError: string | undefined;
  label: string;
  cancelLabel: string;
  disabled?: boolean;
}

export function BatchSubmit({ upload, filesError, label, cancelLabel, disabled = false }: Props) {
  return (
    <>
      <Text size="sm" role="status">
        {upload.outcome ?? ''}
      </Text>
      {filesError && (
        <Text size="sm" c="red" role="alert">
          {filesError}
        </Text>
      )}
      <Group>
        <Button type="submit" loading={upload.running} disabled={disabled}>
          {label}
        </Button>
        {upload.running && (
          <Button variant="default" onClick={() => void upload.cancelAll()}>
            {cancelLabel}
          </Button>
        )}
      </Group>
    </>
  );
}
