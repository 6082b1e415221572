// The simulator's /message endpoints (seed §4–§9): send, the four lists with their filters, sorting and paging,
// one message, mark unread, attachments (by index, all, batch with the 10 MB 206 truncation), MDNs, stop/retry
// and delete. Each returns a SimReply; the server writes it (and may break it on purpose).
import type { IncomingHttpHeaders } from 'node:http';
import { zipSync, type Zippable } from 'fflate';
import type { As2gMessage } from '../../shared/ipc';
import type { GatewayMailbox, SimMessage } from './gatewayMailbox';
import { submittedFiles, SubmissionRefusal } from './submission';

export interface SimReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimReply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(value)),
});
const generic = (status: number, message: string, headers: Record<string, string> = {}) => json(status, { message }, headers);
const binary = (content: Buffer, fileName: string, status = 200, headers: Record<string, string> = {}): SimReply => ({
  status,
  headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${fileName}"`, ...headers },
  body: content,
});

export interface RouteRequest {
  method: string;
  /** Decoded path segments after /v1/message. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** https://host:port/v1 */
  base: string;
}

const SORT_COLUMNS = new Set(['persistedTimestamp', 'receiverId', 'senderId', 'subject']);

function bool(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true';
}

function partnerTypeOf(query: URLSearchParams): 'Production' | 'Test' | SimReply {
  const value = query.get('partnerType') ?? 'production';
  if (value !== 'production' && value !== 'test') return generic(400, `Invalid partnerType: ${value}`);
  return value === 'production' ? 'Production' : 'Test';
}

function page(entities: As2gMessage[], query: URLSearchParams, category: string): SimReply {
  const sortCol = query.get('sortCol') ?? 'persistedTimestamp';
  const sortDir = query.get('sortDir') ?? 'desc';
  const pageOffset = Number(query.get('pageOffset') ?? 0);
  const pageLength = Number(query.get('pageLength') ?? 10);
  if (!SORT_COLUMNS.has(sortCol)) return generic(400, `Invalid sortCol: ${sortCol}`);
  if (sortDir !== 'asc' && sortDir !== 'desc') return generic(400, `Invalid sortDir: ${sortDir}`);
  if (!Number.isInteger(pageOffset) || pageOffset < 0) return generic(400, 'pageOffset must be an integer >= 0');
  if (!Number.isInteger(pageLength) || pageLength < 1 || pageLength > 100) return generic(400, 'pageLength must be an integer between 1 and 100');
  const partnerType = partnerTypeOf(query);
  if (typeof partnerType !== 'string') return partnerType;
  let rows = entities.filter((entity) => entity.partnerType === partnerType);
  if (category === 'queued') {
    const q = query.get('query');
    if (q) rows = rows.filter((entity) => [entity.receiverId, entity.senderId, entity.as2MessageId, entity.subject ?? ''].includes(q));
  } else {
    const filters: Array<[string, (entity: As2gMessage) => string | undefined]> = [
      ['partnerAS2Id', (entity) => entity.receiverId],
      ['stationAS2Id', (entity) => entity.senderId],
      ['as2MessageId', (entity) => entity.as2MessageId],
      ['subject', (entity) => entity.subject],
    ];
    for (const [name, field] of filters) {
      const wanted = query.get(name);
      if (wanted !== null) rows = rows.filter((entity) => field(entity) === wanted);
    }
  }
  const key = sortCol as keyof As2gMessage;
  rows = [...rows].sort((a, b) => {
    const left = a[key] ?? '';
    const right = b[key] ?? '';
    const order = left < right ? -1 : left > right ? 1 : a.as2MessageId < b.as2MessageId ? -1 : 1;
    return sortDir === 'asc' ? order : -order;
  });
  return json(200, { totalRecords: rows.length, records: rows.slice(pageOffset * pageLength, (pageOffset + 1) * pageLength) });
}

