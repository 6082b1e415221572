// The AS2 outbound queue worker: picks due rows of as2_outbound_queue, delivers each (sendAttempt), and records
// what happened — retry after a backoff, failed, awaiting the async MDN, or settled by the sync MDN. The queue
// lives in the database, so a restart loses nothing: a row a crash left 'sending' is queued again and re-sent
// with the same Message-ID and body, which the receiver recognises as a retransmission (RFC 4130 §7).
// Started by `courier serve` and by `courier as2 send`; stop/resume are user actions on one row.
import type { MessageSummary } from '../../../../shared/ipc';
import { CourierError } from '../../errors';
import type { CourierContext } from '../../home/openHome';
import { logInternalError } from '../../log';
import type { RetryPolicy } from '../http/retryPolicy';
import { afterFailure, AS2_SEND_RETRY, type AttemptFailure } from './deliveryOutcome';
import { recordReceivedMdn } from './outboundMdn';
import { OutboundQueueRows, type QueueRow } from './outboundQueueRows';
import { attemptDelivery, type AttemptResult } from './sendAttempt';

export interface OutboundQueueOptions {
  retry?: RetryPolicy;
  /** Messages delivered at once. */
  concurrency?: number;
  /** The longest sleep between looks at the table (rows queued by another process, a partner un-paused). */
  pollMs?: number;
  random?: () => number;
}

export interface OutboundQueue {
  /** Look for due rows now. */
  wake(): void;
  /** Stop picking rows and wait for the attempts in flight. */
  close(): Promise<void>;
}

const now = () => new Date().toISOString();

