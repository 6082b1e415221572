// The gateway allows 50 requests per 10 seconds (seed §1). Courier keeps under that on its own side: a sliding
// window holds each request until it fits under a budget below the limit, so a well-behaved client never sees a
// 429; a 429 that still comes (another client on the same account) is backed
// off by the caller.
export interface RateBudget {
  /** Requests allowed in any window… */
  requests: number;
  /** …of this many milliseconds. */
  windowMs: number;
}

/** The seed's limit. */
export const GATEWAY_RATE_LIMIT: RateBudget = { requests: 50, windowMs: 10_000 };

/** Courier's own budget: 90 % of the gateway's, so latency jitter between our clock and theirs never tips it over. */
export function clientBudget(limit: RateBudget): RateBudget {
  return { requests: Math.max(1, Math.floor(limit.requests * 0.9)), windowMs: limit.windowMs };
}

/**
 * A request holds its slot from its start until one window after its answer came back. The gateway sees the
 * request arrive somewhere between those two instants, so however the network delays it, no window of the
 * gateway's can hold more requests than the budget (latency costs throughput, never a 429).
 */
export class SlidingWindowLimiter {
  private readonly slots: Array<{ endedAt: number | null }> = [];
  private queue: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;

  constructor(
    private readonly budget: RateBudget,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves, in the order asked, when one more request may start; call the returned release when it is answered. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForRoom());
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async waitForRoom(): Promise<() => void> {
    for (;;) {
      const now = this.now();
      for (let i = this.slots.length - 1; i >= 0; i--) {
        const endedAt = this.slots[i]!.endedAt;
        if (endedAt !== null && endedAt <= now - this.budget.windowMs) this.slots.splice(i, 1);
      }
      if (this.slots.length < this.budget.requests) {
        const slot = { endedAt: null as number | null };
        this.slots.push(slot);
        return () => {
          slot.endedAt = this.now();
          this.wake?.();
        };
      }
      const ended = this.slots.flatMap((slot) => (slot.endedAt === null ? [] : [slot.endedAt]));
      const wait = ended.length > 0 ? Math.min(...ended) + this.budget.windowMs - now + 1 : this.budget.windowMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }
}

const limiters = new Map<string, SlidingWindowLimiter>();

/** One limiter per account base URL and user in this process: every caller of the same account shares the budget. */
export function limiterFor(key: string, limit: RateBudget): SlidingWindowLimiter {
  const id = `${key}|${limit.requests}/${limit.windowMs}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(clientBudget(limit));
    limiters.set(id, limiter);
  }
  return limiter;
}
