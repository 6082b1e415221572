// The message archive behind Inbox and Outbox. Blobs (wire bytes, payload, MDN) are made durable by the caller
// first; a message row and its MDN row are then committed together, so anything that acknowledges a message to a
// partner (an MDN, an HTTP 200) can be sent only after the whole record is on disk. Every change is published.
import type { MessageProblem, MessageStatus, MessageSummary } from '../../../shared/ipc';
import { CourierError } from '../errors';
import type { EventBus } from '../events/eventBus';
import type { BlobStore } from '../store/blobs';
import type { CourierDatabase } from '../store/database';
import type { MdnFacts, MessageFacts, SecurityFacts } from './messageRecords';
import { summaryOf, SUMMARY_COLUMNS, type MessageRow } from './messageRows';

export interface MessageUpdate {
  status?: MessageStatus;
  statusText?: string | null;
  problem?: MessageProblem | null;
  security?: SecurityFacts | null;
}

export interface StoredMdn extends MdnFacts {
  messageRowId: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

export class MessageStore {
  private readonly insertMessage;
  private readonly upsertMdn;

  constructor(
    private readonly db: CourierDatabase,
    readonly blobs: BlobStore,
    private readonly events: EventBus,
  ) {
    this.insertMessage = db.prepare(
      `INSERT INTO messages (direction, protocol, message_id, partner_id, station_id, subject, file_name, content_type,
         wire_sha256, wire_size, payload_sha256, payload_size, headers, security, problem, status, status_text, created_at, updated_at)
       VALUES (@direction, @protocol, @messageId, @partnerId, @stationId, @subject, @fileName, @contentType,
         @wireSha256, @wireSize, @payloadSha256, @payloadSize, @headers, @security, @problem, @status, @statusText, @now, @now)`,
    );
    this.upsertMdn = db.prepare(
      `INSERT INTO mdns (message_row_id, direction, delivery, state, wire_sha256, wire_size, headers, disposition, mic_algorithm,
         mic_returned, mic_expected, mic_matches, signature, text, async_url, at, created_at)
       VALUES (@messageRowId, @direction, @delivery, @state, @wireSha256, @wireSize, @headers, @disposition, @micAlgorithm,
         @micReturned, @micExpected, @micMatches, @signature, @text, @asyncUrl, @at, @now)
       ON CONFLICT (message_row_id) DO UPDATE SET direction = excluded.direction, delivery = excluded.delivery,
         state = excluded.state, wire_sha256 = excluded.wire_sha256, wire_size = excluded.wire_size, headers = excluded.headers,
         disposition = excluded.disposition, mic_algorithm = excluded.mic_algorithm, mic_returned = excluded.mic_returned,
         mic_expected = excluded.mic_expected, mic_matches = excluded.mic_matches, signature = excluded.signature,
         text = excluded.text, async_url = excluded.async_url, at = excluded.at`,
    );
  }

  /**
   * Commits a message (and its MDN) whose blobs are already durable. An inbound message seen before (same
   * protocol, partner and Message-ID) is refused with DUPLICATE: callers answer with the stored MDN instead.
   */
  insert(facts: MessageFacts, mdn?: MdnFacts): MessageSummary {
    const now = new Date().toISOString();
    const id = this.db.transaction(() => {
      const row = {
        ...facts,
        wireSha256: facts.wire.sha256,
        wireSize: facts.wire.size,
        payloadSha256: facts.payload?.sha256 ?? null,
        payloadSize: facts.payload?.size ?? null,
        headers: JSON.stringify(facts.headers),
        security: json(facts.security),
        problem: json(facts.problem),
        now,
      };
      let result;
      try {
        result = this.insertMessage.run(row);
      } catch (error) {
        if (String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) {
          throw new CourierError('DUPLICATE', `Message ${facts.messageId ?? ''} from this partner is already stored.`);
        }
        throw error;
      }
      const messageRowId = Number(result.lastInsertRowid);
      if (mdn) this.writeMdn(messageRowId, mdn, now);
      return messageRowId;
    })();
    return this.changed(id);
  }

  update(id: number, update: MessageUpdate): MessageSummary {
    const sets: string[] = ['updated_at = @now'];
    if (update.status !== undefined) sets.push('status = @status');
    if (update.statusText !== undefined) sets.push('status_text = @statusText');
    if (update.problem !== undefined) sets.push('problem = @problem');
    if (update.security !== undefined) sets.push('security = @security');
    const result = this.db.prepare(`UPDATE messages SET ${sets.join(', ')} WHERE id = @id`).run({
      id,
      now: new Date().toISOString(),
      status: update.status,
      statusText: update.statusText ?? null,
      problem: json(update.problem),
      security: json(update.security),
    });
    if (result.changes === 0) throw new CourierError('NOT_FOUND', `There is no message ${id}.`);
    return this.changed(id);
  }

