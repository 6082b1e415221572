// "Create self-signed certificate": for a key whose partner accepts a self-signed certificate (AS2 often
// does) — subject, names, days of validity, usages; the certificate is attached to the key at once.
import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { certsSelfSign, type KeySummary } from '../../../../shared/ipc';
import { useOutcomeNotice } from '../keys/outcomeNotice';
import { OwnCertificateFields } from './OwnCertificateFields';
import { checkRequest, useOwnCertificateRequest } from './ownCertificateRequest';
import { useSelfSign } from './queries';

interface Props {
  keySummary: KeySummary | null;
  onClose(): void;
}

export function SelfSignDialog({ keySummary, onClose }: Props) {
  return (
    <Modal opened={keySummary !== null} onClose={onClose} title="Create self-signed certificate" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {keySummary && <SelfSignForm keySummary={keySummary} onClose={onClose} />}
    </Modal>
  );
}

const daysSchema = certsSelfSign.input.shape.days;

function SelfSignForm({ keySummary, onClose }: { keySummary: KeySummary; onClose(): void }) {
  const [request, setRequest] = useOwnCertificateRequest(keySummary);
  const [days, setDays] = useState<number | string>(365);
  const [submitted, setSubmitted] = useState(false);
  const selfSign = useSelfSign();
  const checked = checkRequest(request);
  const daysCheck = daysSchema.safeParse(typeof days === 'number' ? days : Number.NaN);
  const daysError = !daysCheck.success ? (daysCheck.error.issues[0]?.message ?? 'Give a number of days.') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!checked.fields || !daysCheck.success) return;
    selfSign.mutate(
      { keyId: keySummary.id, days: daysCheck.data, ...checked.fields },
      {
        onSuccess: (certificate) => {
          useOutcomeNotice.getState().report({
            tone: 'success',
            title: 'Self-signed certificate created',
            detail: `${certificate.subject}, valid until ${new Date(certificate.notAfter).toUTCString()}, is attached to “${keySummary.label}”.`,
          });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Signed with “{keySummary.label}” itself. Give it to partners who accept self-signed certificates; others need a
          certificate from a CA (create a CSR instead).
        </Text>
        <OwnCertificateFields
          request={request}
          onChange={setRequest}
          subjectError={submitted ? checked.subjectError : undefined}
          sansError={submitted ? checked.sansError : undefined}
        />
        <NumberInput label="Valid for (days)" min={1} max={3650} value={days} onChange={setDays} error={submitted ? daysError : undefined} allowDecimal={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={selfSign.isPending}>
            Create certificate
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
