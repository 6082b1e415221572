// Why this file exists: AS2 rides on HTTP headers (RFC 4130 §6): AS2-Version, AS2-From/To (quoted when they hold
// spaces), Message-ID, the MDN request (Disposition-Notification-To/Options, Receipt-Delivery-Option). Both the
// sender (writes them) and the receiver (reads them, with a typed error for each malformed one) use this module.
import { randomUUID } from 'node:crypto';
import type { DigestName } from '../cms/digests';
import { CourierError } from '../errors';
import { encodeWords } from '../mime/encodedWords';
import { digestFromMicalg, formatMicalg } from '../mime/micalg';

export type HeaderList = Array<[name: string, value: string]>;

export interface MdnRequest {
  signed: boolean;
  /** From signed-receipt-micalg, in the partner's order of preference. */
  micAlgorithms: DigestName[];
  /** Receipt-Delivery-Option: where to send an async MDN; null = sync. */
  asyncUrl: string | null;
}

export interface As2Envelope {
  as2From: string;
  as2To: string;
  /** Without angle brackets. */
  messageId: string;
  subject: string | null;
  contentType: string;
  /** null: the sender asked for no MDN. */
  mdn: MdnRequest | null;
  /** AS2-Version as sent (null when absent; older senders omit it). */
  as2Version?: string | null;
  /** Disposition-Notification-To as sent (an address or URL AS2 receivers only echo). */
  mdnReturnAddress?: string | null;
  /** Content-Disposition of the body, when the sender gave one (carries the file name of a bare payload). */
  contentDisposition?: string | null;
}

export interface OutboundHeaderInit {
  as2From: string;
  as2To: string;
  messageId: string;
  subject: string | null;
  contentType: string;
  /** null: no MDN requested. */
  mdn: (MdnRequest & { returnAddress: string }) | null;
  micalgSpelling: 'rfc5751' | 'rfc3851';
  custom: ReadonlyArray<{ name: string; value: string }>;
  /** Default: now. */
  date?: Date;
}

const HINT_SENDER = "The partner's AS2 software sent a malformed request: keep the raw request and ask them to check their AS2 settings.";

function badHeader(message: string): never {
  throw new CourierError('BAD_MESSAGE', message, HINT_SENDER);
}

/** A fresh RFC 5322 Message-ID (without angle brackets), unique across restarts and hosts. */
export function newMessageId(domain: string): string {
  const host = domain.replace(/[^A-Za-z0-9.-]/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'courier';
  return `courier-${Date.now().toString(36)}-${randomUUID()}@${host}`;
}

/** RFC 4130 §6.2: an AS2 name is quoted when it holds characters other than atext; `"` and `\` are escaped. */
export function formatAs2Name(name: string): string {
  return /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]+$/.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

/** RFC 5322 §3.3 date-time in UTC: `Tue, 04 Jan 2022 14:00:42 +0000`. */
function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function checkValue(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new CourierError('BAD_INPUT', `The ${name} header value contains a line break`, 'Header values are one line.');
  return value;
}

/** The Disposition-Notification-Options of a signed-MDN request, e.g. `signed-receipt-micalg=optional, sha-256`. */
export function formatDispositionOptions(micAlgorithms: readonly DigestName[], spelling: 'rfc5751' | 'rfc3851'): string {
  const algorithms = (micAlgorithms.length > 0 ? micAlgorithms : (['sha256'] as const)).map((d) => formatMicalg(d, spelling)).join(', ');
  return `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, ${algorithms}`;
}

/** The HTTP headers of an outbound AS2 message, each on one line (never folded: many HTTP stacks reject folding). */
export function buildAs2Headers(init: OutboundHeaderInit): HeaderList {
  const headers: HeaderList = [
    ['AS2-Version', '1.2'],
    ['AS2-From', formatAs2Name(init.as2From)],
    ['AS2-To', formatAs2Name(init.as2To)],
    ['Message-ID', `<${init.messageId.replace(/^<|>$/g, '')}>`],
  ];
  if (init.subject !== null) {
    const subject = init.subject.replace(/\s*[\r\n]+\s*/g, ' ');
    headers.push(['Subject', /^[\x20-\x7e]*$/.test(subject) ? subject : encodeWords(subject)]);
  }
  headers.push(['Date', formatDate(init.date ?? new Date())], ['MIME-Version', '1.0'], ['Content-Type', init.contentType]);
  if (init.mdn) {
    headers.push(['Disposition-Notification-To', init.mdn.returnAddress]);
    if (init.mdn.signed) headers.push(['Disposition-Notification-Options', formatDispositionOptions(init.mdn.micAlgorithms, init.micalgSpelling)]);
    if (init.mdn.asyncUrl !== null) headers.push(['Receipt-Delivery-Option', init.mdn.asyncUrl]);
  }
  for (const { name, value } of init.custom) headers.push([name, value]);
  return headers.map(([name, value]) => [name, checkValue(name, value)]);
}

type RawHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The one value of a header (names compared ignoring case); repeated different values are an error. */
function headerValue(headers: RawHeaders, name: string): string | undefined {
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name.toLowerCase() || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  const distinct = [...new Set(values.map((v) => v.trim()))];
  if (distinct.length > 1) badHeader(`The AS2 request has ${distinct.length} different ${name} headers`);
  return distinct[0];
}

function required(headers: RawHeaders, name: string): string {
  const value = headerValue(headers, name);
  if (value === undefined || value === '') badHeader(`The AS2 request has no ${name} header (RFC 4130 §6)`);
  return value;
}

/** An AS2 name, unquoted: 1–128 printable ASCII characters (RFC 4130 §6.2). */
function readAs2Name(headers: RawHeaders, name: string): string {
  const raw = required(headers, name);
  let value = raw;
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) value = raw.slice(1, -1).replace(/\\(.)/g, '$1');
  else if (raw.includes('"')) badHeader(`The ${name} header has an unbalanced quote`);
  if (value.length < 1 || value.length > 128 || !/^[\x20-\x7e]+$/.test(value) || value.trim() !== value) {
    badHeader(`The ${name} header is not an AS2 name (1–128 printable ASCII characters, RFC 4130 §6.2)`);
  }
  return value;
}

