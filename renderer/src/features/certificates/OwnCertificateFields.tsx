// The fields a self-signed certificate and a CSR share: subject, subject alternative names, key usage and
// extended key usage (empty: what the key's purpose needs).
import { MultiSelect, Textarea, TextInput } from '@mantine/core';
import { extendedKeyUsageNames, keyUsageNames, type ExtendedKeyUsageName, type KeyUsageName } from '../../../../shared/ipc';
import type { OwnCertificateRequest } from './ownCertificateRequest';

interface Props {
  request: OwnCertificateRequest;
  onChange(request: OwnCertificateRequest): void;
  subjectError?: string | undefined;
  sansError?: string | undefined;
}

export function OwnCertificateFields({ request, onChange, subjectError, sansError }: Props) {
  return (
    <>
      <TextInput
        label="Subject"
        description='As "CN=as2.example.com, O=Example Ltd, C=DE".'
        required
        value={request.subject}
        onChange={(event) => onChange({ ...request, subject: event.currentTarget.value })}
        error={subjectError}
        spellCheck={false}
        data-autofocus
      />
      <Textarea
        label="Subject alternative names"
        description="One per line: DNS:as2.example.com, IP:192.0.2.10, email:edi@example.com or URI:https://…"
        autosize
        minRows={2}
        value={request.sans}
        onChange={(event) => onChange({ ...request, sans: event.currentTarget.value })}
        error={sansError}
        spellCheck={false}
      />
      <MultiSelect
        label="Key usage"
        description="Leave empty for what the key's purpose needs."
        data={[...keyUsageNames]}
        value={request.keyUsage}
        onChange={(values) => onChange({ ...request, keyUsage: values.filter((v): v is KeyUsageName => (keyUsageNames as readonly string[]).includes(v)) })}
        clearable
      />
      <MultiSelect
        label="Extended key usage"
        description="Leave empty for what the key's purpose needs."
        data={[...extendedKeyUsageNames]}
        value={request.extendedKeyUsage}
        onChange={(values) =>
          onChange({ ...request, extendedKeyUsage: values.filter((v): v is ExtendedKeyUsageName => (extendedKeyUsageNames as readonly string[]).includes(v)) })
        }
        clearable
      />
    </>
  );
}
