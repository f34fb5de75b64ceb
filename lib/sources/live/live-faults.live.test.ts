/**
 * Faults a real API server does not produce on demand, injected by a small proxy on loopback in
 * front of the real test API server (test/support/fault-proxy.ts): every answer starts as the
 * real server's and is then rewritten. Each fault must end the read with its own message, within
 * the small limits set here, and with exactly one line in the server log.
 */

import { type FaultProxy, startFaultProxy } from '@test/support/fault-proxy';
import { testCluster } from '@test/support/test-cluster';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoadResult } from '../cluster-source';
import type { SourceError } from '../source-error';
import type { KubeClientOptions } from './kube-client';
import { createLiveRead, createLiveSource, type LiveSourceOptions } from './live-source';
import type { ReadOptions } from './read-cluster';
import { DEFAULT_RETRY_POLICY } from './request-policy';

const cluster = testCluster();
const CONTEXT = 'shipshape-proxied';
const MARKER = 'SHIPSHAPE-PROXY-MARKER';

let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(cluster.state);
});
afterAll(async () => {
  await proxy?.close();
});
afterEach(() => {
  proxy.setFault(undefined);
  proxy.onRequest = undefined;
});

const FAST_RETRIES: KubeClientOptions = {
  timeoutMs: 4_000,
  retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
};

/** A live source through the proxy, with its log lines collected. */
function proxiedSource(
  settings: { read?: Partial<ReadOptions>; client?: KubeClientOptions; allowPlainHttp?: boolean; via?: FaultProxy } = {},
) {
  const via = settings.via ?? proxy;
  const logs: string[] = [];
  const options: Partial<LiveSourceOptions> = {
    read: { deadlineMs: 20_000, concurrency: 4, ...settings.read },
    client: settings.client ?? FAST_RETRIES,
    cacheMs: 0,
    log: (line) => logs.push(line),
  };
  const config = via.kubeconfig(CONTEXT, { allowPlainHttp: settings.allowPlainHttp ?? false });
  const info = { name: CONTEXT, kind: 'live', label: CONTEXT } as const;
  return { source: createLiveSource(info, config, CONTEXT, options), read: createLiveRead(info, config, CONTEXT, options), logs };
}

function failed(result: LoadResult): SourceError {
  if (result.ok) throw new Error('expected the read to fail, and it succeeded');
  return result.error;
}

/** The one log line: names the context and the resource, carries no body and no credential. */
function expectOneLogLine(logs: string[], resource: string, kind: string): void {
  expect(logs).toHaveLength(1);
  const [line = ''] = logs;
  expect(line).toContain(`context ${CONTEXT}`);
  expect(line).toContain(proxy.url);
  expect(line).toContain(resource);
  expect(line).toContain(kind);
  expect(line).not.toContain(MARKER);
  expect(line).not.toMatch(/<html|BEGIN|PRIVATE KEY/i);
}

describe('through the proxy with no fault', () => {
  it('reads the whole cluster, as directly, and logs nothing', async () => {
    const { source, logs } = proxiedSource();
    const result = await source.load();
    expect(result.ok ? result.cluster.report.namespaces.length : result.error.message).toBeGreaterThan(5);
    expect(logs).toEqual([]);
  });
});

