// The optional extra CA of one inspection: PEM pasted into the field, or a certificate file chosen (read
// here in the page); which file it came from is shown, and one click takes it out again.
import { Button, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { readExtraCaFile } from './extraCa';

interface Props {
  pem: string;
  source: string | null;
  error?: string | undefined;
  onChange(pem: string, source: string | null): void;
}

export function ExtraCaInput({ pem, source, error, onChange }: Props) {
  const [fileError, setFileError] = useState<string | null>(null);
  // Emptied after each pick, so choosing the same file again (after editing the field) reads it again.
  const resetFile = useRef<() => void>(null);
  const choose = async (file: File | null) => {
    if (!file) return;
    const read = await readExtraCaFile(file);
    resetFile.current?.();
    setFileError(read.ok ? null : read.message);
    if (read.ok) onChange(read.pem, file.name);
  };
  return (
    <Stack gap={6}>
      <Textarea
        label="Extra CA (PEM)"
        description="Optional, for this inspection only (not stored): a CA to try, e.g. the root the operator sent you."
        placeholder="-----BEGIN CERTIFICATE-----"
        value={pem}
        onChange={(event) => {
          setFileError(null);
          onChange(event.currentTarget.value, null);
        }}
        error={fileError ?? error}
        autosize
        minRows={2}
        maxRows={8}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
      />
      <Group gap="sm">
        <FileButton resetRef={resetFile} onChange={(file) => void choose(file)} accept=".pem,.crt,.cer,.der,application/x-pem-file,application/pkix-cert">
          {(props) => (
            <Button variant="default" size="xs" {...props}>
              Choose CA file…
            </Button>
          )}
        </FileButton>
        {pem !== '' && (
          <Button variant="subtle" size="xs" onClick={() => onChange('', null)}>
            Clear extra CA
          </Button>
        )}
        {source !== null && (
          <Text size="xs" c="dimmed">
            Read from {source}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
