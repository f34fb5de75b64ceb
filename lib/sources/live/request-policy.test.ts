import { describe, expect, it } from 'vitest';
import {
  clampNumber,
  failureFromAuthentication,
  failureFromStatus,
  failureFromStop,
  failureFromThrown,
  isRetryable,
  PageGuard,
  parseListPage,
  parseRetryAfter,
  ReadBudget,
  ReadStopped,
  retryDelayMs,
} from './request-policy';

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

describe('what a thrown error means', () => {
  const systemError = (code: string, syscall: string) => Object.assign(new Error(`${syscall} ${code}`), { code, syscall });

  it('tells a plain http:// server apart from a failing credential plugin', () => {
    const http = failureFromAuthentication(new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false'));
    expect(http.kind).toBe('plain-http');
    expect(failureFromAuthentication(new Error('error: login expired\n')).kind).toBe('auth-plugin');
    // The plugin's own command missing is the plugin's failure; a missing certificate file is the kubeconfig's.
    expect(failureFromAuthentication(systemError('ENOENT', 'spawn aws')).kind).toBe('auth-plugin');
    expect(failureFromAuthentication(systemError('ENOENT', 'open')).kind).toBe('kubeconfig');
    expect(failureFromAuthentication(new SyntaxError('Unexpected token')).kind).toBe('auth-plugin');
  });

  it('blames the network only for network errors; anything else is our own bug', () => {
    expect(failureFromThrown(new TypeError('fetch failed')).kind).toBe('unreachable');
    expect(failureFromThrown(wrappedCode('ETIMEDOUT')).kind).toBe('unreachable');
    expect(failureFromThrown(wrappedCode('UND_ERR_BODY_TIMEOUT')).kind).toBe('timeout');
    expect(failureFromThrown(new TypeError("Cannot read properties of null (reading 'name')")).kind).toBe('internal');
    expect(failureFromThrown(new RangeError('Invalid array length')).kind).toBe('internal');
    expect(failureFromThrown('a string').kind).toBe('internal');
  });

  it('says why the read itself was stopped', () => {
    expect(failureFromThrown(new ReadStopped('deadline')).kind).toBe('deadline');
    expect(failureFromStop(new ReadStopped('abandoned'))).toMatchObject({
      kind: 'abandoned',
      summary: 'the read was abandoned (no request was waiting for it)',
    });
    expect(failureFromStop(undefined).kind).toBe('abandoned');
  });

  it('never quotes what it was given', () => {
    const failure = failureFromThrown(new TypeError('SHIPSHAPE-CANARY in the message'));
    expect(failure.summary).not.toContain('CANARY');
  });
});

const wrappedCode = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

describe('list answers', () => {
  it('accepts a list, with or without a continue token', () => {
    expect(parseListPage({ kind: 'PodList', metadata: { continue: 'abc' }, items: [{}] })).toEqual({
      page: { kind: 'PodList', metadata: { continue: 'abc' }, items: [{}] },
    });
    expect(parseListPage({ metadata: {}, items: [] })).toHaveProperty('page');
  });

  it.each([
    ['JSON that is not an object', [1, 2], /not a list/],
    ['a string', 'hello', /not a list/],
    ['null', null, /not a list/],
    ['an object without items', { kind: 'Status' }, /has no items/],
    ['items that are not an array', { items: { a: 1 } }, /items are not an array/],
    ['a continue token that is not a string', { items: [], metadata: { continue: 5 } }, /continue token is not a string/],
  ])('refuses %s, saying which', (_name, value, message) => {
    const parsed = parseListPage(value);
    expect('failure' in parsed && parsed.failure.kind).toBe('bad-response');
    expect('failure' in parsed && parsed.failure.summary).toMatch(message);
  });
});

describe('bounds of a list and of a read', () => {
  it('stops a list whose continue token repeats', () => {
    const guard = new PageGuard(100);
    expect(guard.next('a')).toBeUndefined();
    expect(guard.next('b')).toBeUndefined();
    expect(guard.next('a')).toMatchObject({ kind: 'bad-pagination', summary: expect.stringMatching(/same continue token twice/) });
  });

  it('stops a list that pages without end, at the page limit', () => {
    const guard = new PageGuard(3);
    expect(guard.next('t1')).toBeUndefined();
    expect(guard.next('t2')).toBeUndefined();
    expect(guard.next('t3')).toMatchObject({ kind: 'limit', summary: expect.stringMatching(/did not end after 3 pages/) });
    // A list that ends on its last allowed page is complete.
    const ending = new PageGuard(2);
    expect(ending.next('t1')).toBeUndefined();
    expect(ending.next(undefined)).toBeUndefined();
  });

  it('counts requests and objects per read, and names the setting when one runs out', () => {
    const budget = new ReadBudget({ maxRequests: 2, maxObjects: 10 });
    expect(budget.request()).toBeUndefined();
    expect(budget.request()).toBeUndefined();
    expect(budget.request()?.summary).toMatch(/more than 2 requests \(SHIPSHAPE_MAX_READ_REQUESTS\)/);
    expect(budget.requests).toBe(2);
    expect(budget.keep(10)).toBeUndefined();
    expect(budget.keep(1)?.summary).toMatch(/more than 10 objects .*\(SHIPSHAPE_MAX_OBJECTS\)/);
  });

  it('holds a setting within its range', () => {
    expect(clampNumber(1e9, 1, 16, 4)).toBe(16);
    expect(clampNumber(0, 1, 16, 4)).toBe(1);
    expect(clampNumber(2.7, 1, 16, 4)).toBe(2);
    expect(clampNumber(Number.NaN, 1, 16, 4)).toBe(4);
  });
});
