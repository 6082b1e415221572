// UI state that belongs to this window only — toasts and the connection to Courier. Nothing the server
// owns lives here: server data is react-query's cache, fed by the contract and the events subscription.
import { create } from 'zustand';
import type { ConnectionState } from '../ipc/transport';

export interface Toast {
  id: number;
  title: string;
  hint?: string | undefined;
  /** When it was (re)shown; the auto-dismiss timer restarts when this changes. */
  shownAt: number;
}

export interface ToastInput {
  title: string;
  hint?: string | undefined;
}

interface UiState {
  toasts: Toast[];
  connection: ConnectionState;
  showToast(toast: ToastInput): void;
  dismissToast(id: number): void;
  setConnection(state: ConnectionState): void;
}

/** More than this and the oldest go: a burst of failures should not bury the page. */
const MAX_TOASTS = 4;
let nextToastId = 1;

export const useUiStore = create<UiState>()((set) => ({
  toasts: [],
  connection: 'connecting',
  showToast: ({ title, hint }) =>
    set(({ toasts }) => {
      // The same failure reported twice (several queries losing one connection) is one toast, shown afresh.
      const same = toasts.find((toast) => toast.title === title && toast.hint === hint);
      if (same) return { toasts: toasts.map((toast) => (toast === same ? { ...toast, shownAt: Date.now() } : toast)) };
      return { toasts: [...toasts, { id: nextToastId++, title, hint, shownAt: Date.now() }].slice(-MAX_TOASTS) };
    }),
  dismissToast: (id) => set(({ toasts }) => ({ toasts: toasts.filter((toast) => toast.id !== id) })),
  setConnection: (connection) => set({ connection }),
}));
