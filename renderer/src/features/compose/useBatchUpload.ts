// One upload after another for the files of a batch (FISCAL, Pagero): each gets its own transfer id so its
// progress shows and it can be cancelled; cancelling stops the one in flight and leaves the rest unsent.
// Files that travel together (a Pagero zip) share one upload: one transfer id, so their rows show one progress,
// one Cancel and one answer. Every file ends sent (with the server's answer in words), failed (with what to do)
// or cancelled.
import { useRef, useState } from 'react';
import { CourierError, type MessageSummary } from '../../../../shared/ipc';
import { describeError } from '../../ipc/describeError';
import { FileRefusal } from '../../ui/fileContent';
import { useTransfers } from './queries';
import { useSendBatch, type BatchFile, type TransferState } from './sendBatch';
import { newTransferId, runOutcome } from './transferWords';

export interface SentFile {
  message: MessageSummary;
  /** The server's answer in words. */
  answer: string;
}

/** The files of one upload, and how many bytes it will send when that is known before it starts. */
interface Upload {
  files: readonly BatchFile[];
  totalBytes: number | null;
  send(transferId: string): Promise<SentFile>;
}

export function useBatchUpload() {
  const { cancel } = useTransfers();
  const [running, setRunning] = useState(false);
  /** How the last run ended, in words, for the panel's status line. */
  const [outcome, setOutcome] = useState<string | null>(null);
  const stopped = useRef(false);
  const current = useRef<string | null>(null);

  const runUploads = async (uploads: readonly Upload[]) => {
    const { setTransfer } = useSendBatch.getState();
    const settle = (upload: Upload, transfer: TransferState) => upload.files.forEach((entry) => setTransfer(entry.key, transfer));
    stopped.current = false;
    setRunning(true);
    setOutcome(null);
    const tally = { sent: 0, failed: 0, cancelled: 0 };
    try {
      for (const upload of uploads) {
        if (stopped.current) break;
        const transferId = newTransferId();
        current.current = transferId;
        settle(upload, { state: 'uploading', transferId, sentBytes: 0, totalBytes: upload.totalBytes });
        try {
          const sent = await upload.send(transferId);
          settle(upload, { state: 'sent', message: sent.message, answer: sent.answer });
          tally.sent += upload.files.length;
        } catch (error) {
          if (error instanceof CourierError && error.code === 'CANCELLED') {
            settle(upload, { state: 'cancelled' });
            tally.cancelled += upload.files.length;
          } else {
            const failure = error instanceof FileRefusal ? { title: error.message, hint: error.hint } : describeError(error);
            settle(upload, { state: 'failed', ...failure });
            tally.failed += upload.files.length;
          }
        }
      }
    } finally {
      current.current = null;
      setRunning(false);
      setOutcome(runOutcome(tally, uploads.reduce((sum, upload) => sum + upload.files.length, 0)));
    }
  };

  /** One upload per file, in order. */
  const run = (entries: readonly BatchFile[], sendOne: (entry: BatchFile, transferId: string) => Promise<SentFile>) =>
    runUploads(entries.map((entry) => ({ files: [entry], totalBytes: entry.file.size, send: (transferId) => sendOne(entry, transferId) })));

  /** One upload carrying all these files (its size is known only once it starts, e.g. a zip built in the main process). */
  const runTogether = (entries: readonly BatchFile[], sendAll: (transferId: string) => Promise<SentFile>) => runUploads([{ files: entries, totalBytes: null, send: sendAll }]);

  /** Cancels the upload in flight and the ones not started yet. */
  const cancelAll = async () => {
    stopped.current = true;
    if (current.current) await cancel(current.current).catch(() => undefined);
  };

  return { run, runTogether, running, outcome, cancelAll };
}
