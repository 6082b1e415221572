// NOTE for the receiver (engineer C): an async MDN that arrives at /as2 for one of our outbound messages is
// recorded with `recordReceivedMdn(ctx, messageRowId, received, arrival)` from this file — it applies
// mdnVerdict AND settles the message's row in the outbound queue (awaiting-mdn → done/failed) in one transaction,
// so Outbox's stop/resume buttons and the queue agree with the MDN. Please call it instead of recordPartnerMdn.
//
// Why this file exists: the sync answer (sendAttempt) and an async POST both end an outbound message the same way:
// the MDN row, the message status (delivered / delivered-with-warning / failed) and the queue state together.
import type { MessageSummary } from '../../../../shared/ipc';
import type { ReceivedMdn } from '../../as2/mdn';
import type { CourierContext } from '../../home/openHome';
import { explainMdn } from '../../messages/mdnExplanation';
import { mdnVerdict, type MdnArrival } from './mdnVerdict';
import { OutboundQueueRows } from './outboundQueueRows';

/** Records a partner's MDN for our outbound message and settles the message and its queue row. */
export function recordReceivedMdn(ctx: CourierContext, messageRowId: number, received: ReceivedMdn, arrival: MdnArrival): MessageSummary {
  const rows = new OutboundQueueRows(ctx.db);
  return ctx.db.transaction(() => {
    const micExpected = ctx.messages.mdnOf(messageRowId)?.micExpected ?? rows.get(messageRowId)?.request.micExpected ?? null;
    const verdict = mdnVerdict(received, micExpected, arrival);
    // A receipt whose signature does not verify proves nothing: the message is not known to be delivered.
    const badSignature = verdict.mdn.signature.status === 'invalid' || verdict.mdn.signature.status === 'unknown-signer';
    const update = badSignature ? { status: 'failed' as const, statusText: `MDN signature ${verdict.mdn.signature.status}`, problem: explainMdn(verdict.mdn) } : verdict.update;
    const at = new Date().toISOString();
    rows.move(messageRowId, ['sending', 'awaiting-mdn', 'queued', 'stopped', 'failed'], update.status === 'failed' ? 'failed' : 'done', {
      at,
      outcome: `${arrival.delivery}-mdn: ${update.status}`,
      detail: update.statusText ?? null,
    }, { nextAttemptAt: null });
    return ctx.messages.saveMdn(messageRowId, verdict.mdn, update);
  })();
}