function readMessageId(headers: RawHeaders): string {
  const raw = required(headers, 'Message-ID');
  const id = raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1).trim() : raw;
  if (id.length === 0 || id.length > 998 || !/^[\x21-\x7e]+$/.test(id) || /[<>]/.test(id)) {
    badHeader('The Message-ID header is not a message identifier (<id@domain>, RFC 5322 §3.6.4)');
  }
  return id;
}

/**
 * `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256, sha1` (RFC 4130
 * §7.3): signed when the protocol names pkcs7-signature; the MIC algorithms we know, in the partner's order.
 */
function readDispositionOptions(value: string | undefined): { signed: boolean; micAlgorithms: DigestName[] } {
  if (value === undefined) return { signed: false, micAlgorithms: [] };
  let signed = false;
  const micAlgorithms: DigestName[] = [];
  for (const parameter of value.split(';')) {
    const equals = parameter.indexOf('=');
    if (equals === -1) continue;
    const attribute = parameter.slice(0, equals).trim().toLowerCase();
    const [importance = '', ...items] = parameter.slice(equals + 1).split(',').map((item) => item.trim().toLowerCase());
    if (!['required', 'optional'].includes(importance)) {
      badHeader(`Disposition-Notification-Options: ${attribute} has importance "${importance.slice(0, 16)}", not required or optional`);
    }
    if (attribute === 'signed-receipt-protocol') signed ||= items.includes('pkcs7-signature');
    if (attribute === 'signed-receipt-micalg') {
      for (const item of items) {
        const digest = digestFromMicalg(item);
        if (digest && !micAlgorithms.includes(digest)) micAlgorithms.push(digest);
      }
    }
  }
  return { signed, micAlgorithms };
}

function readAsyncUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    badHeader('The Receipt-Delivery-Option header is not a URL');
  }
  if (!/^(https?|mailto):$/.test(url.protocol)) badHeader(`The Receipt-Delivery-Option header names a ${url.protocol} URL; AS2 uses http(s)`);
  return value;
}

/** Reads an incoming AS2 request's headers (names case-insensitive); throws CourierError('BAD_MESSAGE') naming the bad header. */
export function readAs2Envelope(headers: RawHeaders): As2Envelope {
  const as2From = readAs2Name(headers, 'AS2-From');
  const as2To = readAs2Name(headers, 'AS2-To');
  const messageId = readMessageId(headers);
  const contentType = required(headers, 'Content-Type');
  const returnAddress = headerValue(headers, 'Disposition-Notification-To');
  const options = readDispositionOptions(headerValue(headers, 'Disposition-Notification-Options'));
  const mdn = returnAddress === undefined ? null : { ...options, asyncUrl: readAsyncUrl(headerValue(headers, 'Receipt-Delivery-Option')) };
  return {
    as2From,
    as2To,
    messageId,
    subject: headerValue(headers, 'Subject') ?? null,
    contentType,
    mdn,
    as2Version: headerValue(headers, 'AS2-Version') ?? null,
    mdnReturnAddress: returnAddress ?? null,
    contentDisposition: headerValue(headers, 'Content-Disposition') ?? null,
  };
}
