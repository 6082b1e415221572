// Why this file exists: a received AS2 body may be any nesting of EnvelopedData / AuthEnvelopedData,
// CompressedData and multipart/signed around the payload entity (or, from some senders, the bare payload). This
// peels the layers, checks the signature against the partner's certificate, computes the MIC RFC 4130 §7.3.1
// defines for that shape, and turns every failure into the disposition modifier the MDN must report.
// INTERFACE STUB (lead): the AS2 codec engineer implements it.
import type { X509Certificate } from 'node:crypto';
import type { DecryptionIdentity } from '../cms/envelopedData';
import type { DigestName } from '../cms/digests';
import type { MimeLimits } from '../mime/limits';
import type { Headers } from '../mime/headers';

/** RFC 4130 §7.5.3 / RFC 3798 failure modifiers an MDN can carry. */
export type As2FailureModifier =
  | 'decryption-failed'
  | 'authentication-failed'
  | 'integrity-check-failed'
  | 'insufficient-message-security'
  | 'decompression-failed'
  | 'unexpected-processing-error';

export interface UnwrapOptions {
  identities: readonly DecryptionIdentity[];
  /** The partner's signature-verification certificate(s). */
  partnerCertificates: readonly X509Certificate[];
  /** MIC digests the MDN request prefers (for unsigned messages: the first one). */
  micAlgorithms: readonly DigestName[];
  limits?: Partial<MimeLimits> & { maxDecompressedBytes?: number };
}

export interface UnwrappedMessage {
  payload: Buffer;
  payloadHeaders: Headers;
  /** From Content-Disposition's filename, when there is one. */
  fileName: string | null;
  contentType: string;
  security: {
    encryption: { cipher: string; keyTransport: string; recipient: X509Certificate } | null;
    signature: { digest: DigestName; signer: X509Certificate; signingTime: Date | null } | null;
    compressed: boolean;
  };
  mic: { digest: DigestName; base64: string };
}

/** Thrown for a message that must be answered with processed/error; `mic` is set when it could still be computed. */
export class As2ProcessingError extends Error {
  constructor(
    readonly modifier: As2FailureModifier,
    message: string,
    readonly whatToCheck: string,
  ) {
    super(message);
    this.name = 'As2ProcessingError';
  }
}

export async function unwrapMessage(_contentType: string, _body: Buffer, _options: UnwrapOptions): Promise<UnwrappedMessage> {
  throw new Error('not implemented yet');
}
