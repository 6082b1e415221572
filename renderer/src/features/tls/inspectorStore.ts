// What the TLS inspector is looking at — the form as typed, the last inspection (or the one under way, or
// why it failed) and the last trust change — kept for this window, so leaving the page and coming back
// finds the same server and chain instead of an empty form.
import { create } from 'zustand';
import type { ErrorCode, InputOf, TlsInspection } from '../../../../shared/ipc';
import type { ErrorDescription } from '../../ipc/describeError';

export type InspectTarget = InputOf<'tls.inspect'>;

export interface InspectorForm {
  address: string;
  servername: string;
  scope: string;
  extraCaPem: string;
  /** The file the extra CA was read from, when it came from one. */
  extraCaSource: string | null;
}

export type InspectionRun =
  | { state: 'idle' }
  | { state: 'inspecting'; target: InspectTarget }
  | { state: 'done'; target: InspectTarget; inspection: TlsInspection }
  | { state: 'failed'; target: InspectTarget; code: ErrorCode | null; error: ErrorDescription };

/** A CA trusted, a key pinned or an entry removed: the inspection shown predates it. */
export interface TrustChange {
  title: string;
  detail: string;
  scope: string;
}

interface InspectorState {
  form: InspectorForm;
  run: InspectionRun;
  trustChange: TrustChange | null;
  /** Increases with each inspection started; a reply for an older one is dropped. */
  sequence: number;
  editForm(patch: Partial<InspectorForm>): void;
  begin(target: InspectTarget): number;
  settle(sequence: number, run: Exclude<InspectionRun, { state: 'idle' | 'inspecting' }>): void;
  reportTrustChange(change: TrustChange | null): void;
}

export const emptyForm: InspectorForm = { address: '', servername: '', scope: '', extraCaPem: '', extraCaSource: null };

export const useInspector = create<InspectorState>()((set, get) => ({
  form: emptyForm,
  run: { state: 'idle' },
  trustChange: null,
  sequence: 0,
  editForm: (patch) => set(({ form }) => ({ form: { ...form, ...patch } })),
  begin(target) {
    const sequence = get().sequence + 1;
    set({ sequence, run: { state: 'inspecting', target }, trustChange: null });
    return sequence;
  },
  settle(sequence, run) {
    if (sequence === get().sequence) set({ run });
  },
  reportTrustChange: (trustChange) => set({ trustChange }),
}));
