// Why this file exists: a partner's message that is not valid MIME must end in one typed error that says what is
// wrong and where (a `reason` code to branch on, a byte offset), without echoing more than a few bytes of input.
import { CourierError } from '../errors';

export type MimeFailure =
  | 'too-large'
  | 'header-line-too-long'
  | 'too-many-header-fields'
  | 'header-section-too-large'
  | 'malformed-header'
  | 'duplicate-header'
  | 'bad-content-type'
  | 'bad-parameter'
  | 'bad-transfer-encoding'
  | 'bad-base64'
  | 'bad-boundary'
  | 'boundary-not-found'
  | 'missing-close-delimiter'
  | 'too-deep'
  | 'too-many-parts'
  | 'unsupported-charset'
  | 'unsupported-micalg'
  | 'bad-multipart-signed'
  | 'bad-pkcs7-mime'
  | 'bad-disposition-notification'
  | 'bad-report'
  | 'bad-header-value'
  | 'boundary-collision';

const LIMIT_HINT = 'The message exceeds a safety limit for MIME structure; if the partner really sends such messages, raise the limit for that partner.';
const PARTNER_HINT = 'The partner sent a message that is not valid MIME: ask them to check their AS2 software, and keep the raw message for them.';

const hints: Record<MimeFailure, string> = {
  'too-large': LIMIT_HINT,
  'header-line-too-long': LIMIT_HINT,
  'too-many-header-fields': LIMIT_HINT,
  'header-section-too-large': LIMIT_HINT,
  'too-deep': LIMIT_HINT,
  'too-many-parts': LIMIT_HINT,
  'malformed-header': PARTNER_HINT,
  'duplicate-header': PARTNER_HINT,
  'bad-content-type': PARTNER_HINT,
  'bad-parameter': PARTNER_HINT,
  'bad-transfer-encoding': PARTNER_HINT,
  'bad-base64': PARTNER_HINT,
  'bad-boundary': PARTNER_HINT,
  'boundary-not-found': 'The multipart body has no part for its boundary: the message was probably cut off or rewritten in transit; ask the partner to resend.',
  'missing-close-delimiter': 'The multipart body ends before its closing boundary: the message was probably cut off in transit; ask the partner to resend.',
  'unsupported-charset': 'Courier does not know this character set; ask the partner to use UTF-8 or ISO-8859-1.',
  'unsupported-micalg': 'Use one of md5, sha-1, sha-224, sha-256, sha-384 or sha-512 (either spelling, sha256 or sha-256).',
  'bad-multipart-signed': PARTNER_HINT,
  'bad-pkcs7-mime': PARTNER_HINT,
  'bad-disposition-notification': 'The MDN does not follow RFC 8098 / RFC 4130 §7.4; ask the partner to check their AS2 software.',
  'bad-report': 'The MDN does not follow RFC 6522 (multipart/report); ask the partner to check their AS2 software.',
  'bad-header-value': 'Header names are ASCII letters, digits and dashes; header values cannot contain line breaks.',
  'boundary-collision': 'The content contained the chosen MIME boundary (odds about 2^-128): build the message again.',
};

/** A MIME entity (or a part of one) could not be read or built; `reason` says which rule it broke. */
export class MimeError extends CourierError {
  override readonly name = 'MimeError';
  readonly reason: MimeFailure;
  /** Byte offset in the parsed input where the problem was found, when it is known. */
  readonly offset: number | undefined;

  constructor(reason: MimeFailure, message: string, offset?: number) {
    super('BAD_MESSAGE', offset === undefined ? message : `${message} (at byte ${offset})`, hints[reason]);
    this.reason = reason;
    this.offset = offset;
  }
}

/** At most `max` bytes or characters of input, quoted, with anything unprintable escaped: safe to put in a message. */
export function excerpt(input: Uint8Array | string, max = 12): string {
  const head = typeof input === 'string' ? input.slice(0, max) : Buffer.from(input.subarray(0, max)).toString('latin1');
  const escaped = Array.from(head, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') return `\\${ch}`;
    return code >= 0x20 && code < 0x7f ? ch : `\\x${code.toString(16).padStart(2, '0')}`;
  }).join('');
  return `"${escaped}${input.length > max ? '…' : ''}"`;
}
