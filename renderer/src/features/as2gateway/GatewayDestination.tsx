// Sending the batch through the hosted AS2 Gateway: an account, one of its stations and partners (as the gateway
// lists them), and every file of the batch as one message — up to 10 files and 10 MB, each name once, checked
// here before anything is read. The gateway queues it; its status (Delivered, MDN …) follows in the Outbox.
import { Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { AS2G_MAX_FILES, AS2G_MAX_MESSAGE_BYTES, type MessageSummary } from '../../../../shared/ipc';
import { describeError, type ErrorDescription } from '../../ipc/describeError';
import { FileRefusal, readAsBase64 } from '../../ui/fileContent';
import type { DestinationPanelProps } from '../compose/destinationPanel';
import { unsentFiles, useSendBatch } from '../compose/sendBatch';
import { QueuedNotice } from '../compose/QueuedNotice';
import { FormFailure } from '../../ui/FormFailure';
import { useGatewayAccounts, useGatewayCall, useGatewayDirectory } from './queries';

type Field = 'account' | 'station' | 'partner' | 'files' | 'subject';

export function GatewayDestination({ files }: DestinationPanelProps) {
  const accounts = useGatewayAccounts();
  const send = useGatewayCall('as2g.send');
  const setTransfer = useSendBatch((state) => state.setTransfer);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [stationId, setStationId] = useState<string | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [partnerType, setPartnerType] = useState<'production' | 'test'>('production');
  const [subject, setSubject] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState<{ message: MessageSummary; messageId: string } | null>(null);

  const list = accounts.data?.accounts ?? [];
  const account = list.find((candidate) => candidate.id === accountId) ?? (list.length === 1 ? list[0]! : null);
  const { partners, stations } = useGatewayDirectory(account?.id ?? null);
  const stationList = stations.data?.stations ?? [];
  const partnerList = (partners.data?.partners ?? []).filter((candidate) => candidate.partnerType.toLowerCase() === partnerType);
  const station = stationList.find((candidate) => candidate.as2Identifier === stationId) ?? (stationList.length === 1 ? stationList[0]! : null);
  const partner = partnerList.find((candidate) => candidate.as2Identifier === partnerId) ?? null;
  const candidates = unsentFiles(files);
  const totalBytes = candidates.reduce((sum, entry) => sum + entry.file.size, 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!account) found.account = 'Choose the AS2 Gateway account to send with.';
    if (!station) found.station = 'Choose the gateway station the message goes out from.';
    if (!partner) found.partner = 'Choose the gateway partner to send to.';
    const names = candidates.map((entry) => entry.file.name);
    if (candidates.length === 0) found.files = 'Add the files to send above.';
    else if (candidates.length > AS2G_MAX_FILES) found.files = `The AS2 Gateway takes at most ${AS2G_MAX_FILES} files per message; this batch has ${candidates.length}.`;
    else if (totalBytes > AS2G_MAX_MESSAGE_BYTES) found.files = `The files add up to ${(totalBytes / 1048576).toFixed(1)} MB; the AS2 Gateway takes at most 10 MB per message.`;
    else if (new Set(names).size !== names.length) found.files = 'Two files share a name; every attachment of a gateway message needs its own name.';
    if (/\p{Cc}/u.test(subject)) found.subject = 'A subject is one line.';
    setErrors(found);
    setFailure(null);
    if (!account || !station || !partner || Object.keys(found).length > 0) return;
    setSending(true);
    try {
      const result = await send({
        account: account.id,
        station: station.as2Identifier,
        partner: partner.as2Identifier,
        partnerType,
        files: await Promise.all(candidates.map(async (entry) => ({ fileName: entry.file.name, contentBase64: await readAsBase64(entry.file) }))),
        ...(subject.trim() ? { subject: subject.trim() } : {}),
      });
      for (const entry of candidates) setTransfer(entry.key, { state: 'sent', message: result.message, answer: `Queued on the AS2 Gateway for ${partner.name}` });
      setQueued({ message: result.message, messageId: result.messageId });
      setSubject('');
    } catch (error) {
      setFailure(error instanceof FileRefusal ? { title: error.message, hint: error.hint } : describeError(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap="md">
      <QueuedNotice title="Queued on the AS2 Gateway" messageRowId={queued?.message.id ?? null} onDismiss={() => setQueued(null)}>
        Message{' '}
        <Text span ff="monospace" size="sm">
          {queued?.messageId}
        </Text>
        ; the gateway sends it within seconds.
      </QueuedNotice>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Send through the AS2 Gateway">
        <Stack gap="md">
          <Select
            label="Gateway account"
            withAsterisk
            data={list.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.username})` }))}
            value={account?.id ?? null}
            onChange={(id) => {
              setAccountId(id);
              setStationId(null);
              setPartnerId(null);
              setErrors((current) => ({ ...current, account: undefined }));
            }}
            error={errors.account}
            placeholder={list.length === 0 ? 'No gateway accounts yet' : 'Choose an account'}
            description={account ? `Via ${account.baseUrl}` : undefined}
          />
          {list.length === 0 && accounts.isSuccess && (
            <Text size="sm">
              No AS2 Gateway accounts yet: <Anchor component={Link} to="/partners">add one on the Partners page</Anchor>.
            </Text>
          )}
          <Group grow align="flex-start">
            <Select
              label="Station"
              withAsterisk
              searchable
              data={stationList.map((candidate) => ({ value: candidate.as2Identifier, label: `${candidate.name} (${candidate.as2Identifier})` }))}
              value={station?.as2Identifier ?? null}
              onChange={(id) => {
                setStationId(id);
                setErrors((current) => ({ ...current, station: undefined }));
              }}
              error={errors.station ?? (stations.isError ? describeError(stations.error).title : undefined)}
              placeholder={stations.isLoading ? 'Asking the gateway…' : 'Choose a station'}
            />
            <Select
              label="Partner type"
              data={[
                { value: 'production', label: 'Production' },
                { value: 'test', label: 'Test' },
              ]}
              allowDeselect={false}
              value={partnerType}
              onChange={(value) => {
                setPartnerType(value === 'test' ? 'test' : 'production');
                setPartnerId(null);
              }}
            />
          </Group>
          <Select
            label="Partner"
            withAsterisk
            searchable
            data={partnerList.map((candidate) => ({ value: candidate.as2Identifier, label: `${candidate.name} (${candidate.as2Identifier})` }))}
            value={partner?.as2Identifier ?? null}
            onChange={(id) => {
              setPartnerId(id);
              setErrors((current) => ({ ...current, partner: undefined }));
            }}
            error={errors.partner ?? (partners.isError ? describeError(partners.error).title : undefined)}
            placeholder={partners.isLoading ? 'Asking the gateway…' : 'Choose a partner'}
            nothingFoundMessage="No partner matches"
            description={partner ? `To ${partner.uri}${partner.requestMdn ? ', MDN requested' : ''}` : undefined}
          />
          <TextInput
            label="Subject"
            description={partner?.messageSubject ? `Empty: the partner's default, “${partner.messageSubject}”.` : 'Optional.'}
            value={subject}
            error={errors.subject}
            maxLength={998}
            onChange={(event) => setSubject(event.currentTarget.value)}
          />
          <Text size="sm" c={errors.files ? 'red' : undefined} role={errors.files ? 'alert' : undefined}>
            {errors.files ?? `${candidates.length} file${candidates.length === 1 ? '' : 's'} (${(totalBytes / 1024).toFixed(1)} KiB) go as one gateway message; at most ${AS2G_MAX_FILES} files and 10 MB.`}
          </Text>
          {failure && <FormFailure title="The message was not sent" failure={failure} />}
          <Group>
            <Button type="submit" loading={sending}>
              Send through the AS2 Gateway
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
