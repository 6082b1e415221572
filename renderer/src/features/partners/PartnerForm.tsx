// Create or edit an AS2 partner with every field of its profile: where and who it is, the certificates to
// encrypt to and to verify with, how messages are secured, the MDN asked for, custom headers, the send
// timeout, pausing, and the interop switches.
import { Alert, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import type { As2Partner, As2Station } from '../../../../shared/ipc';
import { SaveActions } from '../../ui/SaveActions';
import { useRevealOnOpen } from '../../ui/useRevealOnOpen';
import { useSaveForm } from '../../ui/useSaveForm';
import { CertificateField } from './CertificateField';
import { HeadersField } from './HeadersField';
import { InteropFields } from './InteropFields';
import { emptyPartnerDraft, partnerDraftOf, toPartnerInput, type PartnerDraft } from './partnerDraft';
import { cipherChoices, compressionChoices, digestChoices, keyTransportChoices, mdnModeChoices, signDigestChoices } from './partnerWords';
import { useSavePartner } from './queries';
import { environmentChoices } from './StationForm';

interface Props {
  partner: As2Partner | null;
  stations: As2Station[];
  onSaved(partner: As2Partner): void;
  onCancel(): void;
}

export function PartnerForm({ partner, stations, onSaved, onCancel }: Props) {
  const headingId = useId();
  const headingRef = useRevealOnOpen<HTMLHeadingElement>();
  const { draft, edit, errors, failure, saving, onSubmit } = useSaveForm({
    initial: () => (partner ? partnerDraftOf(partner) : emptyPartnerDraft(stations.length === 1 ? stations[0]!.id : null)),
    check: toPartnerInput,
    save: useSavePartner(),
    onSaved,
  });
  const editSecurity = (change: Partial<PartnerDraft['security']>) => edit({ security: { ...draft.security, ...change } });
  const editMdn = (change: Partial<PartnerDraft['mdn']>) => edit({ mdn: { ...draft.mdn, ...change } });
  const station = stations.find((candidate) => candidate.id === draft.stationId);

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={3} size="h4" id={headingId} ref={headingRef} tabIndex={-1}>
          {partner ? `Edit partner ${partner.name}` : 'New partner'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput label="Partner AS2 ID" description="Their AS2-From; exactly as the partner spells it." withAsterisk value={draft.as2Id} error={errors.as2Id} onChange={(event) => edit({ as2Id: event.currentTarget.value })} />
          <TextInput label="Partner name" description="Default: the AS2 ID." value={draft.name} error={errors.name} onChange={(event) => edit({ name: event.currentTarget.value })} />
          <Select label="Partner environment" data={environmentChoices} allowDeselect={false} value={draft.environment} onChange={(value) => value && edit({ environment: value as PartnerDraft['environment'] })} />
          <TextInput
            label="Partner URL"
            description="Where their AS2 server receives, e.g. https://as2.partner.example/as2."
            withAsterisk
            value={draft.url}
            error={errors.url}
            onChange={(event) => edit({ url: event.currentTarget.value })}
          />
          <Select
            label="Our station"
            description="The AS2 ID we send from and receive at for this partner."
            data={stations.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.as2Id}, ${candidate.environment})` }))}
            value={draft.stationId}
            error={errors.station}
            allowDeselect={false}
            onChange={(stationId) => edit({ stationId })}
          />
          <NumberInput
            label="Send timeout (seconds)"
            description="How long to wait for their answer (and a synchronous MDN)."
            min={5}
            max={3600}
            allowDecimal={false}
            value={draft.sendTimeoutSeconds}
            error={errors.sendTimeoutSeconds}
            onChange={(sendTimeoutSeconds) => edit({ sendTimeoutSeconds })}
          />
        </SimpleGrid>
        {station && draft.environment !== station.environment && (
          <Alert color="yellow" variant="light" role="note" title="Environments differ">
            This is a {draft.environment} partner on the {station.environment} station {station.as2Id}. Keep test and production apart: use a station
            of the same environment.
          </Alert>
        )}
        <Fieldset legend="Certificates">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CertificateField
              label="Encryption certificate"
              description="What we encrypt to. Needed unless the cipher is none."
              value={draft.encryptionCertificateId}
              error={errors.encryptionCertificateId}
              onChange={(encryptionCertificateId) => edit({ encryptionCertificateId })}
            />
            <CertificateField
              label="Signature certificate"
              description="Verifies their messages and signed MDNs; may differ from the encryption certificate."
              value={draft.signatureCertificateId}
              error={errors.signatureCertificateId}
              onChange={(signatureCertificateId) => edit({ signatureCertificateId })}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Security">
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <Select label="Cipher" data={cipherChoices} allowDeselect={false} searchable value={draft.security.cipher} onChange={(value) => value && editSecurity({ cipher: value as PartnerDraft['security']['cipher'] })} />
            <Select label="Key transport" data={keyTransportChoices} allowDeselect={false} value={draft.security.keyTransport} onChange={(value) => value && editSecurity({ keyTransport: value as PartnerDraft['security']['keyTransport'] })} />
            <Select label="Signing digest" data={signDigestChoices} allowDeselect={false} value={draft.security.signDigest} onChange={(value) => value && editSecurity({ signDigest: value as PartnerDraft['security']['signDigest'] })} />
            <Select label="Compression" data={compressionChoices} allowDeselect={false} value={draft.security.compression} onChange={(value) => value && editSecurity({ compression: value as PartnerDraft['security']['compression'] })} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Receipts (MDN)">
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Select label="MDN mode" data={mdnModeChoices} allowDeselect={false} value={draft.mdn.mode} onChange={(value) => value && editMdn({ mode: value as PartnerDraft['mdn']['mode'] })} />
            <Select label="MIC algorithm" data={digestChoices} allowDeselect={false} value={draft.mdn.micAlgorithm} disabled={draft.mdn.mode === 'none'} onChange={(value) => value && editMdn({ micAlgorithm: value as PartnerDraft['mdn']['micAlgorithm'] })} />
            <Switch label="Signed MDN" description="Pagero requires a signed synchronous MDN." mt="md" checked={draft.mdn.signed} disabled={draft.mdn.mode === 'none'} onChange={(event) => editMdn({ signed: event.currentTarget.checked })} />
          </SimpleGrid>
          {draft.mdn.mode === 'async' && (
            <TextInput
              mt="sm"
              label="Asynchronous MDN URL"
              description={`Where the partner posts the MDN. Empty: our station's public URL${station?.publicUrl ? ` (${station.publicUrl})` : ''}.`}
              value={draft.mdn.asyncUrl}
              error={errors['mdn.asyncUrl']}
              onChange={(event) => editMdn({ asyncUrl: event.currentTarget.value })}
            />
          )}
        </Fieldset>
        <HeadersField headers={draft.headers} errors={errors} onChange={(headers) => edit({ headers })} />
        <Fieldset legend="Pause">
          <Group>
            <Switch label="Pause outgoing" description="Messages to this partner wait in the queue." checked={draft.pauseOutgoing} onChange={(event) => edit({ pauseOutgoing: event.currentTarget.checked })} />
            <Switch label="Pause incoming" description="Messages from this partner are refused for now." checked={draft.pauseIncoming} onChange={(event) => edit({ pauseIncoming: event.currentTarget.checked })} />
          </Group>
        </Fieldset>
        <InteropFields value={draft.interop} onChange={(interop) => edit({ interop })} />
        <SaveActions label="Save partner" failureTitle="The partner was not saved" failure={failure} saving={saving} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
