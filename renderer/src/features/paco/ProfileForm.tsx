// Create or edit a PACO profile: where PACO is, who the merchant is, the two secrets (write-only: typed in,
// sealed in Courier, shown afterwards only as "stored"), PACO's public keys as 2C2P hands them out, the
// merchant keys from the keystore, and the algorithms.
import { Anchor, Fieldset, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import {
  PACO_UAT_BASE_URL,
  pacoContentEncryptions,
  pacoSigningAlgorithms,
  type KeyPurpose,
  type PacoProfileSummary,
} from '../../../../shared/ipc';
import { SaveActions } from '../../ui/SaveActions';
import { SecretInput } from '../../ui/SecretInput';
import { useSaveForm } from '../../ui/useSaveForm';
import { draftOf, emptyDraft, toSaveInput, type DraftErrors, type PacoKeyDraft, type ProfileDraft } from './profileDraft';
import { useKeysOfPurpose, useSavePacoProfile } from './queries';

interface Props {
  /** The profile being edited, or null for a new one. */
  profile: PacoProfileSummary | null;
  onSaved(profile: PacoProfileSummary): void;
  onCancel(): void;
}

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } };

function MerchantKeySelect({ purpose, label, value, error, onChange }: { purpose: KeyPurpose; label: string; value: string | null; error?: string | undefined; onChange(id: string | null): void }) {
  const keys = useKeysOfPurpose(purpose);
  const data = (keys.data?.keys ?? []).map((key) => ({ value: key.id, label: `${key.label} (${key.algorithm.type === 'rsa' ? `RSA ${key.algorithm.bits}` : `EC ${key.algorithm.curve}`})` }));
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      withAsterisk
      placeholder={data.length === 0 ? `No ${purpose} keys yet` : 'Choose a key'}
      nothingFoundMessage="No key of this purpose"
    />
  );
}

function PublicKeyFields({ legend, value, errors, field, onChange }: { legend: string; value: PacoKeyDraft; errors: DraftErrors; field: string; onChange(value: PacoKeyDraft): void }) {
  return (
    <Fieldset legend={legend} variant="unstyled">
      <Stack gap="xs">
        <TextInput label={`${legend}: kid`} withAsterisk value={value.kid} error={errors[`${field}.kid`]} onChange={(event) => onChange({ ...value, kid: event.currentTarget.value })} />
        <Textarea
          label={`${legend}: key`}
          description="Paste it as PEM, base64 (DER) or a JWK."
          withAsterisk
          autosize
          minRows={3}
          maxRows={10}
          styles={mono}
          spellCheck={false}
          value={value.key}
          error={errors[`${field}.key`]}
          onChange={(event) => onChange({ ...value, key: event.currentTarget.value })}
        />
      </Stack>
    </Fieldset>
  );
}

export function ProfileForm({ profile, onSaved, onCancel }: Props) {
  const headingId = useId();
  const { draft, edit, errors, failure, saving, onSubmit } = useSaveForm({
    initial: () => (profile ? draftOf(profile) : emptyDraft()),
    check: (current) => toSaveInput(current, profile),
    save: useSavePacoProfile(),
    forget: { token: '', basicPassword: '' },
    onSaved,
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          {profile ? `Edit profile ${profile.name}` : 'New PACO profile'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Profile name" description="Letters, digits and . _ - (e.g. uat-shop)." withAsterisk disabled={profile !== null} value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <Select
            label="Environment"
            data={[
              { value: 'uat', label: 'UAT (test)' },
              { value: 'production', label: 'Production' },
            ]}
            allowDeselect={false}
            value={draft.environment}
            onChange={(value) => value && edit({ environment: value as ProfileDraft['environment'] })}
          />
          <TextInput
            label="Base URL"
            description={draft.environment === 'uat' ? `Empty means ${PACO_UAT_BASE_URL}.` : 'The production URL from your 2C2P onboarding.'}
            placeholder={draft.environment === 'uat' ? PACO_UAT_BASE_URL : 'https://…'}
            value={draft.baseUrl}
            error={errors.baseUrl}
            onChange={(event) => edit({ baseUrl: event.currentTarget.value })}
          />
          <TextInput label="API key" description="Assigned by 2C2P; the iss of every request." withAsterisk value={draft.apiKey} error={errors.apiKey} onChange={(event) => edit({ apiKey: event.currentTarget.value })} />
          <SecretInput label="Company token" stored={profile?.sealed.companyHeader} value={draft.token} error={errors.token} onChange={(token) => edit({ token })} />
          <div />
          <TextInput label="Basic user" withAsterisk autoComplete="off" value={draft.basicUser} error={errors.basicUser} onChange={(event) => edit({ basicUser: event.currentTarget.value })} />
          <SecretInput label="Basic password" stored={profile?.sealed.basicAuth} value={draft.basicPassword} error={errors.basicPassword} onChange={(basicPassword) => edit({ basicPassword })} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <PublicKeyFields legend="PACO encryption key" field="pacoEncryptionKey" value={draft.pacoEncryptionKey} errors={errors} onChange={(pacoEncryptionKey) => edit({ pacoEncryptionKey })} />
          <PublicKeyFields legend="PACO signing key" field="pacoSigningKey" value={draft.pacoSigningKey} errors={errors} onChange={(pacoSigningKey) => edit({ pacoSigningKey })} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <MerchantKeySelect purpose="paco-signing" label="Merchant signing key" value={draft.merchantSigningKeyId} error={errors.merchantSigningKeyId} onChange={(merchantSigningKeyId) => edit({ merchantSigningKeyId })} />
          <MerchantKeySelect purpose="paco-encryption" label="Merchant encryption key" value={draft.merchantEncryptionKeyId} error={errors.merchantEncryptionKeyId} onChange={(merchantEncryptionKeyId) => edit({ merchantEncryptionKeyId })} />
        </SimpleGrid>
        <Text size="sm">
          Merchant keys come from the keystore: <Anchor component={Link} to="/keys">generate them on the Keys page</Anchor> with the
          purpose PACO signing or PACO encryption (2C2P asks for RSA 4096), then send their public keys to 2C2P.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Select label="Signing algorithm (JWS)" data={[...pacoSigningAlgorithms]} allowDeselect={false} value={draft.signingAlgorithm} onChange={(value) => value && edit({ signingAlgorithm: value as ProfileDraft['signingAlgorithm'] })} />
          <TextInput label="Key encryption (JWE alg)" value="RSA-OAEP" readOnly />
          <Select label="Content encryption (JWE enc)" data={[...pacoContentEncryptions]} allowDeselect={false} value={draft.contentEncryption} onChange={(value) => value && edit({ contentEncryption: value as ProfileDraft['contentEncryption'] })} />
        </SimpleGrid>
        <SaveActions label="Save profile" failureTitle="The profile was not saved" failure={failure} saving={saving} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
