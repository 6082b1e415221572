// How an upload's progress and outcome read on the Send page: bytes sent of the whole, a percentage when the
// size is known, and a fresh transfer id for each upload (so progress events and a cancel find it).
import { sizeLabel } from '../messages/messageWords';
import type { TransferState } from './sendBatch';

/** "1.2 MiB of 3.0 MiB sent (40%)", or "1.2 MiB sent" while the whole is not known. */
export function progressLabel(sentBytes: number, totalBytes: number | null): string {
  if (totalBytes === null || totalBytes === 0) return `${sizeLabel(sentBytes)} sent`;
  return `${sizeLabel(sentBytes)} of ${sizeLabel(totalBytes)} sent (${progressPercent(sentBytes, totalBytes)}%)`;
}

export function progressPercent(sentBytes: number, totalBytes: number | null): number {
  if (totalBytes === null || totalBytes === 0) return 0;
  return Math.min(100, Math.floor((sentBytes / totalBytes) * 100));
}

/** The status column of the batch table, in words. */
export function transferLabel(transfer: TransferState): string {
  switch (transfer.state) {
    case 'ready':
      return 'Ready';
    case 'uploading':
      return `Uploading: ${progressLabel(transfer.sentBytes, transfer.totalBytes)}`;
    case 'sent':
      return `Sent: ${transfer.answer}`;
    case 'failed':
      return `Not sent: ${transfer.title}`;
    case 'cancelled':
      return 'Cancelled: nothing more was sent';
  }
}

/** 8–64 letters, digits, _ and - (the contract's transfer id). */
export function newTransferId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `t-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** "2 sent, 1 not sent, 1 cancelled; 1 not started." after a batch run. */
export function runOutcome(tally: { sent: number; failed: number; cancelled: number }, total: number): string {
  const parts = [`${tally.sent} sent`];
  if (tally.failed > 0) parts.push(`${tally.failed} not sent`);
  if (tally.cancelled > 0) parts.push(`${tally.cancelled} cancelled`);
  const notStarted = total - tally.sent - tally.failed - tally.cancelled;
  return `${parts.join(', ')}${notStarted > 0 ? `; ${notStarted} not started` : ''}.`;
}
