// Async MDNs we owe partners (RFC 4130 §7.3, Receipt-Delivery-Option) are posted after the HTTP exchange that
// brought the message has ended. Their state lives in the mdns row (pending/complete/failed, attempts,
// next_attempt_at, last_error), so a delivery interrupted by a restart resumes; failures retry with backoff.
import type { HeaderList } from '../../as2/as2Headers';
import type { CourierContext } from '../../home/openHome';
import { logInternalError } from '../../log';
import { httpExchange } from '../http/httpClient';
import { retryDelayMs, type RetryPolicy } from '../http/retryPolicy';
import { readBlob } from './receiveBody';

export const DEFAULT_MDN_RETRY: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 60 * 60_000, maxAttempts: 12 };

export interface AsyncMdnDeliveryOptions {
  retry?: RetryPolicy;
  /** Deadline of one POST. */
  timeoutMs?: number;
  /** The most MDNs posted at once. */
  batch?: number;
}

export interface AsyncMdnDelivery {
  /** Look for due MDNs now (a new one was stored). */
  nudge(): void;
  close(): Promise<void>;
}

interface DueMdn {
  message_row_id: number;
  async_url: string;
  headers: string;
  wire_sha256: string;
  wire_size: number;
  attempts: number;
}

/** Makes a sent async MDN due again (the partner resent its message, so it still waits for the receipt). */
export function requeueAsyncMdn(ctx: CourierContext, messageRowId: number, asyncUrl: string): void {
  ctx.db
    .prepare(`UPDATE mdns SET state = 'pending', async_url = ?, attempts = 0, next_attempt_at = NULL, last_error = NULL WHERE message_row_id = ?`)
    .run(asyncUrl, messageRowId);
  ctx.events.publish({ type: 'messages.changed', message: ctx.messages.summary(messageRowId) });
}

const MAX_ANSWER_BYTES = 64 * 1024;

export function startAsyncMdnDelivery(ctx: CourierContext, options: AsyncMdnDeliveryOptions = {}): AsyncMdnDelivery {
  const retry = options.retry ?? DEFAULT_MDN_RETRY;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const batch = options.batch ?? 8;
  const due = ctx.db.prepare<[string, number], DueMdn>(
    `SELECT message_row_id, async_url, headers, wire_sha256, wire_size, attempts FROM mdns
     WHERE state = 'pending' AND direction = 'sent' AND delivery = 'async' AND async_url IS NOT NULL AND wire_sha256 IS NOT NULL
       AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
     ORDER BY next_attempt_at LIMIT ?`,
  );
  const nextDue = ctx.db.prepare<[], { at: string | null }>(
    `SELECT MIN(next_attempt_at) AS at FROM mdns WHERE state = 'pending' AND direction = 'sent' AND delivery = 'async'`,
  );
  const record = ctx.db.prepare(
    `UPDATE mdns SET state = @state, attempts = @attempts, next_attempt_at = @next, last_error = @error, at = COALESCE(@at, at) WHERE message_row_id = @id`,
  );

  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function deliver(row: DueMdn): Promise<void> {
    const attempt = row.attempts + 1;
    let error: string | null = null;
    try {
      const partnerId = ctx.messages.facts(row.message_row_id).partnerId;
      const partner = partnerId ? ctx.as2Profiles.getPartner(partnerId) : null;
      const scope = partner?.tlsScope ?? 'as2:unknown';
      const headers = Object.fromEntries((JSON.parse(row.headers) as HeaderList).map(([name, value]) => [name, value]));
      const answer = await httpExchange(
        { service: `partner ${partner?.name ?? 'unknown'}`, scope, trust: ctx.tlsTrust.trustFor(scope), timeoutMs },
        {
          url: new URL(row.async_url),
          method: 'POST',
          headers: { ...headers, 'content-length': String(row.wire_size) },
          body: await readBlob(ctx.blobs, { sha256: row.wire_sha256, size: row.wire_size }),
          maxResponseBytes: MAX_ANSWER_BYTES,
        },
      );
      if (answer.status < 200 || answer.status > 299) error = `The partner answered HTTP ${answer.status}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const now = new Date();
    if (error === null) {
      record.run({ id: row.message_row_id, state: 'complete', attempts: attempt, next: null, error: null, at: now.toISOString() });
    } else {
      const delay = retryDelayMs(retry, attempt);
      const next = delay === null ? null : new Date(now.getTime() + delay).toISOString();
      record.run({ id: row.message_row_id, state: delay === null ? 'failed' : 'pending', attempts: attempt, next, error: error.slice(0, 500), at: null });
    }
    ctx.events.publish({ type: 'messages.changed', message: ctx.messages.summary(row.message_row_id) });
  }

  async function pass(): Promise<void> {
    do {
      again = false;
      for (let rows = due.all(new Date().toISOString(), batch); rows.length > 0 && !closed; rows = due.all(new Date().toISOString(), batch)) {
        await Promise.all(rows.map((row) => deliver(row).catch(logInternalError)));
      }
    } while (again && !closed);
    schedule();
  }

  function schedule(): void {
    clearTimeout(timer);
    if (closed) return;
    const at = nextDue.get()?.at;
    if (!at) return;
    timer = setTimeout(nudge, Math.max(0, Math.min(Date.parse(at) - Date.now(), 2 ** 31 - 1)));
    timer.unref();
  }

  function nudge(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch(logInternalError)
      .finally(() => {
        running = null;
      });
  }

  nudge();
  return {
    nudge,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
