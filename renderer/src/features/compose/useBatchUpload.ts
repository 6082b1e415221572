// One upload after another for the files of a batch (FISCAL, Pagero): each gets its own transfer id so its
// progress shows and it can be cancelled; cancelling stops the one in flight and leaves the rest unsent.
// Every file ends sent (with the server's answer in words), failed (with what to do) or cancelled.
import { useRef, useState } from 'react';
import { CourierError, type MessageSummary } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { FileRefusal } from '../../ui/fileContent';
import { useTransfers } from './queries';
import { useSendBatch, type BatchFile } from './sendBatch';
import { newTransferId, runOutcome } from './transferWords';

export interface SentFile {
  message: MessageSummary;
  /** The server's answer in words. */
  answer: string;
}

export function useBatchUpload() {
  const { cancel } = useTransfers();
  const [running, setRunning] = useState(false);
  /** How the last run ended, in words, for the panel's status line. */
  const [outcome, setOutcome] = useState<string | null>(null);
  const stopped = useRef(false);
  const current = useRef<string | null>(null);

  const run = async (entries: readonly BatchFile[], sendOne: (entry: BatchFile, transferId: string) => Promise<SentFile>) => {
    const { setTransfer } = useSendBatch.getState();
    stopped.current = false;
    setRunning(true);
    setOutcome(null);
    const tally = { sent: 0, failed: 0, cancelled: 0 };
    try {
      for (const entry of entries) {
        if (stopped.current) break;
        const transferId = newTransferId();
        current.current = transferId;
        setTransfer(entry.key, { state: 'uploading', transferId, sentBytes: 0, totalBytes: entry.file.size });
        try {
          const sent = await sendOne(entry, transferId);
          setTransfer(entry.key, { state: 'sent', message: sent.message, answer: sent.answer });
          tally.sent += 1;
        } catch (error) {
          if (error instanceof CourierError && error.code === 'CANCELLED') {
            setTransfer(entry.key, { state: 'cancelled' });
            tally.cancelled += 1;
          } else {
            const failure = error instanceof FileRefusal ? { title: error.message, hint: error.hint } : describeError(error);
            setTransfer(entry.key, { state: 'failed', ...failure });
            tally.failed += 1;
          }
        }
      }
    } finally {
      current.current = null;
      setRunning(false);
      setOutcome(runOutcome(tally, entries.length));
    }
  };

  /** Cancels the upload in flight and the ones not started yet. */
  const cancelAll = async () => {
    stopped.current = true;
    if (current.current) await cancel(current.current).catch(() => undefined);
  };

  return { run, running, outcome, cancelAll };
}
