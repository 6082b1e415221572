// What the Inbox and Outbox are narrowed to (partner, status, date range, subject, Message-ID) and which row is
// selected, kept per list for this window, so opening a message and coming back finds the same view. The
// translation into `messages.list` input is pure: dates typed as days become the instants the contract takes.
import { create } from 'zustand';
import { messageStatuses, type InputOf, type MessageStatus } from '../../../../shared/ipc';

export type MessageDirection = 'inbound' | 'outbound';

export interface MessageFilters {
  partnerId: string | null;
  statuses: MessageStatus[];
  /** Days as a date input gives them (YYYY-MM-DD, local time), or ''. Both ends are inclusive. */
  fromDate: string;
  toDate: string;
  subject: string;
  messageId: string;
}

export type ListFilter = Omit<InputOf<'messages.list'>, 'direction' | 'offset' | 'limit'>;

export const noFilters: MessageFilters = { partnerId: null, statuses: [], fromDate: '', toDate: '', subject: '', messageId: '' };

const inboundStatuses: readonly MessageStatus[] = ['received', 'received-with-error'];

/** The statuses a message in this list can have. */
export function statusesFor(direction: MessageDirection): MessageStatus[] {
  return messageStatuses.filter((status) => inboundStatuses.includes(status) === (direction === 'inbound'));
}

/** Local midnight of a YYYY-MM-DD day, `days` later; null for anything that is not a real day. */
function localMidnight(day: string, days = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day0 = new Date(year, month - 1, date);
  if (Number.isNaN(day0.getTime()) || day0.getMonth() !== month - 1 || day0.getDate() !== date) return null;
  return new Date(year, month - 1, date + days).toISOString();
}

export function toListFilter(filters: MessageFilters): ListFilter {
  const from = localMidnight(filters.fromDate);
  // The contract's `to` is exclusive: the day after the last day asked for.
  const to = localMidnight(filters.toDate, 1);
  const subject = filters.subject.trim();
  // People paste Message-IDs with their angle brackets; the archive holds them without.
  const messageId = filters.messageId.trim().replace(/^<|>$/g, '');
  return {
    ...(filters.partnerId ? { partnerId: filters.partnerId } : {}),
    ...(filters.statuses.length > 0 ? { statuses: filters.statuses } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(subject ? { subject: subject.slice(0, 200) } : {}),
    ...(messageId ? { messageId: messageId.slice(0, 300) } : {}),
  };
}

export function isFiltered(filters: MessageFilters): boolean {
  return Object.keys(toListFilter(filters)).length > 0;
}

export interface Selection {
  index: number;
  /** The message at that index when it was selected: rows shift as new messages arrive. */
  id: number | null;
}

interface MessageViewState {
  filters: Record<MessageDirection, MessageFilters>;
  selection: Record<MessageDirection, Selection>;
  editFilters(direction: MessageDirection, patch: Partial<MessageFilters>): void;
  clearFilters(direction: MessageDirection): void;
  select(direction: MessageDirection, selection: Selection): void;
}

const top: Selection = { index: 0, id: null };

export const useMessageView = create<MessageViewState>()((set) => ({
  filters: { inbound: noFilters, outbound: noFilters },
  selection: { inbound: top, outbound: top },
  editFilters: (direction, patch) =>
    set(({ filters, selection }) => ({
      filters: { ...filters, [direction]: { ...filters[direction], ...patch } },
      selection: { ...selection, [direction]: top },
    })),
  clearFilters: (direction) =>
    set(({ filters, selection }) => ({ filters: { ...filters, [direction]: noFilters }, selection: { ...selection, [direction]: top } })),
  select: (direction, next) => set(({ selection }) => ({ selection: { ...selection, [direction]: next } })),
}));
