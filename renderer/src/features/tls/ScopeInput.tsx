// The trust scope field, the same wherever the page asks for one: the scopes that already hold trust to
// pick from, or a new one typed in (e.g. fiscal:default).
import { Autocomplete } from '@mantine/core';
import { useTrustScopes } from './queries';

interface Props {
  label: string;
  description: string;
  value: string;
  error?: string | undefined;
  onChange(value: string): void;
  autoFocus?: boolean;
}

export function ScopeInput({ label, description, value, error, onChange, autoFocus = false }: Props) {
  const scopes = useTrustScopes();
  return (
    <Autocomplete
      label={label}
      description={description}
      placeholder="fiscal:default"
      data={scopes}
      value={value}
      onChange={onChange}
      error={error}
      autoComplete="off"
      spellCheck={false}
      data-autofocus={autoFocus || undefined}
    />
  );
}
