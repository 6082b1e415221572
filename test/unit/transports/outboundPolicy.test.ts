// The AS2 sender's retry policy and state transitions, without a network: backoff grows and is jittered within
// its bounds, attempts run out, 5xx and transport failures retry while 4xx, redirects and TLS refusals do not,
// and the batch zip's naming convention.
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../electron/core/transports/http/retryPolicy';
import { afterFailure, AS2_SEND_RETRY, httpFailure } from '../../../electron/core/transports/as2/deliveryOutcome';
import { batchLayout, documentStem } from '../../../electron/core/transports/as2/batchZip';
import { transportFailure, TransportFailure } from '../../../electron/core/transports/http/transportFailure';

const policy = { baseDelayMs: 1_000, maxDelayMs: 10_000, maxAttempts: 6 };
const context = { service: 'partner ACME', origin: 'https://as2.acme.example', scope: 'as2:ACME', timeoutMs: 30_000 };

describe('retryDelayMs: exponential backoff with equal jitter', () => {
  it('doubles per attempt within [ceiling/2, ceiling], capped at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(policy, attempt, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 5_000]);
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(policy, attempt, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
  });

  it('spreads senders that failed together (jitter), never below half the ceiling', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const delays = Array.from({ length: 200 }, () => retryDelayMs(policy, 3, random)!);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4_000);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  it('gives up after maxAttempts', () => {
    expect(retryDelayMs(policy, 5)).not.toBeNull();
    expect(retryDelayMs(policy, 6)).toBeNull();
    expect(retryDelayMs({ ...policy, maxAttempts: 1 }, 1)).toBeNull();
  });

  it('the AS2 default keeps trying for hours, not forever', () => {
    let total = 0;
    for (let attempt = 1; ; attempt++) {
      const delay = retryDelayMs(AS2_SEND_RETRY, attempt, () => 1);
      if (delay === null) break;
      total += delay;
    }
    expect(total / 3_600_000).toBeGreaterThan(12);
    expect(total / 3_600_000).toBeLessThan(48);
  });
});

describe('afterFailure: what a failed attempt does to the message', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  const retryable = { retryable: true, detail: 'HTTP 503', problem: { code: 'http-503', summary: 's', whatToCheck: 'w' } };

  it('a retryable failure with attempts left → queued (retrying) at the backoff time', () => {
    const step = afterFailure(retryable, 2, policy, now, () => 0);
    expect(step).toMatchObject({ queueState: 'queued', status: 'retrying', nextAttemptAt: '2024-01-01T00:00:01.000Z' });
    expect(step.statusText).toContain('attempt 3 at 2024-01-01T00:00:01.000Z');
  });

  it('a retryable failure on the last attempt → failed, saying it gave up', () => {
    expect(afterFailure(retryable, 6, policy, now)).toMatchObject({ queueState: 'failed', status: 'failed', nextAttemptAt: null, statusText: 'HTTP 503 (gave up after 6 attempts)' });
  });

  it('a failure that will not fix itself → failed at the first attempt', () => {
    expect(afterFailure({ ...retryable, retryable: false, detail: 'HTTP 403' }, 1, policy, now)).toMatchObject({ queueState: 'failed', statusText: 'HTTP 403' });
  });
});

describe('httpFailure: which answers are worth a retry', () => {
  it('5xx retries; 4xx and 3xx do not', () => {
    expect(httpFailure(500, 'oops', undefined).retryable).toBe(true);
    expect(httpFailure(503, '', undefined).retryable).toBe(true);
    expect(httpFailure(400, 'bad AS2-To', undefined)).toMatchObject({ retryable: false, detail: 'HTTP 400: bad AS2-To', problem: { code: 'http-400' } });
    expect(httpFailure(413, '', undefined).retryable).toBe(false);
    expect(httpFailure(301, '', 'https://new.example/as2')).toMatchObject({ retryable: false, detail: 'HTTP 301 to https://new.example/as2' });
  });

  it('keeps what the partner said short and on one line', () => {
    expect(httpFailure(500, `a\r\nb${'x'.repeat(1000)}`, undefined).detail.length).toBeLessThan(220);
    expect(httpFailure(500, 'a\r\nb', undefined).detail).toBe('HTTP 500: a b');
  });
});

describe('transportFailure: the typed errors of the HTTP client', () => {
  const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

  it('refused, reset and timeouts are retryable CONNECTION_FAILED / TIMEOUT', () => {
    expect(transportFailure(withCode('ECONNREFUSED'), context)).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'refused', retryable: true });
    expect(transportFailure(withCode('UND_ERR_SOCKET', 'other side closed'), context)).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'reset', retryable: true });
    expect(transportFailure(withCode('UND_ERR_HEADERS_TIMEOUT'), context)).toMatchObject({ code: 'TIMEOUT', kind: 'timeout', retryable: true });
    expect(transportFailure(Object.assign(new Error('deadline'), { name: 'TimeoutError' }), context).message).toBe('partner ACME at https://as2.acme.example did not answer within 30 s.');
  });

  it('TLS refusals are not retried and carry the inspector\'s advice with the profile\'s scope', () => {
    const selfSigned = transportFailure(withCode('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), context) as TransportFailure;
    expect(selfSigned).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'tls', retryable: false });
    expect(selfSigned.message).toContain('(self-signed)');
    expect(selfSigned.hint).toContain('--scope as2:ACME');
    expect(transportFailure(withCode('COURIER_PIN_MISMATCH'), context).message).toContain('(pin-mismatch)');
    expect(transportFailure(withCode('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'), context).message).toContain('(protocol-too-old)');
    expect(transportFailure(withCode('ERR_TLS_CERT_ALTNAME_INVALID'), context).message).toContain('(hostname-mismatch)');
  });

  it('a cause chain is followed (fetch-style wrappers), and unknown failures say where', () => {
    expect(transportFailure(new TypeError('fetch failed', { cause: withCode('ECONNRESET') }), context)).toMatchObject({ kind: 'reset' });
    expect(transportFailure(new Error('weird'), context)).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'other', retryable: false });
  });
});

describe('batch zip naming convention', () => {
  it('document at the root, attachments under attachments/<document stem>/, zip named <stem>.zip', () => {
    expect(batchLayout('invoice-42.xml', ['scan.pdf', 'terms.txt'])).toEqual({ zipName: 'invoice-42.zip', entries: ['invoice-42.xml', 'attachments/invoice-42/scan.pdf', 'attachments/invoice-42/terms.txt'] });
    expect(documentStem('archive.tar.gz')).toBe('archive.tar');
    expect(documentStem('README')).toBe('README');
    expect(documentStem('.profile')).toBe('.profile');
  });

  it('refuses names that would escape their folder or collide', () => {
    expect(() => batchLayout('a.xml', ['x.pdf', 'x.pdf'])).toThrow(/Two attachments are named "x.pdf"/);
    expect(() => batchLayout('a.xml', ['../evil'])).toThrow(/cannot be used/);
    expect(() => batchLayout('..', [])).toThrow(/cannot be used/);
    expect(() => batchLayout('a.xml', ['bad\u0000name'])).toThrow(/cannot be used/);
  });
});