/** Seed §7.3: folders by message ID, `.error` where nothing is found, 206 + X-Batch-Truncation-Index past the limit. */
function batch(mailbox: GatewayMailbox, ids: string[], markAsRead: boolean, limitBytes: number): SimReply {
  const zip: Zippable = {};
  let total = 0;
  let last: [number, number] | null = null;
  const complete: SimMessage[] = [];
  for (const [m, id] of ids.entries()) {
    const message = mailbox.received.find((candidate) => candidate.entity.as2MessageId === id);
    if (!message || message.files.length === 0) {
      zip[`${id}/.error`] = [Buffer.from(message ? `No attachments found for message ${id}` : `No AS2 message found with ID ${id}`), { level: 0 }];
      continue;
    }
    for (const [a, file] of message.files.entries()) {
      if (last !== null && total + file.content.length > limitBytes) {
        if (markAsRead) for (const done of complete) done.read = true;
        return binary(Buffer.from(zipSync(zip)), 'attachments.zip', 206, { 'x-batch-truncation-index': `(${last[0]},${last[1]})` });
      }
      zip[`${id}/${file.name}`] = [file.content, { level: 0 }];
      total += file.content.length;
      last = [m, a];
    }
    complete.push(message);
  }
  if (markAsRead) for (const done of complete) done.read = true;
  return binary(Buffer.from(zipSync(zip)), 'attachments.zip');
}

function send(mailbox: GatewayMailbox, request: RouteRequest, station: string, partner: string): SimReply {
  if (!mailbox.stations.some((candidate) => candidate.as2Identifier === station)) return generic(404, `No AS2 station found with ID ${station}`);
  if (!mailbox.partners.some((candidate) => candidate.as2Identifier === partner)) return generic(404, `No AS2 partner found with ID ${partner}`);
  const partnerType = partnerTypeOf(request.query);
  if (typeof partnerType !== 'string') return partnerType;
  try {
    const files = submittedFiles(request.headers, request.body);
    const entry = mailbox.enqueue({ station, partner, partnerType, subject: request.query.get('subject') ?? undefined, files });
    return generic(202, 'Successfully added a new outbound entry', { link: `${request.base}/message/sent/${entry.id}` });
  } catch (error) {
    if (error instanceof SubmissionRefusal) return generic(error.status, error.message);
    throw error;
  }
}

function remove(mailbox: GatewayMailbox, type: string, ids: string[]): SimReply {
  let deleted = 0;
  const drop = <T>(list: T[], idOf: (item: T) => string, keep: (item: T) => boolean = () => false) => {
    for (let i = list.length - 1; i >= 0; i--) {
      if (ids.includes(idOf(list[i]!)) && !keep(list[i]!)) {
        list.splice(i, 1);
        deleted++;
      }
    }
  };
  if (type === 'received' || type === 'sent' || type === 'failed') drop(mailbox[type], (message) => message.entity.as2MessageId);
  else if (type === 'queued') drop(mailbox.queued, (entry) => entry.id, (entry) => entry.stopped);
  else if (type === 'stopped') drop(mailbox.queued, (entry) => entry.id, (entry) => !entry.stopped);
  else return generic(400, `Unknown message type: ${type}`);
  return generic(200, `Deleted ${deleted} messages`);
}

