// How a message's state is named on screen — each status and signature check in words, with a colour and a sign
// so colour is never the only cue — its size and time, and its problems explained once, so lists and view agree.
import type { MessageDetail, MessageProblem, MessageStatus, signatureStatuses } from '../../../../shared/ipc';

type MessageSignatureStatus = (typeof signatureStatuses)[number];

export interface StatusLook {
  label: string;
  color: string;
  sign: string;
}

export const statusLooks: Record<MessageStatus, StatusLook> = {
  received: { label: 'Received', color: 'teal', sign: '✓' },
  'received-with-error': { label: 'Received with error', color: 'red', sign: '✕' },
  queued: { label: 'Queued', color: 'gray', sign: '…' },
  sending: { label: 'Sending', color: 'blue', sign: '↑' },
  retrying: { label: 'Retrying', color: 'orange', sign: '↻' },
  'awaiting-mdn': { label: 'Awaiting MDN', color: 'blue', sign: '…' },
  delivered: { label: 'Delivered', color: 'teal', sign: '✓' },
  'delivered-with-warning': { label: 'Delivered with warning', color: 'yellow', sign: '⚠' },
  failed: { label: 'Failed', color: 'red', sign: '✕' },
  stopped: { label: 'Stopped', color: 'gray', sign: '■' },
};

const units = ['bytes', 'KiB', 'MiB', 'GiB'] as const;

/** 512 bytes, 10.0 KiB, 3.2 MiB. */
export function sizeLabel(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}` : `${value.toFixed(1)} ${units[unit]}`;
}

export const timeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function timeLabel(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

export const signatureLooks: Record<MessageSignatureStatus, StatusLook> = {
  verified: { label: 'Verified', color: 'teal', sign: '✓' },
  unsigned: { label: 'Not signed', color: 'gray', sign: '–' },
  invalid: { label: 'Does not verify', color: 'red', sign: '✕' },
  'unknown-signer': { label: 'Unknown signer', color: 'orange', sign: '?' },
};

/** What went wrong with a message, each problem once: the message's own, then the MDN's when it says more. */
export function explanationsOf(detail: Pick<MessageDetail, 'problem' | 'mdn'>): MessageProblem[] {
  const found: MessageProblem[] = [];
  for (const problem of [detail.problem, detail.mdn?.explanation ?? null]) {
    if (problem && !found.some((seen) => seen.code === problem.code && seen.summary === problem.summary)) found.push(problem);
  }
  return found;
}
