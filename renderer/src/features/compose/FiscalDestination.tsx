// Uploading the batch to FISCAL: a profile (region, customer, unit, access token), the file type the files
// hold (transactions, suppliers, employees), and one upload per file. Files whose check found an error are
// held back, so nothing FISCAL would reject leaves the machine; the answer of each upload shows in the table.
import { Alert, Anchor, Group, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { fiscalFileTypes, type FiscalFileType } from '../../../../shared/ipc';
import { readAsBase64 } from '../../ui/fileContent';
import { BatchSubmit } from './BatchSubmit';
import type { DestinationPanelProps } from './destinationPanel';
import { useFiscalProfiles } from '../connections/queries';
import { useInspections, useTransfers } from './queries';
import { unsentFiles } from './sendBatch';
import { useBatchUpload } from './useBatchUpload';

const fileTypeLabels: Record<FiscalFileType, string> = {
  APT: 'Transactions (APT)',
  Suppliers: 'Suppliers',
  Employees: 'Employees',
};

export function FiscalDestination({ files }: DestinationPanelProps) {
  const profiles = useFiscalProfiles();
  const { fiscalUpload } = useTransfers();
  const upload = useBatchUpload();
  const [profileId, setProfileId] = useState<string | null>(null);
  const [fileType, setFileType] = useState<FiscalFileType | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'profile' | 'fileType' | 'files', string>>>({});
  const list = profiles.data?.profiles ?? [];
  const profile = list.find((candidate) => candidate.id === profileId) ?? (list.length === 1 ? list[0]! : null);
  const candidates = unsentFiles(files);
  const inspections = useInspections(candidates);
  const held = candidates.filter((entry) => inspections.get(entry.key)?.ok !== true);
  const ready = candidates.filter((entry) => inspections.get(entry.key)?.ok === true);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!profile) found.profile = 'Choose the FISCAL profile to upload with.';
    if (!fileType) found.fileType = 'Choose what the files hold: transactions, suppliers or employees.';
    if (ready.length === 0) found.files = candidates.length === 0 ? 'Add the CSV, TXT or XLSX files to upload.' : 'No file passed its check; fix the problems shown in the preview.';
    setErrors(found);
    if (!profile || !fileType || Object.keys(found).length > 0) return;
    await upload.run(ready, async (entry, transferId) => {
      const result = await fiscalUpload({
        profile: profile.id,
        fileType,
        document: { fileName: entry.file.name, contentBase64: await readAsBase64(entry.file) },
        transferId,
      });
      return { message: result.message, answer: `${result.answer.summary} (as ${result.remoteFileName})` };
    });
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Upload to FISCAL">
      <Stack gap="md">
        <Group grow align="flex-start">
          <Select
            label="FISCAL profile"
            withAsterisk
            data={list.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.customer}/${candidate.unit}, ${candidate.region})` }))}
            value={profile?.id ?? null}
            onChange={(id) => {
              setProfileId(id);
              setErrors((current) => ({ ...current, profile: undefined }));
            }}
            error={errors.profile}
            placeholder={list.length === 0 ? 'No FISCAL profiles yet' : 'Choose a profile'}
            description={profile ? `To ${profile.baseUrl}` : 'FISCAL profiles are set up on the Partners page, under Connections.'}
          />
          <Select
            label="File type"
            withAsterisk
            data={fiscalFileTypes.map((value) => ({ value, label: fileTypeLabels[value] }))}
            value={fileType}
            onChange={(value) => {
              setFileType(value as FiscalFileType | null);
              setErrors((current) => ({ ...current, fileType: undefined }));
            }}
            error={errors.fileType}
            placeholder="What the files hold"
            description="One upload per file; every file of this batch goes as this type."
          />
        </Group>
        {list.length === 0 && profiles.isSuccess && (
          <Text size="sm">
            No FISCAL profiles yet: <Anchor component={Link} to="/partners">add one on the Partners page</Anchor> with your region, shortnames and access token.
          </Text>
        )}
        {profile?.access.reminder && (
          <Alert color={profile.access.expired ? 'red' : 'yellow'} variant="light" role={profile.access.expired ? 'alert' : 'note'} title={profile.access.expired ? 'The access token has expired' : 'The access token expires soon'}>
            {profile.access.reminder}
          </Alert>
        )}
        {held.length > 0 && (
          <Text size="sm" role="note">
            Held back (their check found a problem, or is still running): {held.map((entry) => entry.file.name).join(', ')}.
          </Text>
        )}
        <BatchSubmit upload={upload} filesError={errors.files} label={ready.length > 1 ? `Upload ${ready.length} files to FISCAL` : 'Upload to FISCAL'} cancelLabel="Cancel uploads" />
      </Stack>
    </form>
  );
}