describe('pagination that never ends', () => {
  it('a continue token that repeats stops the list at its second page, naming the resource', async () => {
    proxy.setFault({ path: /^\/api\/v1\/configmaps$/, fault: { kind: 'repeat-token' } });
    const before = proxy.requestsByPath.get('/api/v1/configmaps') ?? 0;
    const { source, logs } = proxiedSource();
    const error = failed(await source.load());
    expect(error.kind).toBe('malformed-response');
    expect(error.message).toMatch(/While listing configmaps for context “shipshape-proxied”.*same continue token twice/);
    expect((proxy.requestsByPath.get('/api/v1/configmaps') ?? 0) - before).toBe(2);
    expectOneLogLine(logs, 'configmaps', 'bad-pagination');
  });

  it('a fresh token on every page stops at the page limit, naming the setting', async () => {
    proxy.setFault({ path: /^\/api\/v1\/configmaps$/, fault: { kind: 'endless' } });
    const before = proxy.requestsByPath.get('/api/v1/configmaps') ?? 0;
    const { source, logs } = proxiedSource({ read: { maxPagesPerList: 15 } });
    const error = failed(await source.load());
    expect(error.kind).toBe('limit-exceeded');
    expect(error.message).toMatch(/listing configmaps: the list did not end after 15 pages \(SHIPSHAPE_MAX_LIST_PAGES\)/);
    expect((proxy.requestsByPath.get('/api/v1/configmaps') ?? 0) - before).toBe(15);
    expectOneLogLine(logs, 'configmaps', 'limit');
  });

  it('a read that needs more requests than allowed stops at that bound', async () => {
    proxy.setFault({ path: /^\/api\/v1\/configmaps$/, fault: { kind: 'endless' } });
    // The read's budget counts its LISTs; the one GET /version beside it (the server's release) is not a list.
    const lists = () => proxy.requests - (proxy.requestsByPath.get('/version') ?? 0);
    const before = lists();
    const { source, logs } = proxiedSource({ read: { maxRequests: 12, concurrency: 1 } });
    const error = failed(await source.load());
    expect(error.kind).toBe('limit-exceeded');
    expect(error.message).toMatch(/more than 12 requests \(SHIPSHAPE_MAX_READ_REQUESTS\)/);
    expect(lists() - before).toBe(12);
    expect(logs).toHaveLength(1);
  });

  it('a read holding more objects than allowed stops at that bound', async () => {
    const { source } = proxiedSource({ read: { maxObjects: 20 } });
    const error = failed(await source.load());
    expect(error.kind).toBe('limit-exceeded');
    expect(error.message).toMatch(/more than 20 objects .*\(SHIPSHAPE_MAX_OBJECTS\)/);
  });
});

describe('answers that are not a Kubernetes list', () => {
  it.each([
    ['truncated JSON', { kind: 'truncate' } as const, /something other than JSON/],
    [
      'an HTML page',
      { kind: 'replace', contentType: 'text/html', body: `<html><body><h1>Sign in</h1><p>${MARKER}</p></body></html>` } as const,
      /something other than JSON/,
    ],
    [
      'JSON that is not a list',
      { kind: 'replace', contentType: 'application/json', body: `{"kind":"${MARKER}"}` } as const,
      /has no items/,
    ],
    [
      'a list whose items are not an array',
      { kind: 'replace', contentType: 'application/json', body: `{"kind":"NamespaceList","items":{"${MARKER}":1}}` } as const,
      /items are not an array/,
    ],
  ])('%s ends the read with a malformed-response error, never its text', async (_name, fault, message) => {
    proxy.setFault({ path: /^\/api\/v1\/namespaces$/, fault });
    const { source, logs } = proxiedSource();
    const error = failed(await source.load());
    expect(error.kind).toBe('malformed-response');
    expect(error.message).toMatch(/While listing namespaces for context “shipshape-proxied”/);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error)).not.toContain(MARKER);
    expectOneLogLine(logs, 'namespaces', 'bad-response');
  });

  it('on one kind only, the rest is read and that kind is marked unreadable, not empty', async () => {
    proxy.setFault({
      path: /^\/api\/v1\/configmaps$/,
      fault: { kind: 'replace', contentType: 'text/html', body: `<html>${MARKER}</html>` },
    });
    const { source } = proxiedSource();
    const result = await source.load();
    if (!result.ok) throw new Error(result.error.message);
    const gaps = result.cluster.inventory.accessGaps.filter((gap) => gap.kind === 'ConfigMap');
    expect(gaps).toEqual([expect.objectContaining({ reason: 'unavailable', message: expect.stringMatching(/something other than JSON/) })]);
    expect(JSON.stringify(result.cluster.inventory.accessGaps)).not.toContain(MARKER);
  });

  it('a server that keeps failing (500) gives up after its retries, with one log line and no body', async () => {
    proxy.setFault({ path: /^\/api\/v1\/namespaces$/, fault: { kind: 'status', status: 500, body: MARKER } });
    const { source, logs } = proxiedSource();
    const error = failed(await source.load());
    expect(error.kind).toBe('server-error');
    expect(error.message).toMatch(/kept failing while listing namespaces .*\(500\)/);
    expect(JSON.stringify(error)).not.toContain(MARKER);
    expectOneLogLine(logs, 'namespaces', 'server-error 500');
  });
});

