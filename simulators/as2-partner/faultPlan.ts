// The AS2 partner simulator misbehaves on request, the ways real partners do: a receipt that does not prove the
// bytes (wrong MIC, unsigned, bad signature), an error disposition, a server that fails, stalls or hangs up, and a
// sender that delivers twice. Each fault holds for the next N messages or until cleared.
import { z } from 'zod';
import type { As2FailureModifier } from '../../electron/core/as2/unwrapMessage';

export const as2FailureModifiers = [
  'decryption-failed',
  'authentication-failed',
  'integrity-check-failed',
  'insufficient-message-security',
  'decompression-failed',
  'unexpected-processing-error',
] as const satisfies readonly As2FailureModifier[];

export const as2FaultSchema = z.discriminatedUnion('kind', [
  /** The MDN's Received-Content-MIC is not the MIC of what arrived. */
  z.object({ kind: z.literal('wrong-mic') }).strict(),
  /** The MDN is not signed although a signed one was asked for. */
  z.object({ kind: z.literal('unsigned-mdn') }).strict(),
  /** The MDN is signed, then altered, so its signature no longer verifies. */
  z.object({ kind: z.literal('bad-mdn-signature') }).strict(),
  /** processed/error with this modifier, whatever really happened. */
  z.object({ kind: z.literal('error-disposition'), modifier: z.enum(as2FailureModifiers) }).strict(),
  /** processed/warning with this text. */
  z.object({ kind: z.literal('warning-disposition'), text: z.string().min(1).max(200) }).strict(),
  /** HTTP 500 and no MDN. */
  z.object({ kind: z.literal('http-500') }).strict(),
  /** The answer (sync MDN or the 200 of an async request) waits this long. */
  z.object({ kind: z.literal('slow-response'), delayMs: z.number().int().min(0).max(600_000) }).strict(),
  /** The connection is destroyed once the request has been read: no answer at all. */
  z.object({ kind: z.literal('drop-connection') }).strict(),
  /** A message the simulator sends goes out twice, byte for byte, with the same Message-ID. */
  z.object({ kind: z.literal('duplicate-delivery') }).strict(),
]);
export type As2Fault = z.infer<typeof as2FaultSchema>;
export type As2FaultKind = As2Fault['kind'];

/** `times` absent: sticky until cleared. */
export const faultRequestSchema = z.object({ fault: as2FaultSchema, times: z.number().int().min(1).max(10_000).optional() }).strict();
export type FaultRequest = z.infer<typeof faultRequestSchema>;

const SENDING_FAULTS: readonly As2FaultKind[] = ['duplicate-delivery'];

interface ArmedFault {
  fault: As2Fault;
  remaining: number | null;
}

/** The faults in force; a later fault of the same kind replaces an earlier one. */
export class FaultPlan {
  private armed: ArmedFault[] = [];

  constructor(initial: readonly FaultRequest[] = []) {
    for (const request of initial) this.arm(request);
  }

  arm({ fault, times }: FaultRequest): void {
    this.armed = this.armed.filter((entry) => entry.fault.kind !== fault.kind);
    this.armed.push({ fault, remaining: times ?? null });
  }

  clear(kind?: As2FaultKind): void {
    this.armed = kind === undefined ? [] : this.armed.filter((entry) => entry.fault.kind !== kind);
  }

  list(): FaultRequest[] {
    return this.armed.map(({ fault, remaining }) => (remaining === null ? { fault } : { fault, times: remaining }));
  }

  /** The faults that apply to one received message (or one sent message), counting it against each. */
  take(direction: 'receiving' | 'sending'): As2Fault[] {
    const applies = (entry: ArmedFault) => SENDING_FAULTS.includes(entry.fault.kind) === (direction === 'sending');
    const taken = this.armed.filter(applies);
    for (const entry of taken) if (entry.remaining !== null) entry.remaining -= 1;
    this.armed = this.armed.filter((entry) => entry.remaining !== 0);
    return taken.map((entry) => entry.fault);
  }
}

export function findFault<K extends As2FaultKind>(faults: readonly As2Fault[], kind: K): Extract<As2Fault, { kind: K }> | undefined {
  return faults.find((fault): fault is Extract<As2Fault, { kind: K }> => fault.kind === kind);
}
