// The persistent half of the AS2 outbound queue: one as2_outbound_queue row per outbound message (state, attempts,
// when the next attempt is due, the request to repeat, the delivery history). Every state change is one
// conditional UPDATE, so two workers on one home (serve and a CLI send) never send the same row at once.
import type { HeaderList } from '../../as2/as2Headers';
import type { CourierDatabase } from '../../store/database';

export type QueueState = 'queued' | 'sending' | 'awaiting-mdn' | 'stopped' | 'done' | 'failed';

/** What every attempt repeats: the same sealed body (a blob of the message row) under the same headers. */
export interface OutboundRequest {
  /** The AS2 and MIME headers as sent, Message-ID included (RFC 4130 expects a retransmission to keep it). */
  headers: HeaderList;
  mdn: 'none' | 'sync' | 'async';
  /** Whether a signed MDN was asked for (an unsigned answer is then a warning). */
  signedMdn: boolean;
  /** The MIC the MDN must return (RFC 4130 §7.3.1), `base64, micalg`; null when no MDN was asked for. */
  micExpected: string | null;
}

export interface DeliveryEvent {
  at: string;
  outcome: string;
  detail: string | null;
}

export interface QueueRow {
  messageRowId: number;
  state: QueueState;
  attempts: number;
  nextAttemptAt: string | null;
  request: OutboundRequest;
  history: DeliveryEvent[];
}

interface RawRow {
  message_row_id: number;
  state: QueueState;
  attempts: number;
  next_attempt_at: string | null;
  request: string;
  history: string;
}

const rowOf = (raw: RawRow): QueueRow => ({
  messageRowId: raw.message_row_id,
  state: raw.state,
  attempts: raw.attempts,
  nextAttemptAt: raw.next_attempt_at,
  request: JSON.parse(raw.request) as OutboundRequest,
  history: JSON.parse(raw.history) as DeliveryEvent[],
});

/** The history stays bounded: the first entries (queued) and the latest ones are what a reviewer reads. */
const MAX_HISTORY = 200;

function appended(history: string, event: DeliveryEvent): string {
  const events = JSON.parse(history) as DeliveryEvent[];
  events.push(event);
  return JSON.stringify(events.length > MAX_HISTORY ? [...events.slice(0, 10), ...events.slice(events.length - MAX_HISTORY + 10)] : events);
}

/** Queued rows whose partner does not pause outgoing messages (a deleted partner's rows come up and fail). */
const NOT_HELD = `JOIN messages m ON m.id = q.message_row_id LEFT JOIN as2_partners p ON p.id = m.partner_id
  WHERE q.state = 'queued' AND COALESCE(p.pause_outgoing, 0) = 0`;

export class OutboundQueueRows {
  constructor(private readonly db: CourierDatabase) {}

  insert(messageRowId: number, request: OutboundRequest, event: DeliveryEvent): void {
    this.db
      .prepare(`INSERT INTO as2_outbound_queue (message_row_id, state, attempts, next_attempt_at, request, history) VALUES (?, 'queued', 0, ?, ?, ?)`)
      .run(messageRowId, event.at, JSON.stringify(request), JSON.stringify([event]));
  }

  get(messageRowId: number): QueueRow | undefined {
    const raw = this.db.prepare<[number], RawRow>('SELECT * FROM as2_outbound_queue WHERE message_row_id = ?').get(messageRowId);
    return raw ? rowOf(raw) : undefined;
  }

  /** Queued rows whose time has come, oldest first; rows for a partner whose outgoing traffic is paused are held. */
  due(now: string, limit: number): QueueRow[] {
    return this.db
      .prepare<[string, number], RawRow>(`SELECT q.* FROM as2_outbound_queue q ${NOT_HELD} AND q.next_attempt_at <= ? ORDER BY q.next_attempt_at, q.message_row_id LIMIT ?`)
      .all(now, limit)
      .map(rowOf);
  }

  /** When the next queued, not held row falls due, if any. */
  nextDue(): string | null {
    return this.db.prepare<[], { at: string | null }>(`SELECT MIN(q.next_attempt_at) AS at FROM as2_outbound_queue q ${NOT_HELD}`).get()?.at ?? null;
  }

  /**
   * Moves a row from one of `from` to `to` and records why; false when the row was not in such a state (another
   * worker took it, the user stopped it, an async MDN settled it first).
   */
  move(
    messageRowId: number,
    from: readonly QueueState[],
    to: QueueState,
    event: DeliveryEvent | null,
    change: { attempt?: boolean; resetAttempts?: boolean; nextAttemptAt?: string | null } = {},
  ): boolean {
    const raw = this.db.prepare<[number], RawRow>('SELECT * FROM as2_outbound_queue WHERE message_row_id = ?').get(messageRowId);
    if (!raw || !from.includes(raw.state)) return false;
    const result = this.db
      .prepare(
        `UPDATE as2_outbound_queue SET state = @to, attempts = (CASE WHEN @reset THEN 0 ELSE attempts END) + @attempt,
           next_attempt_at = @next, history = @history
         WHERE message_row_id = @id AND state = @from`,
      )
      .run({
        id: messageRowId,
        from: raw.state,
        to,
        attempt: change.attempt ? 1 : 0,
        reset: change.resetAttempts ? 1 : 0,
        next: change.nextAttemptAt === undefined ? raw.next_attempt_at : change.nextAttemptAt,
        history: event ? appended(raw.history, event) : raw.history,
      });
    return result.changes === 1;
  }

  /** Rows a crash left in 'sending': their attempt may or may not have reached the partner. */
  interrupted(): number[] {
    return this.db.prepare<[], { id: number }>(`SELECT message_row_id AS id FROM as2_outbound_queue WHERE state = 'sending'`).all().map((row) => row.id);
  }
}
