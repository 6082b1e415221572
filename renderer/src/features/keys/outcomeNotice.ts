// The last thing that finished on the Keys page (a key generated, a generation cancelled, an export
// written, a key deleted), shown inline until dismissed or replaced. Failures go to the shell's toasts.
import { create } from 'zustand';

export interface Outcome {
  tone: 'success' | 'neutral';
  title: string;
  detail?: string | undefined;
}

interface OutcomeNoticeState {
  outcome: Outcome | null;
  report(outcome: Outcome): void;
  dismiss(): void;
}

export const useOutcomeNotice = create<OutcomeNoticeState>()((set) => ({
  outcome: null,
  report: (outcome) => set({ outcome }),
  dismiss: () => set({ outcome: null }),
}));
