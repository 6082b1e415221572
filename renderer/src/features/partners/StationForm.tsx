// Create or edit one of our AS2 stations: its AS2 ID and name, test or production (Pagero asks for separate
// AS2 IDs), the pair that signs, the pairs that decrypt (several during a key rotation), and its public URL.
import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { As2Station } from '../../../../shared/ipc';
import { SaveActions } from '../../ui/SaveActions';
import { useRevealOnOpen } from '../../ui/useRevealOnOpen';
import { useSaveForm } from '../../ui/useSaveForm';
import { KeyPairField } from './KeyPairField';
import { useSaveStation } from './queries';
import { emptyStationDraft, stationDraftOf, toStationInput, type StationDraft } from './stationDraft';

const MAX_DECRYPTION_PAIRS = 8;

export const environmentChoices = [
  { value: 'test', label: 'Test' },
  { value: 'production', label: 'Production' },
];

interface Props {
  station: As2Station | null;
  onSaved(station: As2Station): void;
  onCancel(): void;
}

export function StationForm({ station, onSaved, onCancel }: Props) {
  const headingId = useId();
  const headingRef = useRevealOnOpen<HTMLHeadingElement>();
  const { draft, edit, errors, failure, saving, onSubmit } = useSaveForm({
    initial: () => (station ? stationDraftOf(station) : emptyStationDraft()),
    check: toStationInput,
    save: useSaveStation(),
    onSaved,
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={3} size="h4" id={headingId} ref={headingRef} tabIndex={-1}>
          {station ? `Edit station ${station.as2Id}` : 'New station'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput label="Station AS2 ID" description="What partners put in AS2-To; 1–128 printable characters." withAsterisk value={draft.as2Id} error={errors.as2Id} onChange={(event) => edit({ as2Id: event.currentTarget.value })} />
          <TextInput label="Station name" description="Default: the AS2 ID." value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <Select label="Station environment" data={environmentChoices} allowDeselect={false} value={draft.environment} onChange={(value) => value && edit({ environment: value as StationDraft['environment'] })} />
        </SimpleGrid>
        <KeyPairField label="Signing" value={draft.signing} keyError={errors['signing.keyId']} certificateError={errors['signing.certificateId']} onChange={(signing) => edit({ signing })} />
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            Decryption
          </Text>
          <Text size="sm">
            {draft.decryption.length === 0
              ? 'Messages sent to this station are decrypted with the signing pair. Add pairs to use other keys, or several during a key rotation (each is tried in order).'
              : 'Each pair is tried in order when a message arrives.'}
          </Text>
          {draft.decryption.map((pair, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <div style={{ flex: 1 }}>
                <KeyPairField
                  label={`Decryption ${index + 1}`}
                  value={pair}
                  keyError={errors[`decryption.${index}.keyId`]}
                  certificateError={errors[`decryption.${index}.certificateId`]}
                  onChange={(changed) => edit({ decryption: draft.decryption.map((old, at) => (at === index ? changed : old)) })}
                />
              </div>
              <Button variant="subtle" color="red" onClick={() => edit({ decryption: draft.decryption.filter((_, at) => at !== index) })} aria-label={`Remove decryption pair ${index + 1}`}>
                Remove
              </Button>
            </Group>
          ))}
          <Button
            variant="default"
            w="fit-content"
            disabled={draft.decryption.length >= MAX_DECRYPTION_PAIRS}
            onClick={() => edit({ decryption: [...draft.decryption, { keyId: null, certificateId: null }] })}
          >
            Add decryption pair
          </Button>
        </Stack>
        <TextInput
          label="Public URL"
          description="Where partners reach this station, as they must configure it (and where asynchronous MDNs come back), e.g. https://as2.example.com/as2."
          value={draft.publicUrl}
          error={errors.publicUrl}
          onChange={(event) => edit({ publicUrl: event.currentTarget.value })}
        />
        <Text size="sm">
          Keys and certificates come from the keystore: <Anchor component={Link} to="/keys">generate an AS2 key</Anchor> and give it a certificate, or{' '}
          <Anchor component={Link} to="/certificates">import a PKCS#12 file</Anchor> holding both.
        </Text>
        <SaveActions label="Save station" failureTitle="The station was not saved" failure={failure} saving={saving} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
