import { describe, expect, it } from 'vitest';
import { SOURCE_ERROR_TITLES } from '../source-error';
import { failureLogLine, sourceErrorFor } from './live-source';
import { failureFromStatus, failureFromThrown, type RequestFailure, type RequestFailureKind } from './request-policy';

const facts = { context: 'prod-eu', server: 'https://10.0.0.1:6443', user: 'alice' };
const info = { name: 'prod-eu', kind: 'live', label: 'prod-eu' } as const;
const limits = { timeoutMs: 4_000, deadlineMs: 60_000 };

const FAILURES: Record<RequestFailureKind, RequestFailure> = {
  unreachable: { kind: 'unreachable', summary: 'nothing answered at the API server address' },
  'connection-reset': { kind: 'connection-reset', summary: 'the connection to the API server was reset' },
  tls: { kind: 'tls', summary: "the API server's certificate could not be verified" },
  unauthorized: failureFromStatus(401),
  forbidden: failureFromStatus(403),
  'not-found': failureFromStatus(404),
  gone: failureFromStatus(410),
  throttled: failureFromStatus(429),
  'server-error': failureFromStatus(503),
  timeout: { kind: 'timeout', summary: 'the API server did not answer in time' },
  'auth-plugin': { kind: 'auth-plugin', summary: 'the credential plugin of this context failed to produce credentials' },
  'plain-http': { kind: 'plain-http', summary: 'the server is plain http:// and the kubeconfig does not allow that' },
  kubeconfig: { kind: 'kubeconfig', summary: 'the context names no cluster' },
  'bad-response': { kind: 'bad-response', summary: 'the API server answered with something other than JSON' },
  'bad-pagination': { kind: 'bad-pagination', summary: 'the API server sent the same continue token twice (page 2)' },
  limit: { kind: 'limit', summary: 'the list did not end after 1,000 pages (SHIPSHAPE_MAX_LIST_PAGES)' },
  deadline: { kind: 'deadline', summary: 'the whole read ran past its deadline' },
  abandoned: { kind: 'abandoned', summary: 'the read was abandoned (no request was waiting for it)' },
  internal: { kind: 'internal', summary: 'Shipshape failed while reading the answer' },
};

describe('the error a failed read shows', () => {
  it.each(Object.entries(FAILURES))('%s: a titled kind, naming the context and server', (_kind, failure) => {
    const error = sourceErrorFor(failure, 'configmaps', facts, limits);
    expect(SOURCE_ERROR_TITLES[error.kind]).toBeTruthy();
    expect(error.message).toContain('prod-eu');
    expect(error.message).toContain('https://10.0.0.1:6443');
    expect(error.hint).toBeTruthy();
  });

  it('gives each cause its own kind: the network, TLS, plain HTTP, credentials, time and answers are not confused', () => {
    const kind = (failureKind: RequestFailureKind) => sourceErrorFor(FAILURES[failureKind], 'pods', facts, limits).kind;
    expect(kind('unreachable')).toBe('unreachable');
    expect(kind('tls')).toBe('tls');
    expect(kind('plain-http')).toBe('plain-http');
    expect(kind('auth-plugin')).toBe('unauthorized');
    expect(kind('unauthorized')).toBe('unauthorized');
    expect(kind('forbidden')).toBe('forbidden');
    expect(kind('timeout')).toBe('timeout');
    expect(kind('deadline')).toBe('deadline');
    expect(kind('bad-response')).toBe('malformed-response');
    expect(kind('bad-pagination')).toBe('malformed-response');
    expect(kind('limit')).toBe('limit-exceeded');
    expect(kind('server-error')).toBe('server-error');
    expect(kind('internal')).toBe('internal');
    // A bug of ours is never blamed on the network any more.
    expect(sourceErrorFor(failureFromThrown(new TypeError('x.map is not a function')), 'pods', facts, limits).kind).toBe('internal');
  });

  it('names the resource where one failed, and quotes the limits this read had', () => {
    expect(sourceErrorFor(FAILURES.timeout, 'configmaps', facts, limits).message).toMatch(/within 4 s while listing configmaps/);
    expect(sourceErrorFor(FAILURES.deadline, 'secrets', facts, limits).message).toMatch(/the 60 s allowed .* listing secrets/);
    expect(sourceErrorFor(FAILURES.limit, 'configmaps', facts, limits).message).toMatch(/configmaps: .*SHIPSHAPE_MAX_LIST_PAGES/);
    expect(sourceErrorFor(FAILURES['plain-http'], 'namespaces', facts, limits).hint).toContain('`insecure-skip-tls-verify: true`');
  });
});

describe('the log line of a failed read', () => {
  it('is one line with the context, server, resource and cause', () => {
    const line = failureLogLine(info, facts, failureFromStatus(500), 'namespaces');
    expect(line).toBe(
      'shipshape: reading context prod-eu (https://10.0.0.1:6443) failed while listing namespaces: server-error 500, the API server failed to answer (500)',
    );
  });

  it('for our own bug, gives the class and the stack but never the message, which may quote input', () => {
    const bug = new TypeError('Unexpected token < in "<html>SHIPSHAPE-CANARY-body"');
    const line = failureLogLine(info, facts, failureFromThrown(bug), 'pods', bug);
    expect(line).toContain('[TypeError]');
    expect(line).toMatch(/ at .*live-source\.test\.ts/);
    expect(line).not.toContain('CANARY');
    expect(line).not.toContain('\n');
  });

  it('says an abandoned read was abandoned', () => {
    expect(failureLogLine(info, facts, FAILURES.abandoned, 'pods')).toMatch(
      /stopped while listing pods: the read was abandoned \(no request was waiting for it\)/,
    );
  });
});
