// The AS2 Gateway REST API v1, one function per endpoint of the seed (§4–§11), over a GatewayConnection: send
// (202 + Link), the four lists and paging through totalRecords, one message, mark unread, attachments and MDNs,
// stop/retry, delete, partners and stations. Answers are checked against the seed's data model.
import { z } from 'zod';
import {
  AS2G_MAX_BATCH_IDS,
  as2gMessageSchema,
  as2gPartnerSchema,
  as2gStationSchema,
  type As2gCategory,
  type As2gListFilter,
  type As2gMessage,
  type As2gPartner,
  type As2gStation,
} from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import { attachmentFileName, expectContentType, expectStatus, GatewayAnswerError, jsonAnswer, requireHeader } from './gatewayAnswer';
import { segment, type GatewayConnection } from './gatewayConnection';
import { sendBody, type GatewayFile, type SendBody } from './sendBody';

export const genericResponse = z.object({ message: z.string() });
const pagination = z.object({ totalRecords: z.number().int().min(0), records: z.array(as2gMessageSchema) });
export type As2gPage = z.infer<typeof pagination>;

/** Attachments and MDNs: 10 MB of files plus room for a zip's own bytes. */
export const MAX_DOWNLOAD_BYTES = 12 * 1024 * 1024;

export interface SendOptions {
  station: string;
  partner: string;
  files: readonly GatewayFile[];
  partnerType?: 'production' | 'test';
  subject?: string;
  profile?: string;
  /** The body already built (and stored) by the caller, sent byte for byte. */
  prepared?: SendBody;
}

export interface SendReceipt {
  /** As the gateway names it, angle brackets included. */
  messageId: string;
  link: string;
  /** What went over the wire (for the Outbox record). */
  requestHeaders: Record<string, string>;
  requestBody: Buffer;
}

export interface Download {
  fileName: string;
  content: Buffer;
}

/** The message ID a 202's Link header names: `…/message/sent/<id>` (raw, or RFC 8288 `<url>; rel=…`). */
export function messageIdFromLink(link: string): string {
  const url = /^<(https?:[^>]*(?:>[^;>]*)*)>\s*;/.exec(link)?.[1] ?? link;
  const marker = '/message/sent/';
  const at = url.indexOf(marker);
  if (at < 0) throw new GatewayAnswerError('missing-header', `The AS2 Gateway's Link header does not name a sent message (${link.slice(0, 120)}).`);
  let id = url.slice(at + marker.length).trim();
  try {
    id = decodeURIComponent(id);
  } catch {
    throw new GatewayAnswerError('missing-header', 'The AS2 Gateway\'s Link header holds a broken message ID.');
  }
  if (id === '' || /[\p{Cc}]/u.test(id)) throw new GatewayAnswerError('missing-header', 'The AS2 Gateway\'s Link header holds no message ID.');
  return id;
}

export async function sendMessage(conn: GatewayConnection, options: SendOptions): Promise<SendReceipt> {
  const { headers, body } = options.prepared ?? sendBody(options.files);
  const answer = await conn.request({
    method: 'POST',
    path: `/message/${segment(options.station)}/${segment(options.partner)}`,
    query: { partnerType: options.partnerType, subject: options.subject, profile: options.profile },
    headers,
    body,
    maxResponseBytes: 64 * 1024,
  });
  expectStatus(answer, [202], 'the send');
  jsonAnswer(answer, genericResponse, 'the send');
  const link = requireHeader(answer, 'Link', 'the send');
  return { messageId: messageIdFromLink(link), link, requestHeaders: headers, requestBody: body };
}

function listQuery(category: As2gCategory, filter: As2gListFilter): Record<string, string | number | boolean | undefined> {
  const { query, unreadOnly, partnerAS2Id, stationAS2Id, as2MessageId, subject, ...common } = filter;
  if (category === 'queued') {
    if (partnerAS2Id ?? stationAS2Id ?? as2MessageId ?? subject) {
      throw new CourierError('BAD_INPUT', 'The queued list filters with one `query` value, not partner/station/message ID/subject.', 'Put the value in query (seed §5.4).');
    }
    return { ...common, query };
  }
  if (query !== undefined) throw new CourierError('BAD_INPUT', '`query` filters only the queued list.', 'Use partnerAS2Id, stationAS2Id, as2MessageId or subject.');
  if (unreadOnly !== undefined && category !== 'received') throw new CourierError('BAD_INPUT', 'unreadOnly applies to received messages only.');
  return { ...common, partnerAS2Id, stationAS2Id, as2MessageId, subject, unreadOnly };
}

