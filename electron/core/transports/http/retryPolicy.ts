// The one retry schedule for transports that may retry (AS2 transport errors, FISCAL 500, rate limits):
// exponential backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015), so
// senders that failed together do not all come back at the same instant, and caps on the wait and the attempts.
export interface RetryPolicy {
  /** The wait before the second attempt, before jitter. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last failure the work is given up. */
  maxAttempts: number;
}

/**
 * How long to wait after attempt number `attempt` (1-based) failed, or null when no attempt is left. The wait is
 * uniform in [ceiling / 2, ceiling] with ceiling = min(max, base · 2^(attempt-1)): jittered, yet never near zero.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
