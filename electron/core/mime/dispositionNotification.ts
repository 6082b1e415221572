// Why this file exists: the machine-readable half of an AS2 MDN is a block of message/disposition-notification
// fields (RFC 8098 §3, RFC 4130 §7.4.3): who reports, about which message, what happened (Disposition), and the
// digest the receiver computed (Received-Content-MIC). The sender's non-repudiation rests on reading them exactly.
import { formatHeaderFields, type HeaderFieldInit } from './headerFormat';
import { type Headers, parseHeaderSection } from './headers';
import { mimeLimits } from './limits';
import { digestLengths } from '../cms/digests';
import { type DigestName, formatMicalg, type MicalgSpelling, parseMicalg } from './micalg';
import { excerpt, MimeError } from './mimeError';
import { decodeBase64 } from './transferEncoding';

export type ActionMode = 'manual-action' | 'automatic-action';
export type SendingMode = 'MDN-sent-manually' | 'MDN-sent-automatically';

export interface DispositionModifier {
  /** `error`, `warning`, `failure`… lower-cased. */
  readonly kind: string;
  /** What follows the colon: `decryption-failed`, `authentication-failed`, or free text. */
  readonly description?: string;
}

export interface Disposition {
  readonly actionMode: ActionMode;
  readonly sendingMode: SendingMode;
  /** `processed`, `failed`, `displayed`… lower-cased. */
  readonly type: string;
  readonly modifier?: DispositionModifier;
}

export interface Recipient {
  /** `rfc822` in AS2. */
  readonly addressType: string;
  readonly address: string;
}

export interface ReceivedContentMic {
  readonly digest: Buffer;
  readonly algorithm: DigestName;
}

export interface DispositionNotification {
  readonly reportingUa?: string;
  readonly originalRecipient?: Recipient;
  readonly finalRecipient: Recipient;
  readonly originalMessageId?: string;
  readonly disposition: Disposition;
  readonly receivedContentMic?: ReceivedContentMic;
  /** Every field as received, extensions included. */
  readonly fields: Headers;
}

function fail(message: string): never {
  throw new MimeError('bad-disposition-notification', message);
}

const ACTION_MODES: readonly ActionMode[] = ['manual-action', 'automatic-action'];
const SENDING_MODES: readonly SendingMode[] = ['MDN-sent-manually', 'MDN-sent-automatically'];

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const found = allowed.find((item) => item.toLowerCase() === value.trim().toLowerCase());
  return found ?? fail(`${what} ${excerpt(value.trim(), 24)} is not one of ${allowed.join(', ')}`);
}

/** `automatic-action/MDN-sent-automatically; processed/error: decryption-failed` (RFC 4130 §7.4.3). */
export function parseDisposition(value: string): Disposition {
  const semicolon = value.indexOf(';');
  if (semicolon === -1) fail(`Disposition ${excerpt(value, 24)} lacks "mode; type"`);
  const [action = '', sending = '', extra] = value.slice(0, semicolon).split('/');
  if (extra !== undefined) fail(`Disposition mode ${excerpt(value, 24)} has more than action/sending`);
  const typePart = value.slice(semicolon + 1);
  const slash = typePart.indexOf('/');
  const type = (slash === -1 ? typePart : typePart.slice(0, slash)).trim().toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(type)) fail(`Disposition type ${excerpt(type, 24)} is not a word`);
  const disposition = { actionMode: oneOf(action, ACTION_MODES, 'Action mode'), sendingMode: oneOf(sending, SENDING_MODES, 'Sending mode'), type };
  if (slash === -1) return disposition;
  const modifierText = typePart.slice(slash + 1);
  const colon = modifierText.indexOf(':');
  const kind = (colon === -1 ? modifierText : modifierText.slice(0, colon)).trim().toLowerCase();
  if (kind === '') fail('Disposition has "/" but no modifier');
  const description = colon === -1 ? '' : modifierText.slice(colon + 1).trim();
  return { ...disposition, modifier: description ? { kind, description } : { kind } };
}