/** One page of a category (seed §5). */
export async function listMessages(conn: GatewayConnection, category: As2gCategory, filter: As2gListFilter = {}): Promise<As2gPage> {
  return (await conn.json({ method: 'GET', path: `/message/${category}`, query: listQuery(category, filter) }, pagination, `the ${category} list`)).value;
}

/** Every page, 100 at a time, until totalRecords are in (or a page comes back empty). */
export async function listAllMessages(conn: GatewayConnection, category: As2gCategory, filter: As2gListFilter = {}): Promise<As2gPage> {
  const records: As2gMessage[] = [];
  const pageLength = filter.pageLength ?? 100;
  for (let pageOffset = 0; ; pageOffset++) {
    const page = await listMessages(conn, category, { ...filter, pageOffset, pageLength });
    records.push(...page.records);
    if (page.records.length === 0 || records.length >= page.totalRecords) return { totalRecords: page.totalRecords, records };
  }
}

export async function getMessage(conn: GatewayConnection, category: As2gCategory, messageId: string, markAsRead = false): Promise<As2gMessage> {
  const query = category === 'received' && markAsRead ? { markAsRead: true } : {};
  return (await conn.json({ method: 'GET', path: `/message/${category}/${segment(messageId)}`, query }, as2gMessageSchema, `message ${messageId}`)).value;
}

export async function markUnread(conn: GatewayConnection, messageId: string): Promise<string> {
  return (await conn.json({ method: 'POST', path: `/message/received/${segment(messageId)}/markUnread` }, genericResponse, `marking ${messageId} unread`)).value.message;
}

async function binary(conn: GatewayConnection, path: string, query: Record<string, boolean | undefined>, what: string): Promise<Download> {
  const answer = await conn.request({ method: 'GET', path, query, maxResponseBytes: MAX_DOWNLOAD_BYTES });
  expectStatus(answer, [200], what);
  expectContentType(answer, 'application/octet-stream', what);
  return { fileName: attachmentFileName(answer, what), content: answer.body };
}

/** One attachment by zero-based index (seed §7.1, §7.2). */
export function downloadAttachment(conn: GatewayConnection, category: 'received' | 'sent', messageId: string, index: number, markAsRead = false): Promise<Download> {
  return binary(conn, `/message/${category}/${segment(messageId)}/attachments/${index}`, { markAsRead: category === 'received' && markAsRead ? true : undefined }, `attachment ${index} of ${messageId}`);
}

/** Every attachment of one message, as the gateway zips them (seed §7.3). */
export function downloadAllAttachments(conn: GatewayConnection, category: 'received' | 'sent', messageId: string, markAsRead = false): Promise<Download> {
  return binary(conn, `/message/${category}/${segment(messageId)}/attachments/all`, { markAsRead: category === 'received' && markAsRead ? true : undefined }, `the attachments of ${messageId}`);
}

export function downloadMdn(conn: GatewayConnection, category: 'received' | 'sent', messageId: string): Promise<Download> {
  return binary(conn, `/message/${category}/${segment(messageId)}/mdn`, {}, `the MDN of ${messageId}`);
}

export async function controlQueued(conn: GatewayConnection, messageId: string, action: 'stop' | 'retry'): Promise<string> {
  return (await conn.json({ method: 'POST', path: `/message/queued/${segment(messageId)}/${action}` }, genericResponse, `${action === 'stop' ? 'stopping' : 'retrying'} ${messageId}`)).value.message;
}

/** One message by path, or up to 100 in one bulk request (seed §9). */
export async function deleteMessages(conn: GatewayConnection, category: string, messageIds: readonly string[]): Promise<string> {
  if (messageIds.length === 0 || messageIds.length > AS2G_MAX_BATCH_IDS) throw new CourierError('BAD_INPUT', `A delete names 1 to ${AS2G_MAX_BATCH_IDS} messages.`);
  const request =
    messageIds.length === 1
      ? { method: 'DELETE' as const, path: `/message/${category}/${segment(messageIds[0]!)}` }
      : { method: 'DELETE' as const, path: `/message/${category}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageIds) };
  return (await conn.json(request, genericResponse, `deleting ${messageIds.length} ${category} message(s)`)).value.message;
}

export async function listPartners(conn: GatewayConnection, query?: string): Promise<As2gPartner[]> {
  return (await conn.json({ method: 'GET', path: '/partner', query: { query } }, z.array(as2gPartnerSchema), 'the partner list')).value;
}

export async function listStations(conn: GatewayConnection, query?: string): Promise<As2gStation[]> {
  return (await conn.json({ method: 'GET', path: '/station', query: { query } }, z.array(as2gStationSchema), 'the station list')).value;
}
