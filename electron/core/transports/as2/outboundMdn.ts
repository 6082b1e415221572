// Why this file exists: the sync answer (sendAttempt) and an async POST both end an outbound message the same way:
// the MDN row, the message status (delivered / delivered-with-warning / failed) and the queue state together.
import type { MessageSummary } from '../../../../shared/ipc';
import type { ReceivedMdn } from '../../as2/mdn';
import type { CourierContext } from '../../home/openHome';
import { mdnVerdict, type MdnArrival } from './mdnVerdict';
import { OutboundQueueRows } from './outboundQueueRows';

/** Records a partner's MDN for our outbound message and settles the message and its queue row. */
export function recordReceivedMdn(ctx: CourierContext, messageRowId: number, received: ReceivedMdn, arrival: MdnArrival): MessageSummary {
  const rows = new OutboundQueueRows(ctx.db);
  return ctx.db.transaction(() => {
    const micExpected = ctx.messages.mdnOf(messageRowId)?.micExpected ?? rows.get(messageRowId)?.request.micExpected ?? null;
    const { mdn, update } = mdnVerdict(received, micExpected, arrival);
    const at = new Date().toISOString();
    rows.move(messageRowId, ['sending', 'awaiting-mdn', 'queued', 'stopped', 'failed'], update.status === 'failed' ? 'failed' : 'done', {
      at,
      outcome: `${arrival.delivery}-mdn: ${update.status}`,
      detail: update.statusText ?? null,
    }, { nextAttemptAt: null });
    return ctx.messages.saveMdn(messageRowId, mdn, update);
  })();
}
