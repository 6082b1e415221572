// The files waiting on the Send page, kept outside the page so a drop anywhere in the window can hand them
// over before the page opens, and so their per-file state (uploading, sent, failed) survives leaving the page.
import { create } from 'zustand';
import type { MessageSummary } from '../../../../shared/ipc';

/** Where one file stands in its upload to an HTTPS destination (FISCAL, Pagero). */
export type TransferState =
  | { state: 'ready' }
  | { state: 'uploading'; transferId: string; sentBytes: number; totalBytes: number | null }
  | { state: 'sent'; message: MessageSummary; answer: string }
  | { state: 'failed'; title: string; hint?: string | undefined }
  | { state: 'cancelled' };

export interface BatchFile {
  /** Stable while the file is in the batch (name, size and date, plus a counter for true duplicates). */
  key: string;
  file: File;
  transfer: TransferState;
}

/** The extensions the window routes to the Send page when dropped outside a page that takes files. */
const SENDABLE_BY_DROP = /\.(csv|txt|xlsx)$/i;

export function isSendableByDrop(fileName: string): boolean {
  return SENDABLE_BY_DROP.test(fileName);
}

/** The batch limit: more at once is a job for the CLI. */
export const MAX_BATCH_FILES = 50;

const identity = (file: File) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

let nextKey = 1;

/**
 * Adds files the batch does not hold yet (the same file dropped twice is one entry; dropped again after it was
 * sent, failed or was cancelled, it is ready again), up to the limit.
 */
export function withFiles(batch: readonly BatchFile[], files: readonly File[]): BatchFile[] {
  const held = new Map(batch.map((entry) => [identity(entry.file), entry.key]));
  const again = new Set<string>();
  const added: BatchFile[] = [];
  for (const file of files) {
    const id = identity(file);
    const key = held.get(id);
    if (key !== undefined) {
      again.add(key);
      continue;
    }
    held.set(id, `${nextKey}:${file.name}`);
    added.push({ key: `${nextKey++}:${file.name}`, file, transfer: { state: 'ready' } });
  }
  const kept = batch.map((entry) => (again.has(entry.key) && entry.transfer.state !== 'uploading' ? { ...entry, transfer: { state: 'ready' } as const } : entry));
  return [...kept, ...added].slice(0, MAX_BATCH_FILES);
}

/** The files a send takes: neither sent yet nor uploading now. */
export function unsentFiles(batch: readonly BatchFile[]): BatchFile[] {
  return batch.filter((entry) => entry.transfer.state !== 'uploading' && entry.transfer.state !== 'sent');
}

interface SendBatchState {
  files: BatchFile[];
  /** The id of the destination chosen on the Send page (see destinations.ts). */
  destination: string;
  setDestination(id: string): void;
  add(files: readonly File[]): void;
  remove(key: string): void;
  /** Drops the files that were sent; failed and cancelled ones stay for another try. */
  clearSent(): void;
  clear(): void;
  setTransfer(key: string, transfer: TransferState): void;
  /** Progress of a running upload, ignored once the upload has ended. */
  progress(transferId: string, sentBytes: number, totalBytes: number | null): void;
}

export const useSendBatch = create<SendBatchState>()((set) => ({
  files: [],
  destination: 'as2',
  setDestination: (destination) => set({ destination }),
  add: (files) => set(({ files: current }) => ({ files: withFiles(current, files) })),
  remove: (key) => set(({ files }) => ({ files: files.filter((entry) => entry.key !== key || entry.transfer.state === 'uploading') })),
  clearSent: () => set(({ files }) => ({ files: files.filter((entry) => entry.transfer.state !== 'sent') })),
  clear: () => set(({ files }) => ({ files: files.filter((entry) => entry.transfer.state === 'uploading') })),
  setTransfer: (key, transfer) => set(({ files }) => ({ files: files.map((entry) => (entry.key === key ? { ...entry, transfer } : entry)) })),
  progress: (transferId, sentBytes, totalBytes) =>
    set(({ files }) => ({
      files: files.map((entry) =>
        entry.transfer.state === 'uploading' && entry.transfer.transferId === transferId ? { ...entry, transfer: { ...entry.transfer, sentBytes, totalBytes } } : entry,
      ),
    })),
}));
