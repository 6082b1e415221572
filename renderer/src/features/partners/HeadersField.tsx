// Extra HTTP header fields some partners require (an API key, a routing header); Courier's own AS2 headers
// cannot be overridden, and the contract says which when one is tried.
import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { DraftErrors, HeaderDraft } from './partnerDraft';

const MAX_HEADERS = 32;

export function HeadersField({ headers, errors, onChange }: { headers: HeaderDraft[]; errors: DraftErrors; onChange(headers: HeaderDraft[]): void }) {
  const change = (index: number, patch: Partial<HeaderDraft>) => onChange(headers.map((header, at) => (at === index ? { ...header, ...patch } : header)));
  return (
    <Fieldset legend="Custom HTTP headers">
      <Stack gap="xs">
        {headers.length === 0 && <Text size="sm">None. Add one only when the partner asks for it.</Text>}
        {headers.map((header, index) => (
          <Group key={index} align="flex-start" wrap="nowrap">
            <TextInput label={`Header ${index + 1} name`} value={header.name} error={errors[`headers.${index}.name`]} onChange={(event) => change(index, { name: event.currentTarget.value })} style={{ flex: 1 }} />
            <TextInput label={`Header ${index + 1} value`} value={header.value} error={errors[`headers.${index}.value`]} onChange={(event) => change(index, { value: event.currentTarget.value })} style={{ flex: 2 }} />
            <Button variant="subtle" color="red" mt={25} onClick={() => onChange(headers.filter((_, at) => at !== index))} aria-label={`Remove header ${index + 1}`}>
              Remove
            </Button>
          </Group>
        ))}
        <Button variant="default" w="fit-content" disabled={headers.length >= MAX_HEADERS} onClick={() => onChange([...headers, { name: '', value: '' }])}>
          Add header
        </Button>
      </Stack>
    </Fieldset>
  );
}
