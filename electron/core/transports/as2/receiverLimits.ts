// What one AS2 request may cost the receiver before it is refused: body size, header count and size, and time.
// Every limit is answered (413, 431, 408) rather than trusted to the partner; the defaults suit EDI volumes.
export interface ReceiverLimits {
  /** The largest HTTP body accepted (413 beyond it). */
  maxBodyBytes: number;
  /** The most header fields accepted (431 beyond it). */
  maxHeaderCount: number;
  /** The largest header section in bytes (431 beyond it; Node's parser enforces it). */
  maxHeaderBytes: number;
  /** The whole request (headers and body) must have arrived within this time (408 otherwise). */
  requestTimeoutMs: number;
  /** The header section must have arrived within this time (408 otherwise). */
  headersTimeoutMs: number;
  /**
   * All bodies one listener holds in memory at once while unwrapping them: beyond it a request is answered 503 with
   * Retry-After (partners retry), so many large messages at once cannot exhaust memory.
   */
  maxBufferedBytes: number;
}

export const DEFAULT_RECEIVER_LIMITS: ReceiverLimits = {
  maxBodyBytes: 512 * 1024 * 1024,
  maxHeaderCount: 100,
  maxHeaderBytes: 32 * 1024,
  requestTimeoutMs: 10 * 60_000,
  headersTimeoutMs: 30_000,
  maxBufferedBytes: 1024 * 1024 * 1024,
};

export function receiverLimits(overrides: Partial<ReceiverLimits> = {}): ReceiverLimits {
  const limits = { ...DEFAULT_RECEIVER_LIMITS, ...overrides };
  // Node requires the headers deadline to be shorter than the request deadline.
  limits.headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return limits;
}
