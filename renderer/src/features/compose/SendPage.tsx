// The Send page: choose a partner, drop or pick a document (and optional attachments, batched with it into one
// zip), give a subject and content type, and queue it. What was queued is shown with a link to it in the Outbox,
// where its delivery and receipt (MDN) follow.
import { Alert, Anchor, Autocomplete, Button, CloseButton, FileButton, Group, Overlay, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { MessageSummary } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { FileRefusal, readAsBase64 } from '../../ui/fileContent';
import { Page } from '../../ui/Page';
import { useFileDrop } from '../../ui/useFileDrop';
import { messagePath } from '../messages/MessageList';
import { sizeLabel } from '../messages/messageWords';
import { usePartners } from '../partners/queries';
import { FormFailure } from '../partners/FormFailure';
import { useSendDocument } from './queries';
import { commonContentTypes, contentTypeFor, isContentType, sizeProblem } from './sendDraft';

const MAX_ATTACHMENTS = 20;

export function SendPage() {
  const partners = usePartners();
  const send = useSendDocument();
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [documentFile, setDocumentFile] = useState<File | null>(null);
  const [attachments, setAttachments] = useState<File[]>([]);
  const [subject, setSubject] = useState('');
  const [contentType, setContentType] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'partner' | 'document' | 'contentType' | 'subject', string>>>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState<MessageSummary | null>(null);
  // Clears the file inputs after a send, so the same file can be chosen again.
  const resetDocumentInput = useRef<() => void>(null);
  const resetAttachmentsInput = useRef<() => void>(null);

  const list = partners.data ?? [];
  const partner = list.find((candidate) => candidate.id === partnerId) ?? (list.length === 1 ? list[0]! : null);
  const tooLarge = sizeProblem(documentFile, attachments, partner?.as2Id ?? null);

  const chooseDocument = (file: File | null) => {
    if (!file) return;
    setDocumentFile(file);
    setContentType(contentTypeFor(file.name));
    setErrors((current) => ({ ...current, document: undefined, contentType: undefined }));
    setQueued(null);
  };
  const addAttachments = (files: File[]) => setAttachments((current) => [...current, ...files].slice(0, MAX_ATTACHMENTS));
  const dragging = useFileDrop((files) => {
    const [first, ...rest] = files;
    chooseDocument(first ?? null);
    if (rest.length > 0) addAttachments(rest);
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!partner) found.partner = 'Choose the partner to send to.';
    if (!documentFile) found.document = 'Choose or drop the document to send.';
    if (!isContentType(contentType.trim())) found.contentType = 'A content type looks like application/edi-x12.';
    if (/\p{Cc}/u.test(subject)) found.subject = 'A subject is one line.';
    setErrors(found);
    setFailure(null);
    if (!partner || !documentFile || Object.keys(found).length > 0 || tooLarge) return;
    setSending(true);
    try {
      const read = async (file: File) => ({ fileName: file.name, contentBase64: await readAsBase64(file) });
      const message = await send({
        partner: partner.id,
        document: await read(documentFile),
        attachments: await Promise.all(attachments.map(read)),
        ...(subject.trim() ? { subject: subject.trim() } : {}),
        contentType: contentType.trim(),
      });
      setQueued(message);
      setDocumentFile(null);
      setAttachments([]);
      resetDocumentInput.current?.();
      resetAttachmentsInput.current?.();
      setSubject('');
      setContentType('');
    } catch (error) {
      setFailure(error instanceof FileRefusal ? { title: error.message, hint: error.hint } : describeError(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Page title="Send">
      <Text size="sm" maw={720}>
        Send a document to an AS2 partner, signed and encrypted as their profile says. Drop the file anywhere on this page or choose it.
        It is queued at once; delivery and the partner's receipt (MDN) follow in the Outbox.
      </Text>
      <Stack gap={0} role="status">
        {queued && (
          <Alert color="teal" variant="light" title={`Queued for ${queued.partnerName ?? partner?.name ?? 'the partner'}`} withCloseButton closeButtonLabel="Dismiss" onClose={() => setQueued(null)}>
            <Stack gap={4}>
              <Text size="sm">
                {queued.fileName ?? 'The document'} is message <Text span ff="monospace" size="sm">{queued.messageId ?? queued.id}</Text>.
              </Text>
              <Anchor component={Link} to={messagePath('outbound', queued.id)} size="sm">
                Open it in the Outbox
              </Anchor>
            </Stack>
          </Alert>
        )}
      </Stack>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Send a document">
        <Stack gap="md" maw={720}>
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
          <Paper withBorder p="md" style={{ borderStyle: 'dashed' }}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    Document
                  </Text>
                  <Text size="sm" aria-live="polite">
                    {documentFile ? `${documentFile.name}, ${sizeLabel(documentFile.size)}` : 'Drop a file here (anywhere on the page), or choose one.'}
                  </Text>
                </Stack>
                <FileButton onChange={chooseDocument} resetRef={resetDocumentInput} inputProps={{ 'aria-label': 'Document' }}>
                  {(props) => (
                    <Button {...props} variant="default" style={{ flexShrink: 0 }}>
                      {documentFile ? 'Choose another…' : 'Choose document…'}
                    </Button>
                  )}
                </FileButton>
              </Group>
              {errors.document && (
                <Text size="sm" c="red" role="alert">
                  {errors.document}
                </Text>
              )}
            </Stack>
          </Paper>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text size="sm" fw={500}>
                  Attachments (optional)
                </Text>
                <Text size="sm">With attachments, the document and its attachments are batched into one zip and sent as one message.</Text>
              </Stack>
              <FileButton onChange={addAttachments} multiple resetRef={resetAttachmentsInput} inputProps={{ 'aria-label': 'Attachments' }}>
                {(props) => (
                  <Button {...props} variant="default" disabled={attachments.length >= MAX_ATTACHMENTS} style={{ flexShrink: 0 }}>
                    Add attachments…
                  </Button>
                )}
              </FileButton>
            </Group>
            {attachments.length > 0 && (
              <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Chosen attachments">
                {attachments.map((file, index) => (
                  <Group component="li" key={`${index}:${file.name}`} gap="xs">
                    <Text size="sm">
                      {file.name}, {sizeLabel(file.size)}
                    </Text>
                    <CloseButton size="sm" aria-label={`Remove attachment ${file.name}`} onClick={() => setAttachments((current) => current.filter((_, at) => at !== index))} />
                  </Group>
                ))}
              </Stack>
            )}
          </Stack>
          <Group grow align="flex-start">
            <TextInput label="Subject" description="Optional; the partner sees it in the Subject header." value={subject} error={errors.subject} maxLength={200} onChange={(event) => setSubject(event.currentTarget.value)} />
            <Autocomplete
              label="Content type"
              description="Chosen from the document's extension; change it if the partner expects another."
              data={commonContentTypes}
              value={contentType}
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
      {dragging && (
        <Overlay fixed color="var(--mantine-color-body)" backgroundOpacity={0.85} blur={2} zIndex={250} center>
          <Text size="xl" fw={600}>
            Drop to send this document (more files become attachments)
          </Text>
        </Overlay>
      )}
    </Page>
  );
}
