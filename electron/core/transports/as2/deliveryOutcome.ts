// What one failed delivery attempt means for an outbound AS2 message: a transport failure (refused, reset, timed
// out) or an HTTP 5xx is worth another try after a backoff, until the attempts run out; a 4xx, a redirect or a TLS
// refusal will not fix itself and fails the message at once. Pure, so the policy is tested without a network.
import type { MessageProblem } from '../../../../shared/ipc';
import { retryDelayMs, type RetryPolicy } from '../http/retryPolicy';

/** RFC 4130 leaves retry timing to the sender; this keeps trying for about a day before giving up. */
export const AS2_SEND_RETRY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 2 * 60 * 60_000, maxAttempts: 16 };

export interface AttemptFailure {
  retryable: boolean;
  /** One line for the history and the list. */
  detail: string;
  problem: MessageProblem;
}

export type FailureStep =
  | { queueState: 'queued'; status: 'retrying'; nextAttemptAt: string; statusText: string; problem: MessageProblem }
  | { queueState: 'failed'; status: 'failed'; nextAttemptAt: null; statusText: string; problem: MessageProblem };

export function afterFailure(failure: AttemptFailure, attempts: number, policy: RetryPolicy, now: Date, random: () => number = Math.random): FailureStep {
  const delay = failure.retryable ? retryDelayMs(policy, attempts, random) : null;
  if (delay === null) {
    const reason = failure.retryable ? ` (gave up after ${attempts} attempts)` : '';
    return { queueState: 'failed', status: 'failed', nextAttemptAt: null, statusText: `${failure.detail}${reason}`, problem: failure.problem };
  }
  const nextAttemptAt = new Date(now.getTime() + delay).toISOString();
  return { queueState: 'queued', status: 'retrying', nextAttemptAt, statusText: `${failure.detail}; attempt ${attempts + 1} at ${nextAttemptAt}`, problem: failure.problem };
}

/** A non-2xx answer: 5xx is the partner's trouble and may pass; anything else is a refusal of this message. */
export function httpFailure(status: number, body: string, location: string | undefined): AttemptFailure {
  const said = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status >= 500) {
    return {
      retryable: true,
      detail,
      problem: { code: `http-${status}`, summary: `The partner's server failed (HTTP ${status}).`, whatToCheck: 'Usually temporary: Courier retries with backoff. If it persists, ask the partner to check their AS2 server log.' },
    };
  }
  if (status >= 300 && status < 400) {
    return {
      retryable: false,
      detail: `HTTP ${status}${location ? ` to ${location.slice(0, 200)}` : ''}`,
      problem: { code: `http-${status}`, summary: 'The partner redirected the message; AS2 messages are not re-posted to another address.', whatToCheck: 'Ask the partner for their current AS2 URL and update the partner profile.' },
    };
  }
  return {
    retryable: false,
    detail,
    problem: {
      code: `http-${status}`,
      summary: `The partner refused the message (HTTP ${status}).`,
      whatToCheck: "Check the AS2 IDs (AS2-From/AS2-To), the URL and the partner's size limits, and read what the partner answered.",
    },
  };
}
