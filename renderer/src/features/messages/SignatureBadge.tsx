// Whether a signature (on a message or an MDN) verified, as a badge with words, colour and a sign.
import { Badge } from '@mantine/core';
import type { MessageDetail } from '../../../../shared/ipc';
import { signatureLooks } from './messageWords';

type SignatureCheck = NonNullable<MessageDetail['security']>['signature'];

export function SignatureBadge({ signature }: { signature: SignatureCheck }) {
  const look = signatureLooks[signature.status];
  return (
    <Badge color={look.color} variant="light" tt="none" leftSection={<span aria-hidden="true">{look.sign}</span>}>
      {look.label}
    </Badge>
  );
}

/** "Verified (sha256) — signed by CN=…", or why it did not verify. */
export function signatureWords(signature: SignatureCheck): string {
  const parts = [signature.digest ? `digest ${signature.digest}` : null, signature.signer ? `signed by ${signature.signer}` : null, signature.reason].filter(Boolean);
  return parts.join('; ');
}
