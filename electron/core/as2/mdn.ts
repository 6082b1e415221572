// Why this file exists: the MDN (RFC 3798 in RFC 4130 §7) is AS2's receipt — a multipart/report with a text part
// and a message/disposition-notification part, signed when asked — and the only proof a partner got the exact
// bytes we sent (Received-Content-MIC). We write them for what we receive and read those partners return.
// INTERFACE STUB (lead): the AS2 codec engineer implements it.
import type { X509Certificate } from 'node:crypto';
import type { DigestName, SigningDigest } from '../cms/digests';
import type { SignerIdentity } from '../cms/signedData';
import type { As2FailureModifier } from './unwrapMessage';
import type { HeaderList } from './as2Headers';

export interface MdnInit {
  /** Our AS2 ID (Final-Recipient) and the UA name (Reporting-UA). */
  reportingUa: string;
  finalRecipient: string;
  originalRecipient: string;
  originalMessageId: string;
  /** processed, or processed/error with a modifier, or processed/warning with text. */
  outcome: { kind: 'processed' } | { kind: 'error'; modifier: As2FailureModifier } | { kind: 'warning'; text: string };
  mic: { digest: DigestName; base64: string } | null;
  /** The human-readable first part. */
  text: string;
  /** null: unsigned MDN. */
  sign: { signer: SignerIdentity; digest: SigningDigest; micalgSpelling: 'rfc5751' | 'rfc3851' } | null;
}

export interface BuiltMdn {
  /** HTTP headers for the MDN's entity: Content-Type (and MIME-Version); AS2 headers are the caller's. */
  headers: HeaderList;
  body: Buffer;
}

export function buildMdn(_init: MdnInit): BuiltMdn {
  throw new Error('not implemented yet');
}

export interface ReceivedMdn {
  originalMessageId: string | null;
  /** The Disposition field as written, e.g. "automatic-action/MDN-sent-automatically; processed/error: decryption-failed". */
  disposition: string;
  dispositionType: string;
  /** e.g. error: decryption-failed, or null when processed cleanly. */
  modifier: { kind: 'error' | 'warning' | 'failure'; text: string } | null;
  mic: { digest: DigestName | null; base64: string; algorithmName: string } | null;
  text: string | null;
  signature:
    | { status: 'verified'; digest: DigestName; signer: X509Certificate }
    | { status: 'unsigned' }
    | { status: 'invalid' | 'unknown-signer'; reason: string };
}

/** Reads an MDN (sync HTTP response or async POST): verifies its signature against the partner's certificates. */
export async function readMdn(_contentType: string, _body: Buffer, _partnerCertificates: readonly X509Certificate[]): Promise<ReceivedMdn> {
  throw new Error('not implemented yet');
}
