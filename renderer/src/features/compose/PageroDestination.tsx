// Sending the batch into the Pagero network: a profile (endpoint, document type and send mode, Basic or OAuth2
// login), an optional interchange id the user can quote to Pagero, and either one send per file or, for several
// files, one zip of a business document with the others as its attachments; the answer (or refusal, with what
// to do) shows in the table.
import { Alert, Anchor, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { pageroContentTypes } from '../../../../shared/ipc';
import { readAsBase64 } from '../../ui/fileContent';
import { BatchSubmit } from './BatchSubmit';
import type { DestinationPanelProps } from './destinationPanel';
import { interchangeIdFor } from './interchangeIds';
import { usePageroProfiles } from '../connections/queries';
import { pageroBatchModes, pageroZipOf, zipAnswer, type PageroBatchMode, type PageroZip } from './pageroBatch';
import { useTransfers } from './queries';
import { unsentFiles, type BatchFile } from './sendBatch';
import { useBatchUpload } from './useBatchUpload';

type PageroContentType = (typeof pageroContentTypes)[number];

const authLabels = { basic: 'Basic login', 'oauth2-password': 'OAuth2 (password grant)' } as const;

export function PageroDestination({ files }: DestinationPanelProps) {
  const profiles = usePageroProfiles();
  const { pageroSend } = useTransfers();
  const upload = useBatchUpload();
  const [profileId, setProfileId] = useState<string | null>(null);
  const [interchangeId, setInterchangeId] = useState('');
  const [contentType, setContentType] = useState<PageroContentType | null>(null);
  const [mode, setMode] = useState<PageroBatchMode>('each');
  const [documentKey, setDocumentKey] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'profile' | 'interchangeId' | 'files', string>>>({});
  const list = profiles.data?.profiles ?? [];
  const profile = list.find((candidate) => candidate.id === profileId) ?? (list.length === 1 ? list[0]! : null);
  const candidates = unsentFiles(files).filter((entry) => entry.file.size > 0);
  const empty = unsentFiles(files).filter((entry) => entry.file.size === 0);
  const zip = mode === 'zip' ? pageroZipOf(candidates, documentKey) : null;

  const read = async (entry: BatchFile) => ({ fileName: entry.file.name, contentBase64: await readAsBase64(entry.file) });

  /** One send per file, the typed interchange id numbered per file. */
  const sendEach = (profileId: string) =>
    upload.run(candidates, async (entry, transferId) => {
      const id = interchangeIdFor(interchangeId, candidates.indexOf(entry), candidates.length) ?? undefined;
      const result = await pageroSend({
        profile: profileId,
        document: await read(entry),
        attachments: [],
        ...(id ? { interchangeId: id } : {}),
        ...(contentType ? { contentType } : {}),
        transferId,
      });
      return { message: result.message, answer: `${result.answer.meaning} (interchange id ${result.interchangeId})` };
    });

  /** One send carrying the document and its attachments, which the main process zips. */
  const sendZip = (profileId: string, chosen: PageroZip) =>
    upload.runTogether(candidates, async (transferId) => {
      const id = interchangeIdFor(interchangeId, 0, 1) ?? undefined;
      const result = await pageroSend({
        profile: profileId,
        document: await read(chosen.document),
        attachments: await Promise.all(chosen.attachments.map(read)),
        ...(id ? { interchangeId: id } : {}),
        transferId,
      });
      return { message: result.message, answer: zipAnswer(result.answer.meaning, result.interchangeId, result.message.fileName ?? chosen.zipName, chosen.attachments.length) };
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!profile) found.profile = 'Choose the Pagero profile to send with.';
    if (interchangeIdFor(interchangeId, 0, zip ? 1 : candidates.length) === null) found.interchangeId = 'An interchange id is up to 100 letters, digits and . _ : -';
    if (candidates.length === 0) found.files = 'Add the documents to send.';
    setErrors(found);
    if (!profile || Object.keys(found).length > 0 || zip?.problem) return;
    await (zip ? sendZip(profile.id, zip) : sendEach(profile.id));
    setInterchangeId('');
    setDocumentKey(null);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Send to Pagero">
      <Stack gap="md">
        <Select
          label="Pagero profile"
          withAsterisk
          data={list.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.documentType}, ${candidate.sendMode})` }))}
          value={profile?.id ?? null}
          onChange={(id) => {
            setProfileId(id);
            setErrors((current) => ({ ...current, profile: undefined }));
          }}
          error={errors.profile}
          placeholder={list.length === 0 ? 'No Pagero profiles yet' : 'Choose a profile'}
          description={
            profile
              ? `Document type ${profile.documentType}, send mode ${profile.sendMode}, ${authLabels[profile.authMode]}: to ${profile.endpointUrl}`
              : 'Pagero profiles are set up on the Partners page, under Connections.'
          }
        />
        {list.length === 0 && profiles.isSuccess && (
          <Text size="sm">
            No Pagero profiles yet: <Anchor component={Link} to="/partners">add one on the Partners page</Anchor> with the details of your Pagero interconnect specification.
          </Text>
        )}
        {candidates.length > 1 && (
          <Radio.Group label="Pagero batch" description={`How these ${candidates.length} files go to Pagero.`} value={mode} onChange={(value) => setMode(value as PageroBatchMode)}>
            <Group gap="lg" mt={4}>
              {pageroBatchModes.map((option) => (
                <Radio key={option.value} value={option.value} label={option.label} />
              ))}
            </Group>
          </Radio.Group>
        )}
        {zip && (
          <Select
            label="Pagero document"
            withAsterisk
            data={candidates.map((entry) => ({ value: entry.key, label: entry.file.name }))}
            value={zip.document.key}
            onChange={setDocumentKey}
            allowDeselect={false}
            description={`The business document; the other files go with it as its attachments. ${zip.layout}`}
          />
        )}
        {zip?.problem && (
          <Alert color="red" variant="light" role="alert" title="These files cannot go as one zip">
            {zip.problem}
          </Alert>
        )}
        <Group grow align="flex-start">
          <TextInput
            label="Interchange ID"
            description={
              zip
                ? 'Optional; quote it to Pagero to find the zip. Empty: made from the document\'s file name.'
                : candidates.length > 1
                  ? 'Optional; numbered per file (-1, -2, …). Empty: made from each file name.'
                  : 'Optional; quote it to Pagero to find the document. Empty: made from the file name.'
            }
            value={interchangeId}
            error={errors.interchangeId}
            maxLength={96}
            onChange={(event) => setInterchangeId(event.currentTarget.value)}
          />
          <Select
            label="Content type"
            description={zip ? 'A zip always goes as binary (application/octet-stream).' : "Empty: from each file's extension (XML, JSON, text; anything else goes as binary)."}
            data={[...pageroContentTypes]}
            value={zip ? null : contentType}
            disabled={zip !== null}
            onChange={(value) => setContentType(value as PageroContentType | null)}
            clearable
            placeholder={zip ? 'application/octet-stream' : 'From the extension'}
          />
        </Group>
        {empty.length > 0 && (
          <Text size="sm" role="note">
            Held back (empty): {empty.map((entry) => entry.file.name).join(', ')}.
          </Text>
        )}
        <BatchSubmit
          upload={upload}
          filesError={errors.files}
          label={zip ? `Send ${candidates.length} files to Pagero as one zip` : candidates.length > 1 ? `Send ${candidates.length} files to Pagero` : 'Send to Pagero'}
          cancelLabel="Cancel sending"
          disabled={Boolean(zip?.problem)}
        />
      </Stack>
    </form>
  );
}