export function formatDisposition(disposition: Disposition): string {
  const { modifier } = disposition;
  const suffix = modifier ? `/${modifier.kind}${modifier.description ? `: ${modifier.description}` : ''}` : '';
  return `${disposition.actionMode}/${disposition.sendingMode}; ${disposition.type}${suffix}`;
}

/** `O4bvrm…=, sha-256`: the base64 digest, a comma, the algorithm in either spelling. */
export function parseReceivedContentMic(value: string): ReceivedContentMic {
  const comma = value.indexOf(',');
  if (comma === -1) fail(`Received-Content-MIC ${excerpt(value, 24)} lacks ", algorithm"`);
  const algorithm = parseMicalg(value.slice(comma + 1));
  const digest = decodeBase64(Buffer.from(value.slice(0, comma).trim(), 'latin1'));
  if (digest.length !== digestLengths[algorithm]) {
    fail(`Received-Content-MIC is ${digest.length} bytes, but ${algorithm} digests are ${digestLengths[algorithm]}`);
  }
  return { digest, algorithm };
}

export function formatReceivedContentMic(mic: ReceivedContentMic, spelling: MicalgSpelling = 'rfc5751'): string {
  return `${Buffer.from(mic.digest).toString('base64')}, ${formatMicalg(mic.algorithm, spelling)}`;
}

function parseRecipient(value: string, field: string): Recipient {
  const semicolon = value.indexOf(';');
  const addressType = value.slice(0, semicolon).trim().toLowerCase();
  const address = value.slice(semicolon + 1).trim();
  if (semicolon === -1 || addressType === '' || address === '') fail(`${field} ${excerpt(value, 24)} is not "address-type; address"`);
  return { addressType, address };
}

/** Parses the fields of a message/disposition-notification body (one block; anything after a blank line is ignored). */
export function parseDispositionNotification(body: Buffer): DispositionNotification {
  const { headers } = parseHeaderSection(body, 0, body.length, mimeLimits());
  const dispositionValue = headers.single('disposition') ?? fail('The notification has no Disposition field');
  const finalRecipient = headers.single('final-recipient') ?? fail('The notification has no Final-Recipient field');
  const reportingUa = headers.single('reporting-ua');
  const originalRecipient = headers.single('original-recipient');
  const originalMessageId = headers.single('original-message-id');
  const mic = headers.single('received-content-mic');
  return {
    ...(reportingUa !== undefined && { reportingUa }),
    ...(originalRecipient !== undefined && { originalRecipient: parseRecipient(originalRecipient, 'Original-Recipient') }),
    finalRecipient: parseRecipient(finalRecipient, 'Final-Recipient'),
    ...(originalMessageId !== undefined && { originalMessageId }),
    disposition: parseDisposition(dispositionValue),
    ...(mic !== undefined && { receivedContentMic: parseReceivedContentMic(mic) }),
    fields: headers,
  };
}

export interface DispositionNotificationInit {
  readonly reportingUa: string;
  /** The AS2 name of the recipient; written `rfc822; <name>` as AS2 does. */
  readonly originalRecipient?: string;
  readonly finalRecipient: string;
  readonly originalMessageId: string;
  readonly disposition: Disposition;
  readonly receivedContentMic?: ReceivedContentMic;
  readonly micalgSpelling?: MicalgSpelling;
}

/** The notification block, one CRLF-ended field per line, in the RFC 8098 §3.1 order. */
export function formatDispositionNotification(init: DispositionNotificationInit): Buffer {
  const fields: HeaderFieldInit[] = [['Reporting-UA', init.reportingUa]];
  if (init.originalRecipient !== undefined) fields.push(['Original-Recipient', `rfc822; ${init.originalRecipient}`]);
  fields.push(['Final-Recipient', `rfc822; ${init.finalRecipient}`]);
  fields.push(['Original-Message-ID', init.originalMessageId]);
  fields.push(['Disposition', formatDisposition(init.disposition)]);
  if (init.receivedContentMic) fields.push(['Received-Content-MIC', formatReceivedContentMic(init.receivedContentMic, init.micalgSpelling)]);
  return formatHeaderFields(fields);
}