export function messageRoute(mailbox: GatewayMailbox, request: RouteRequest, batchLimitBytes: number): SimReply {
  const { method, segments: s, query } = request;
  mailbox.tick();
  const category = s[0] ?? '';
  const isList = ['received', 'sent', 'failed'].includes(category);
  const find = (cat: string, id: string): SimMessage | undefined => (isList ? mailbox.list(cat as 'received').filter((m) => m.entity.as2MessageId === id).at(-1) : undefined);
  const notFound = (id: string) => generic(404, `No AS2 message found with ID ${id}`);

  if (method === 'DELETE') {
    if (s.length === 2) return remove(mailbox, category, [s[1]!]);
    if (s.length !== 1) return generic(404, 'Not found');
    let ids: unknown;
    try {
      ids = JSON.parse(request.body.toString('utf8'));
    } catch {
      return generic(400, 'The body must be a JSON array of message IDs');
    }
    if (!Array.isArray(ids) || ids.length > 100 || !ids.every((id) => typeof id === 'string')) return generic(400, 'The body must be a JSON array of up to 100 message IDs');
    return remove(mailbox, category, ids as string[]);
  }
  if (method === 'POST' && category === 'received' && s[1] === 'batch' && s[2] === 'attachments' && s.length === 3) {
    let ids: unknown;
    try {
      ids = JSON.parse(request.body.toString('utf8'));
    } catch {
      return generic(400, 'The body must be a JSON array of message IDs');
    }
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every((id) => typeof id === 'string')) return generic(400, 'Give 1 to 100 message IDs as a JSON array');
    return batch(mailbox, ids as string[], bool(query, 'markAsRead'), batchLimitBytes);
  }
  if (method === 'POST' && s.length === 3 && category === 'received' && s[2] === 'markUnread') {
    const message = find('received', s[1]!);
    if (!message) return notFound(s[1]!);
    message.read = false;
    return generic(200, `Successfully marked message ${s[1]} as unread`);
  }
  if (method === 'POST' && s.length === 3 && category === 'queued' && (s[2] === 'stop' || s[2] === 'retry')) {
    const entry = mailbox.queued.find((candidate) => candidate.id === s[1]);
    if (!entry) return notFound(s[1]!);
    entry.stopped = s[2] === 'stop';
    if (!entry.stopped) entry.dueAt = Date.now();
    return generic(200, entry.stopped ? `Successfully stopped retrying AS2 message with ID ${entry.id}` : `Successfully started retrying AS2 message with ID ${entry.id}`);
  }
  if (method === 'POST' && s.length === 2) return send(mailbox, request, s[0]!, s[1]!);
  if (method !== 'GET') return generic(405, 'Method not allowed');

  if (s.length === 1 && category === 'queued') return page(mailbox.queued.map((entry) => mailbox.queuedEntity(entry)), query, 'queued');
  if (s.length === 1 && isList) {
    const rows = mailbox.list(category as 'received').filter((m) => !(category === 'received' && bool(query, 'unreadOnly') && m.read));
    return page(rows.map((m) => m.entity), query, category);
  }
  if (s.length === 2 && category === 'queued') {
    const entry = mailbox.queued.find((candidate) => candidate.id === s[1]);
    return entry ? json(200, mailbox.queuedEntity(entry)) : notFound(s[1]!);
  }
  if (s.length >= 2 && isList) {
    const message = find(category, s[1]!);
    if (!message) return notFound(s[1]!);
    const markRead = () => {
      if (category === 'received' && bool(query, 'markAsRead')) message.read = true;
    };
    if (s.length === 2) {
      markRead();
      return json(200, message.entity);
    }
    if (category === 'failed') return generic(404, 'Not found');
    if (s[2] === 'mdn' && s.length === 3) {
      if (!message.entity.mdnMessage) return generic(404, `No MDN found for AS2 message ${s[1]}`);
      return binary(Buffer.from(message.entity.mdnMessage.content), 'mdn.txt');
    }
    if (s[2] !== 'attachments' || s.length > 4) return generic(404, 'Not found');
    if (s[3] === 'all') {
      markRead();
      const zip: Zippable = {};
      for (const file of message.files) zip[file.name] = [file.content, { level: 0 }];
      return binary(Buffer.from(zipSync(zip)), 'attachments.zip');
    }
    const index = s[3] === undefined ? 0 : Number(s[3]);
    const file = Number.isInteger(index) ? message.files[index] : undefined;
    if (!file) return generic(404, `No attachment at index ${s[3] ?? 0} for AS2 message ${s[1]}`);
    markRead();
    return binary(file.content, file.name);
  }
  return generic(404, 'Not found');
}
