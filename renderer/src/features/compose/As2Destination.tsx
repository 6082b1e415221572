// Sending the batch to an AS2 partner: one file is the document, the others go with it as attachments in one
// zip, signed and encrypted as the partner's profile says. It is queued at once; delivery and the partner's
// receipt (MDN) follow in the Outbox, linked from here.
import { Alert, Anchor, Autocomplete, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { MessageSummary } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { FileRefusal, readAsBase64 } from '../../ui/fileContent';
import { QueuedNotice } from './QueuedNotice';
import { FormFailure } from '../../ui/FormFailure';
import { usePartners } from '../partners/queries';
import type { DestinationPanelProps } from './destinationPanel';
import { useSendDocument } from './queries';
import { unsentFiles, useSendBatch } from './sendBatch';
import { commonContentTypes, contentTypeFor, isContentType, sizeProblem } from './sendDraft';

/** The AS2 zip batch carries at most this many attachments beside the document. */
const MAX_ATTACHMENTS = 20;

export function As2Destination({ files }: DestinationPanelProps) {
  const partners = usePartners();
  const send = useSendDocument();
  const setTransfer = useSendBatch((state) => state.setTransfer);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [documentKey, setDocumentKey] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [contentType, setContentType] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'partner' | 'document' | 'contentType' | 'subject' | 'attachments', string>>>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState<MessageSummary | null>(null);

  const list = partners.data ?? [];
  const partner = list.find((candidate) => candidate.id === partnerId) ?? (list.length === 1 ? list[0]! : null);
  const candidates = unsentFiles(files);
  const documentEntry = candidates.find((entry) => entry.key === documentKey) ?? candidates[0] ?? null;
  const attachments = candidates.filter((entry) => entry !== documentEntry);
  const chosenType = contentType ?? (documentEntry ? contentTypeFor(documentEntry.file.name) : '');
  const tooLarge = sizeProblem(documentEntry?.file ?? null, attachments.map((entry) => entry.file), partner?.as2Id ?? null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!partner) found.partner = 'Choose the partner to send to.';
    if (!documentEntry) found.document = 'Choose or drop the document to send.';
    if (attachments.length > MAX_ATTACHMENTS) found.attachments = `An AS2 message carries up to ${MAX_ATTACHMENTS} attachments; remove some files.`;
    if (!isContentType(chosenType.trim())) found.contentType = 'A content type looks like application/edi-x12.';
    if (/\p{Cc}/u.test(subject)) found.subject = 'A subject is one line.';
    setErrors(found);
    setFailure(null);
    if (!partner || !documentEntry || Object.keys(found).length > 0 || tooLarge) return;
    setSending(true);
    try {
      const read = async (file: File) => ({ fileName: file.name, contentBase64: await readAsBase64(file) });
      const message = await send({
        partner: partner.id,
        document: await read(documentEntry.file),
        attachments: await Promise.all(attachments.map((entry) => read(entry.file))),
        ...(subject.trim() ? { subject: subject.trim() } : {}),
        contentType: chosenType.trim(),
      });
      const answer = `Queued for ${message.partnerName ?? partner.name}`;
      for (const entry of [documentEntry, ...attachments]) setTransfer(entry.key, { state: 'sent', message, answer });
      setQueued(message);
      setSubject('');
      setContentType(null);
      setDocumentKey(null);
    } catch (error) {
      setFailure(error instanceof FileRefusal ? { title: error.message, hint: error.hint } : describeError(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap="md">
      <QueuedNotice title={`Queued for ${queued?.partnerName ?? partner?.name ?? 'the partner'}`} messageRowId={queued?.id ?? null} onDismiss={() => setQueued(null)}>
        {queued?.fileName ?? 'The document'} is message{' '}
        <Text span ff="monospace" size="sm">
          {queued?.messageId ?? queued?.id}
        </Text>
        .
      </QueuedNotice>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Send to an AS2 partner">
        <Stack gap="md">
          <Select
            label="Partner"
            withAsterisk
            searchable
            data={list.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.as2Id})` }))}
            value={partner?.id ?? null}
            onChange={(id) => {
              setPartnerId(id);
              setErrors((current) => ({ ...current, partner: undefined }));
            }}
            error={errors.partner}
            placeholder={list.length === 0 ? 'No partners yet' : 'Choose a partner'}
            nothingFoundMessage="No partner matches"
            description={
              partner?.pauseOutgoing
                ? 'Outgoing messages to this partner are paused: this one waits in the queue until they are resumed.'
                : list.length === 0 && partners.isSuccess
                  ? undefined
                  : `${partner ? `To ${partner.url}` : 'Partners are set up on the Partners page.'}`
            }
          />
          {list.length === 0 && partners.isSuccess && (
            <Text size="sm">
              No partners yet: <Anchor component={Link} to="/partners">add one on the Partners page</Anchor>.
            </Text>
          )}
          <Select
            label="Document"
            withAsterisk
            data={candidates.map((entry) => ({ value: entry.key, label: entry.file.name }))}
            value={documentEntry?.key ?? null}
            onChange={(key) => {
              setDocumentKey(key);
              setContentType(null);
              setErrors((current) => ({ ...current, document: undefined }));
            }}
            allowDeselect={false}
            error={errors.document}
            placeholder={candidates.length === 0 ? 'Add files above first' : 'Choose the document'}
            description={
              attachments.length > 0
                ? `The other ${attachments.length === 1 ? 'file goes' : `${attachments.length} files go`} with it as attachments, batched into one zip and sent as one message.`
                : 'Add more files to send them with it as attachments (batched into one zip).'
            }
          />
          {errors.attachments && (
            <Text size="sm" c="red" role="alert">
              {errors.attachments}
            </Text>
          )}
          <Group grow align="flex-start">
            <TextInput label="Subject" description="Optional; the partner sees it in the Subject header." value={subject} error={errors.subject} maxLength={200} onChange={(event) => setSubject(event.currentTarget.value)} />
            <Autocomplete
              label="Content type"
              description="Chosen from the document's extension; change it if the partner expects another."
              data={commonContentTypes}
              value={chosenType}
              error={errors.contentType}
              onChange={setContentType}
              placeholder="application/octet-stream"
            />
          </Group>
          {tooLarge && (
            <Alert color="red" variant="light" role="alert" title="Too large for the Send page">
              {tooLarge}
            </Alert>
          )}
          <FormFailure title="The document was not sent" failure={failure} />
          <Group>
            <Button type="submit" loading={sending} disabled={tooLarge !== null}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
