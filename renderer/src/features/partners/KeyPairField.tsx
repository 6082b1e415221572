// One of our key pairs for a station: a key from the keystore and the certificate that certifies it. The
// certificate list narrows to the chosen key's certificates, and the only one is chosen by itself.
import { Group, Select } from '@mantine/core';
import { algorithmLabel } from '../keys/keyFormat';
import { purposeLabel } from '../keys/keyChoices';
import { commonName } from '../certificates/certificateWords';
import { useCertificates } from '../certificates/queries';
import { useKeys } from '../keys/queries';
import type { KeyPairDraft } from './stationDraft';

interface Props {
  /** "Signing", "Decryption 2". */
  label: string;
  value: KeyPairDraft;
  keyError?: string | undefined;
  certificateError?: string | undefined;
  onChange(value: KeyPairDraft): void;
}

export function KeyPairField({ label, value, keyError, certificateError, onChange }: Props) {
  const keys = useKeys();
  const certificates = useCertificates();
  const as2Keys = (keys.data?.keys ?? []).filter((key) => key.purpose === 'as2-signing' || key.purpose === 'as2-encryption');
  const ownCertificates = (certificates.data?.certificates ?? []).filter((certificate) => certificate.keyId !== null && certificate.keyId === value.keyId);
  const chooseKey = (keyId: string | null) => {
    const matching = (certificates.data?.certificates ?? []).filter((certificate) => certificate.keyId !== null && certificate.keyId === keyId);
    onChange({ keyId, certificateId: matching.length === 1 ? matching[0]!.id : null });
  };
  return (
    <Group grow align="flex-start">
      <Select
        label={`${label} key`}
        data={as2Keys.map((key) => ({ value: key.id, label: `${key.label} (${purposeLabel(key.purpose)}, ${algorithmLabel(key.algorithm)})` }))}
        value={value.keyId}
        onChange={chooseKey}
        error={keyError}
        withAsterisk
        searchable
        placeholder={as2Keys.length === 0 ? 'No AS2 keys yet' : 'Choose a key'}
        nothingFoundMessage="No AS2 key matches"
      />
      <Select
        label={`${label} certificate`}
        data={ownCertificates.map((certificate) => ({ value: certificate.id, label: `${commonName(certificate.subject)} (until ${certificate.notAfter.slice(0, 10)})` }))}
        value={value.certificateId}
        onChange={(certificateId) => onChange({ ...value, certificateId })}
        error={certificateError}
        withAsterisk
        disabled={value.keyId === null}
        placeholder={value.keyId === null ? 'Choose the key first' : ownCertificates.length === 0 ? 'This key has no certificate yet' : 'Choose its certificate'}
      />
    </Group>
  );
}
