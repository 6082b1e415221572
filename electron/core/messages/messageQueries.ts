// Inbox and Outbox reads: filtered, paged lists that stay fast at 100,000 rows (indexes on direction, partner
// and status with created_at), and the one-message view with its payload preview, MDN and delivery history.
import type { MessageDetail, MessageSummary, ParsedInputOf } from '../../../shared/ipc';
import type { CourierDatabase } from '../store/database';
import type { BlobStore } from '../store/blobs';
import { CourierError } from '../errors';
import { explainMdn } from './mdnExplanation';
import type { MessageStore } from './messageStore';
import { summaryOf, SUMMARY_COLUMNS, type MessageRow } from './messageRows';
import { previewOf } from './payloadPreview';

type ListQuery = ParsedInputOf<'messages.list'>;

/** Subject and Message-ID filters match anywhere; LIKE's wildcards in the user's text are taken literally. */
const contains = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class MessageQueries {
  constructor(
    private readonly db: CourierDatabase,
    private readonly blobs: BlobStore,
    private readonly store: MessageStore,
  ) {}

  list(query: ListQuery): { rows: MessageSummary[]; total: number } {
    const where: string[] = ['m.direction = @direction'];
    const params: Record<string, unknown> = { direction: query.direction, limit: query.limit, offset: query.offset };
    if (query.partnerId) {
      where.push('m.partner_id = @partnerId');
      params.partnerId = query.partnerId;
    }
    if (query.protocols && query.protocols.length > 0) {
      const names = query.protocols.map((protocol, index) => {
        params[`protocol${index}`] = protocol;
        return `@protocol${index}`;
      });
      where.push(`m.protocol IN (${names.join(', ')})`);
    }
    if (query.statuses && query.statuses.length > 0) {
      const names = query.statuses.map((status, index) => {
        params[`status${index}`] = status;
        return `@status${index}`;
      });
      where.push(`m.status IN (${names.join(', ')})`);
    }
    if (query.from) {
      where.push('m.created_at >= @from');
      params.from = new Date(query.from).toISOString();
    }
    if (query.to) {
      where.push('m.created_at < @to');
      params.to = new Date(query.to).toISOString();
    }
    if (query.subject) {
      where.push(`m.subject LIKE @subject ESCAPE '\\'`);
      params.subject = contains(query.subject);
    }
    if (query.messageId) {
      where.push(`m.message_id LIKE @messageId ESCAPE '\\'`);
      params.messageId = contains(query.messageId.replace(/^<|>$/g, ''));
    }
    const clause = where.join(' AND ');
    const total = this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM messages m WHERE ${clause}`).get(params)!.n;
    const rows = this.db
      .prepare<Record<string, unknown>, MessageRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM messages m LEFT JOIN as2_partners p ON p.id = m.partner_id
         WHERE ${clause} ORDER BY m.created_at DESC, m.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params);
    return { rows: rows.map(summaryOf), total };
  }

  async detail(id: number): Promise<MessageDetail> {
    const summary = this.store.summary(id);
    const facts = this.store.facts(id);
    const mdn = this.store.mdnOf(id);
    const queue = this.db
      .prepare<[number], { state: string; next_attempt_at: string | null; history: string }>(
        'SELECT state, next_attempt_at, history FROM as2_outbound_queue WHERE message_row_id = ?',
      )
      .get(id);
    const preview = facts.payload ? await previewOf(this.blobs, facts.payload, facts.contentType) : null;
    const outbound = summary.direction === 'outbound';
    return {
      ...summary,
      headers: facts.headers,
      security: facts.security,
      payload: facts.payload && preview ? { sha256: facts.payload.sha256, size: facts.payload.size, ...preview } : null,
      wireSize: facts.wire.size,
      mdn: mdn
        ? {
            direction: mdn.direction,
            delivery: mdn.delivery,
            state: mdn.state,
            disposition: mdn.disposition,
            ...dispositionParts(mdn.disposition),
            micAlgorithm: mdn.micAlgorithm,
            micReturned: mdn.micReturned,
            micExpected: mdn.micExpected,
            micMatches: mdn.micMatches,
            signature: mdn.signature,
            text: mdn.text,
            raw: mdn.wire ? await rawMdn(this.blobs, mdn.headers ?? [], mdn.wire.sha256) : null,
            at: mdn.at,
            explanation: explainMdn(mdn),
          }
        : null,
      problem: facts.problem,
      attempts: queue ? JSON.parse(queue.history) : [],
      nextAttemptAt: queue?.next_attempt_at ?? null,
      canResend: outbound && facts.payload !== null,
      canStop: outbound && queue !== undefined && ['queued', 'sending'].includes(queue.state),
      canResume: outbound && queue !== undefined && ['stopped', 'failed'].includes(queue.state),
    };
  }

  /** The payload for download through the contract (size-limited there; the CLI streams). */
  async payload(id: number, maxBytes: number): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
    const facts = this.store.facts(id);
    if (!facts.payload) throw new CourierError('NOT_FOUND', `Message ${id} has no stored payload.`, 'A message rejected before decryption keeps only its wire bytes.');
    if (facts.payload.size > maxBytes) {
      throw new CourierError('BAD_INPUT', `The payload is ${facts.payload.size} bytes, more than can be downloaded here.`, `Export it with \`courier messages export ${id} --out FILE\` (a zip with the payload).`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of this.blobs.open(facts.payload.sha256)) chunks.push(chunk as Buffer);
    return { fileName: facts.fileName ?? `message-${id}.bin`, contentType: facts.contentType ?? 'application/octet-stream', bytes: Buffer.concat(chunks) };
  }
}

/** "automatic-action/MDN-sent-automatically; processed/error: decryption-failed" → type and modifier. */
export function dispositionParts(disposition: string | null): { dispositionType: string | null; modifier: string | null } {
  if (!disposition) return { dispositionType: null, modifier: null };
  const afterMode = disposition.includes(';') ? disposition.slice(disposition.indexOf(';') + 1) : disposition;
  const slash = afterMode.indexOf('/');
  const type = (slash >= 0 ? afterMode.slice(0, slash) : afterMode).trim();
  const modifier = slash >= 0 ? afterMode.slice(slash + 1).trim() : null;
  return { dispositionType: type || null, modifier: modifier || null };
}

const MAX_RAW_MDN = 64 * 1024;

async function rawMdn(blobs: BlobStore, headers: ReadonlyArray<[string, string]>, sha256: string): Promise<string> {
  const head = headers.map(([name, value]) => `${name}: ${value}`).join('\r\n');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of blobs.open(sha256)) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= MAX_RAW_MDN) break;
  }
  const body = Buffer.concat(chunks).subarray(0, MAX_RAW_MDN).toString('latin1');
  return `${head}\r\n\r\n${body}${size > MAX_RAW_MDN ? '\r\n… (truncated)' : ''}`;
}