describe('slow answers', () => {
  it('bytes trickled past the per-request timeout end that request: a timeout', async () => {
    proxy.setFault({ path: /^\/api\/v1\/namespaces$/, fault: { kind: 'drip', durationMs: 6_000 } });
    const { source, logs } = proxiedSource({ client: { ...FAST_RETRIES, timeoutMs: 1_000 } });
    const started = Date.now();
    const error = failed(await source.load());
    const elapsed = Date.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 1 s while listing namespaces/);
    // Cut at the request's timeout, long before the drip would have ended.
    expect(elapsed).toBeLessThan(5_000);
    expectOneLogLine(logs, 'namespaces', 'timeout');
  });

  it('a drip that keeps every request alive still ends at the whole read’s deadline', async () => {
    // Each answer takes 0.6 s, well inside the 4 s request timeout; 22 lists, two at a time,
    // take far longer than the 2 s the whole read may.
    proxy.setFault({ fault: { kind: 'drip', durationMs: 600 } });
    const { source, logs } = proxiedSource({ read: { deadlineMs: 2_000, concurrency: 2 } });
    const started = Date.now();
    const error = failed(await source.load());
    const elapsed = Date.now() - started;
    expect(error.kind).toBe('deadline');
    expect(error.message).toMatch(/took longer than the 2 s allowed for a whole read; it was stopped while listing /);
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(5_000);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/failed while listing .*: deadline/);
    // Nothing of the read goes on after it ended.
    const after = proxy.requests;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(proxy.requests).toBe(after);
  });
});

describe('a read nobody waits for', () => {
  it('stops every request when its signal fires: none start afterwards', async () => {
    proxy.setFault({ fault: { kind: 'hold', ms: 400 } });
    const controller = new AbortController();
    let atAbort = 0;
    proxy.onRequest = (count) => {
      if (count - start === 4) {
        atAbort = count;
        controller.abort();
      }
    };
    const start = proxy.requests;
    const { read, logs } = proxiedSource({ read: { concurrency: 2 } });
    // The signal cachedLoader hands the read: it fires once no request waits for the read.
    const error = failed(await read(controller.signal));
    expect(error.kind).toBe('abandoned');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // At most what was already on its way (two at a time), and normally nothing.
    expect(proxy.requests - atAbort).toBeLessThanOrEqual(1);
    expect(logs).toEqual([expect.stringMatching(/stopped while listing .*the read was abandoned \(no request was waiting for it\)/)]);
  });
});

describe('a kubeconfig with a plain http:// server', () => {
  let plain: FaultProxy;
  beforeAll(async () => {
    plain = await startFaultProxy(cluster.state, { protocol: 'http' });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('without insecure-skip-tls-verify: its own message, naming the setting, and nothing sent', async () => {
    const { source, logs } = proxiedSource({ via: plain });
    const error = failed(await source.load());
    expect(error.kind).toBe('plain-http');
    expect(error.message).toMatch(/context “shipshape-proxied” \(http:\/\/127\.0\.0\.1:\d+\) is a plain http:\/\/ address/);
    expect(error.hint).toContain('`insecure-skip-tls-verify: true`');
    expect(error.message).not.toMatch(/credential plugin/);
    expect(plain.requests).toBe(0);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/plain-http/);
  });

  it('with the setting the hint names, the same server is read', async () => {
    const { source } = proxiedSource({ via: plain, allowPlainHttp: true });
    const result = await source.load();
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    expect(plain.requests).toBeGreaterThan(20);
  });
});
