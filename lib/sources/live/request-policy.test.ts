import { describe, expect, it } from 'vitest';
import { failureFromStatus, failureFromThrown, isRetryable, parseRetryAfter, retryDelayMs } from './request-policy';

describe('which failures are retried', () => {
  it('retries throttling, server errors and resets, never 401/403/404', () => {
    expect(isRetryable(failureFromStatus(429))).toBe(true);
    expect(isRetryable(failureFromStatus(503))).toBe(true);
    expect(isRetryable(failureFromThrown(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })))).toBe(true);
    for (const status of [401, 403, 404]) expect(isRetryable(failureFromStatus(status)), String(status)).toBe(false);
    expect(isRetryable(failureFromThrown(Object.assign(new Error('x'), { name: 'TimeoutError' })))).toBe(false);
    expect(isRetryable(failureFromThrown(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })))).toBe(false);
  });

  it('stops after the last attempt', () => {
    const failure = failureFromStatus(500);
    expect(retryDelayMs(failure, 3, { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 })).toBeDefined();
    expect(retryDelayMs(failure, 4, { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 })).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
    const failure = failureFromStatus(502);
    expect(retryDelayMs(failure, 1, policy, () => 0)).toBe(50);
    expect(retryDelayMs(failure, 1, policy, () => 1)).toBe(100);
    expect(retryDelayMs(failure, 3, policy, () => 1)).toBe(400);
    expect(retryDelayMs(failure, 8, policy, () => 1)).toBe(1000);
  });

  it('honours Retry-After, but not beyond the policy’s ceiling', () => {
    const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
    expect(retryDelayMs(failureFromStatus(429, '2'), 1, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(failureFromStatus(429, '2'), 1, policy, () => 1)).toBe(2100);
    expect(retryDelayMs(failureFromStatus(429, '60'), 1, policy)).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('failures from thrown errors', () => {
  const wrapped = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  it('names TLS, unreachable and timeout failures', () => {
    expect(failureFromThrown(wrapped('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).kind).toBe('tls');
    expect(failureFromThrown(wrapped('SELF_SIGNED_CERT_IN_CHAIN')).kind).toBe('tls');
    expect(failureFromThrown(wrapped('ECONNREFUSED')).kind).toBe('unreachable');
    expect(failureFromThrown(new DOMException('timed out', 'TimeoutError')).kind).toBe('timeout');
  });

  it('never carries the server’s own words', () => {
    const failure = failureFromStatus(403);
    expect(failure.summary).toBe('access denied (403)');
  });
});