export function startOutboundQueue(ctx: CourierContext, options: OutboundQueueOptions = {}): OutboundQueue {
  const retry = options.retry ?? AS2_SEND_RETRY;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 15_000;
  const rows = new OutboundQueueRows(ctx.db);
  const inFlight = new Map<number, Promise<void>>();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  requeueInterrupted(ctx, rows);

  const schedule = (delayMs: number) => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(pump, Math.max(0, Math.min(delayMs, pollMs)));
  };

  function pump(): void {
    if (closed) return;
    try {
      const free = concurrency - inFlight.size;
      if (free > 0) {
        for (const row of rows.due(now(), free + inFlight.size)) {
          if (inFlight.size >= concurrency) break;
          if (inFlight.has(row.messageRowId)) continue;
          const work = deliver(row).finally(() => {
            inFlight.delete(row.messageRowId);
            schedule(0);
          });
          inFlight.set(row.messageRowId, work);
        }
      }
      const next = rows.nextDue();
      schedule(next === null ? pollMs : Date.parse(next) - Date.now());
    } catch (error) {
      if (!closed) logInternalError(error);
      schedule(pollMs);
    }
  }

  async function deliver(row: QueueRow): Promise<void> {
    try {
      if (!rows.move(row.messageRowId, ['queued'], 'sending', null, { attempt: true })) return;
      const attempt = row.attempts + 1;
      ctx.messages.update(row.messageRowId, { status: 'sending', statusText: `Attempt ${attempt}` });
      const facts = ctx.messages.facts(row.messageRowId);
      let result: AttemptResult;
      try {
        const partner = ctx.as2Profiles.getPartner(facts.partnerId ?? '');
        result = await attemptDelivery(ctx, facts.wire, row.request, partner, facts.messageId ?? '');
      } catch (error) {
        if (!(error instanceof CourierError)) throw error;
        result = { kind: 'failure', failure: { retryable: false, detail: error.message, problem: { code: error.code.toLowerCase(), summary: error.message, whatToCheck: error.hint ?? '' } } };
      }
      if (closed && !ctx.db.open) return;
      settle(row, attempt, result);
    } catch (error) {
      if (ctx.db.open) logInternalError(error);
    }
  }

  function settle(row: QueueRow, attempt: number, result: AttemptResult): void {
    const id = row.messageRowId;
    if (result.kind === 'mdn') {
      recordReceivedMdn(ctx, id, result.received, { delivery: 'sync', wire: result.wire, headers: result.headers, signedRequested: row.request.signedMdn });
      return;
    }
    if (result.kind === 'failure') {
      recordFailure(id, attempt, result.failure);
      return;
    }
    const awaiting = row.request.mdn === 'async';
    ctx.db.transaction(() => {
      const detail = awaiting ? `HTTP ${result.status}; the MDN will come asynchronously` : `HTTP ${result.status}; no MDN was requested`;
      if (!rows.move(id, ['sending'], awaiting ? 'awaiting-mdn' : 'done', { at: now(), outcome: awaiting ? 'accepted' : 'delivered', detail }, { nextAttemptAt: null })) return;
      ctx.messages.update(id, { status: awaiting ? 'awaiting-mdn' : 'delivered', statusText: detail, problem: null });
    })();
  }

  function recordFailure(id: number, attempt: number, failure: AttemptFailure): void {
    const step = afterFailure(failure, attempt, retry, new Date(), options.random);
    ctx.db.transaction(() => {
      const event = { at: now(), outcome: step.status === 'retrying' ? 'retry' : 'failed', detail: failure.detail };
      if (!rows.move(id, ['sending'], step.queueState, event, { nextAttemptAt: step.nextAttemptAt })) return;
      ctx.messages.update(id, { status: step.status, statusText: step.statusText, problem: step.problem });
    })();
  }

  // A message queued by as2.send (or resumed) in this process is picked up at once.
  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.type === 'messages.changed' && event.message.direction === 'outbound' && event.message.status === 'queued') schedule(0);
  });
  schedule(0);

  return {
    wake: () => schedule(0),
    async close() {
      closed = true;
      clearTimeout(timer);
      unsubscribe();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

/** Rows a crash (or a kill) left 'sending' go back to the queue, to be sent again under the same Message-ID. */
function requeueInterrupted(ctx: CourierContext, rows: OutboundQueueRows): void {
  for (const id of rows.interrupted()) {
    const at = now();
    const detail = 'Courier stopped during this attempt; it is sent again with the same Message-ID (the partner recognises a repeat).';
    if (rows.move(id, ['sending'], 'queued', { at, outcome: 'interrupted', detail }, { nextAttemptAt: at })) {
      ctx.messages.update(id, { status: 'queued', statusText: 'Queued again after an interrupted attempt' });
    }
  }
}

/** Stop retrying: a queued (or in-flight) message stays as it is until resumed; an MDN that still arrives counts. */
export function stopMessage(ctx: CourierContext, id: number): MessageSummary {
  const rows = new OutboundQueueRows(ctx.db);
  return ctx.db.transaction(() => {
    if (!rows.move(id, ['queued', 'sending'], 'stopped', { at: now(), outcome: 'stopped', detail: 'Stopped by the user' }, { nextAttemptAt: null })) {
      throw notInState(ctx, rows, id, 'stopped', 'queued or being sent');
    }
    return ctx.messages.update(id, { status: 'stopped', statusText: 'Stopped; resume it to send again' });
  })();
}

/** Back in the queue with a fresh count of attempts, same Message-ID and body. */
export function resumeMessage(ctx: CourierContext, id: number): MessageSummary {
  const rows = new OutboundQueueRows(ctx.db);
  return ctx.db.transaction(() => {
    const at = now();
    if (!rows.move(id, ['stopped', 'failed'], 'queued', { at, outcome: 'resumed', detail: 'Resumed by the user' }, { nextAttemptAt: at, resetAttempts: true })) {
      throw notInState(ctx, rows, id, 'resumed', 'stopped or failed');
    }
    return ctx.messages.update(id, { status: 'queued', statusText: 'Queued (resumed)', problem: null });
  })();
}

function notInState(ctx: CourierContext, rows: OutboundQueueRows, id: number, action: string, allowed: string): CourierError {
  const row = rows.get(id);
  if (!row) {
    ctx.messages.summary(id);
    return new CourierError('CONFLICT', `Message ${id} is not in the outbound queue.`, 'Only outbound AS2 messages can be stopped or resumed.');
  }
  return new CourierError('CONFLICT', `Message ${id} is ${row.state}; only a message that is ${allowed} can be ${action}.`, 'Resend it to send its document again as a new message.');
}
