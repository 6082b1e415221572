// A write-only secret (token, password, client secret): typed in, sealed in Courier, afterwards only "stored";
// empty on an existing profile keeps the sealed value, so it is required only while nothing is stored.
import { PasswordInput } from '@mantine/core';

interface Props {
  label: string;
  /** Whether Courier holds this secret already. */
  stored: boolean | undefined;
  value: string;
  error?: string | undefined;
  onChange(value: string): void;
}

export function SecretInput({ label, stored, value, error, onChange }: Props) {
  return (
    <PasswordInput
      label={label}
      description={stored ? 'Stored. Leave empty to keep it; type a new value to replace it.' : 'Write-only: sealed in Courier and never shown again.'}
      withAsterisk={!stored}
      autoComplete="off"
      value={value}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
