// Why this file exists: every way a received AS2 message can fail ends in an MDN whose disposition modifier names
// the failed step (RFC 4130 §7.5.3) and in an explanation an EDI coordinator can act on. This maps the typed errors
// of the CMS and MIME layers, step by step, to that modifier and a plain-language "what to check".
import { CmsError } from '../cms/cmsError';
import { MimeError } from '../mime/mimeError';

/** RFC 4130 §7.5.3 / RFC 3798 failure modifiers an MDN can carry. */
export type As2FailureModifier =
  | 'decryption-failed'
  | 'authentication-failed'
  | 'integrity-check-failed'
  | 'insufficient-message-security'
  | 'decompression-failed'
  | 'unexpected-processing-error';

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

/** The step of unwrapping that failed. */
export type UnwrapStep = 'decrypt' | 'verify' | 'decompress' | 'parse';

const CHECK = {
  noRecipient:
    'The message was encrypted for a certificate we do not hold: check which of our encryption certificates the partner has on file, and send them the current one.',
  decrypt:
    "The message could not be decrypted with our key: check that the partner encrypts with our current certificate and an algorithm we both support, or ask them to resend (it may have been damaged in transit).",
  unknownSigner:
    "The message was signed with a certificate that is not the partner's signature certificate on file: check which certificate the partner signs with (it may have been renewed) and import it.",
  badSignature:
    "The signature does not verify with the partner's certificate: the message may have been altered, or the partner signs with another key; confirm their current certificate.",
  digest:
    'The content does not match its signature (MIC mismatch): the partner computed it over a different canonical form; check line endings, transfer encoding and compression order (before or after signing).',
  decompress:
    'The compressed content could not be expanded: check that the partner compresses with zlib (RFC 5402), or whether the message exceeds our size limit for decompressed content.',
  parse:
    "The message is not a well-formed AS2/MIME message: keep the raw message and ask the partner to check their AS2 software's settings.",
} as const;

function verifyFailure(error: CmsError): As2ProcessingError {
  switch (error.reason) {
    case 'digest-mismatch':
      return new As2ProcessingError('integrity-check-failed', error.message, CHECK.digest);
    case 'no-signer-certificate':
      return new As2ProcessingError('authentication-failed', error.message, CHECK.unknownSigner);
    default:
      return new As2ProcessingError('authentication-failed', error.message, CHECK.badSignature);
  }
}

/** The processing error for `error`, thrown while doing `step`. */
export function processingFailure(step: UnwrapStep, error: unknown): As2ProcessingError {
  if (error instanceof As2ProcessingError) return error;
  const message = error instanceof CmsError || error instanceof MimeError ? error.message : 'The message could not be processed';
  if (step === 'decrypt') {
    const check = error instanceof CmsError && error.reason === 'no-matching-recipient' ? CHECK.noRecipient : CHECK.decrypt;
    return new As2ProcessingError('decryption-failed', message, check);
  }
  if (step === 'verify') {
    if (error instanceof CmsError) return verifyFailure(error);
    return new As2ProcessingError('authentication-failed', message, CHECK.badSignature);
  }
  if (step === 'decompress') return new As2ProcessingError('decompression-failed', message, CHECK.decompress);
  return new As2ProcessingError('unexpected-processing-error', message, CHECK.parse);
}

/** The signer was verified, but with a certificate we do not have on file for this partner. */
export function unknownSigner(subject: string): As2ProcessingError {
  return new As2ProcessingError('authentication-failed', `The message was signed by ${subject}, which is not the partner's certificate on file`, CHECK.unknownSigner);
}

/** The partner's policy asks for a protection the message lacks. */
export function insufficientSecurity(missing: 'signature' | 'encryption'): As2ProcessingError {
  return new As2ProcessingError(
    'insufficient-message-security',
    `The message is not ${missing === 'signature' ? 'signed' : 'encrypted'}, but this partner's profile requires it`,
    `Ask the partner to ${missing === 'signature' ? 'sign' : 'encrypt'} their messages, or change what the partner profile requires.`,
  );
}