  /** Records or replaces a message's MDN (e.g. a pending async one that has now arrived), optionally with an update. */
  saveMdn(messageRowId: number, mdn: MdnFacts, update?: MessageUpdate): MessageSummary {
    this.db.transaction(() => {
      this.writeMdn(messageRowId, mdn, new Date().toISOString());
      if (update) this.update(messageRowId, update);
    })();
    return this.changed(messageRowId);
  }

  /** The inbound message already stored under this Message-ID from this partner, if any. */
  findInbound(protocol: string, partnerId: string | null, messageId: string): number | undefined {
    const row = this.db
      .prepare<[string, string | null, string], { id: number }>(
        `SELECT id FROM messages WHERE direction = 'inbound' AND protocol = ? AND partner_id IS ? AND message_id = ?`,
      )
      .get(protocol, partnerId, messageId);
    return row?.id;
  }

  /** Our outbound message with this Message-ID (an async MDN names it in Original-Message-ID). */
  findOutbound(protocol: string, messageId: string): number | undefined {
    const row = this.db
      .prepare<[string, string], { id: number }>(
        `SELECT id FROM messages WHERE direction = 'outbound' AND protocol = ? AND message_id = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(protocol, messageId);
    return row?.id;
  }

  summary(id: number): MessageSummary {
    const row = this.db
      .prepare<[number], MessageRow>(`SELECT ${SUMMARY_COLUMNS} FROM messages m LEFT JOIN as2_partners p ON p.id = m.partner_id WHERE m.id = ?`)
      .get(id);
    if (!row) throw new CourierError('NOT_FOUND', `There is no message ${id}.`, 'Message numbers are shown in Inbox and Outbox (`courier messages list`).');
    return summaryOf(row);
  }

  /** The stored facts of a message, for the transports (resend, duplicate answers). */
  facts(id: number): MessageFacts & { id: number } {
    const row = this.db
      .prepare<[number], Record<string, unknown>>(`SELECT * FROM messages WHERE id = ?`)
      .get(id);
    if (!row) throw new CourierError('NOT_FOUND', `There is no message ${id}.`);
    return {
      id,
      direction: row.direction as MessageFacts['direction'],
      protocol: row.protocol as string,
      messageId: row.message_id as string | null,
      partnerId: row.partner_id as string | null,
      stationId: row.station_id as string | null,
      subject: row.subject as string | null,
      fileName: row.file_name as string | null,
      contentType: row.content_type as string | null,
      headers: row.headers ? JSON.parse(row.headers as string) : [],
      wire: { sha256: row.wire_sha256 as string, size: row.wire_size as number },
      payload: row.payload_sha256 ? { sha256: row.payload_sha256 as string, size: row.payload_size as number } : null,
      security: row.security ? JSON.parse(row.security as string) : null,
      problem: row.problem ? JSON.parse(row.problem as string) : null,
      status: row.status as MessageStatus,
      statusText: row.status_text as string | null,
    };
  }

  mdnOf(messageRowId: number): StoredMdn | undefined {
    const row = this.db.prepare<[number], Record<string, unknown>>('SELECT * FROM mdns WHERE message_row_id = ?').get(messageRowId);
    return row ? storedMdnOf(row) : undefined;
  }

  private writeMdn(messageRowId: number, mdn: MdnFacts, now: string): void {
    this.upsertMdn.run({
      ...mdn,
      messageRowId,
      wireSha256: mdn.wire?.sha256 ?? null,
      wireSize: mdn.wire?.size ?? null,
      headers: json(mdn.headers),
      micMatches: mdn.micMatches === null ? null : mdn.micMatches ? 1 : 0,
      signature: JSON.stringify(mdn.signature),
      now,
    });
  }

  private changed(id: number): MessageSummary {
    const message = this.summary(id);
    this.events.publish({ type: 'messages.changed', message });
    return message;
  }
}

export function storedMdnOf(row: Record<string, unknown>): StoredMdn {
  return {
    messageRowId: row.message_row_id as number,
    direction: row.direction as StoredMdn['direction'],
    delivery: row.delivery as StoredMdn['delivery'],
    state: row.state as StoredMdn['state'],
    wire: row.wire_sha256 ? { sha256: row.wire_sha256 as string, size: row.wire_size as number } : null,
    headers: row.headers ? JSON.parse(row.headers as string) : null,
    disposition: row.disposition as string | null,
    micAlgorithm: row.mic_algorithm as string | null,
    micReturned: row.mic_returned as string | null,
    micExpected: row.mic_expected as string | null,
    micMatches: row.mic_matches === null ? null : row.mic_matches === 1,
    signature: JSON.parse(row.signature as string),
    text: row.text as string | null,
    asyncUrl: row.async_url as string | null,
    at: row.at as string | null,
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at as string | null,
    lastError: row.last_error as string | null,
  };
}
