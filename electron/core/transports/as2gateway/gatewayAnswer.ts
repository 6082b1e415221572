// What the gateway answers, checked before anything is believed: the status (refusals carry the seed's Generic
// Response `{"message": …}`), the content type, JSON that parses and has the data model's shape, the headers a
// step needs. Each way an answer can be wrong is a typed error naming the fault, never a crash further on.
import type { z } from 'zod';
import { CourierError } from '../../errors';
import type { HttpExchangeResponse } from '../http/httpClient';

export type GatewayFault = 'malformed-json' | 'wrong-content-type' | 'missing-header' | 'unexpected-shape' | 'malformed-zip' | 'unexpected-status';

export class GatewayAnswerError extends CourierError {
  constructor(
    readonly fault: GatewayFault,
    message: string,
  ) {
    super('BAD_MESSAGE', message, 'The AS2 Gateway answered in a way its API does not describe; check the account base URL, or try again later.');
  }
}

/** The Generic Response's message (seed §3.1), cut to one readable line; null when the body is not one. */
function genericMessage(answer: HttpExchangeResponse): string | null {
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as unknown;
    const message = typeof parsed === 'object' && parsed !== null ? (parsed as { message?: unknown }).message : undefined;
    return typeof message === 'string' ? message.replace(/[\p{Cc}]+/gu, ' ').slice(0, 300) : null;
  } catch {
    return null;
  }
}

/** A non-2xx answer as the error a user can act on. */
export function refusal(answer: HttpExchangeResponse, what: string): CourierError {
  const said = genericMessage(answer);
  const detail = said ? `: ${said}` : '';
  if (answer.status === 401 || answer.status === 403) {
    return new CourierError('UNAUTHORIZED', `The AS2 Gateway refused the login for ${what} (HTTP ${answer.status})${detail}.`, 'Check the account user name and password (`courier as2g accounts save`).');
  }
  if (answer.status === 404) return new CourierError('NOT_FOUND', `The AS2 Gateway has no ${what} (HTTP 404)${detail}.`, 'Check the message ID and category; queued messages move to sent or failed.');
  if (answer.status === 429) return new CourierError('REMOTE_REJECTED', `The AS2 Gateway kept refusing ${what} for its rate limit (HTTP 429).`, 'Another client may share this account; try again in a minute.');
  return new CourierError('REMOTE_REJECTED', `The AS2 Gateway refused ${what} (HTTP ${answer.status})${detail}.`, answer.status >= 500 ? 'The gateway had a problem; try again later.' : 'Check the request against the gateway account (station, partner, files).');
}

export function expectStatus(answer: HttpExchangeResponse, allowed: readonly number[], what: string): void {
  if (allowed.includes(answer.status)) return;
  if (answer.status >= 200 && answer.status < 300) throw new GatewayAnswerError('unexpected-status', `The AS2 Gateway answered ${what} with HTTP ${answer.status}, expected ${allowed.join(' or ')}.`);
  throw refusal(answer, what);
}

function mediaType(answer: HttpExchangeResponse): string {
  return (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function expectContentType(answer: HttpExchangeResponse, expected: string, what: string): void {
  const actual = mediaType(answer);
  if (actual !== expected) throw new GatewayAnswerError('wrong-content-type', `The AS2 Gateway answered ${what} as ${actual || 'no content type'}, not ${expected}.`);
}

export function requireHeader(answer: HttpExchangeResponse, name: string, what: string): string {
  const value = answer.headers[name.toLowerCase()];
  if (value === undefined || value.trim() === '') throw new GatewayAnswerError('missing-header', `The AS2 Gateway answered ${what} without the ${name} header.`);
  return value.trim();
}

/** A JSON answer of the expected shape (unknown fields are ignored: the API may grow). */
export function jsonAnswer<T extends z.ZodType>(answer: HttpExchangeResponse, schema: T, what: string): z.infer<T> {
  expectContentType(answer, 'application/json', what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw new GatewayAnswerError('malformed-json', `The AS2 Gateway's answer to ${what} is not valid JSON (${answer.body.length} bytes).`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'the answer'}: ${issue.message}` : 'unknown';
    throw new GatewayAnswerError('unexpected-shape', `The AS2 Gateway's answer to ${what} does not match its data model (${where.slice(0, 200)}).`);
  }
  return result.data;
}

/** `attachment; filename=invoice.xml` (quoted or not) → `invoice.xml`, reduced to a safe base name. */
export function attachmentFileName(answer: HttpExchangeResponse, what: string): string {
  const disposition = requireHeader(answer, 'Content-Disposition', what);
  const match = /filename\*?=(?:UTF-8'')?(?:"([^"]*)"|([^;]*))/i.exec(disposition);
  const raw = (match?.[1] ?? match?.[2] ?? '').trim();
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  const base = name.split(/[/\\]/).pop()!.replace(/[\p{Cc}]/gu, '');
  if (base === '' || base === '.' || base === '..') throw new GatewayAnswerError('missing-header', `The AS2 Gateway's Content-Disposition for ${what} names no usable file.`);
  return base.slice(0, 255);
}
