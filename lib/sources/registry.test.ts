import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const HOSTILE = path.join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'hostile');
const REGISTRY_KEY = Symbol.for('shipshape.registry');

/** A module as a separate bundle sees it: Vitest's module cache cleared first, so each import is a new copy. */
async function freshCopy<T>(specifier: string): Promise<T> {
  vi.resetModules();
  return (await import(specifier)) as T;
}

type RegistryModule = typeof import('./registry');
type RouteModule = typeof import('../../app/api/c/[context]/report/route');
const params = (context: string) => ({ params: Promise.resolve({ context }) });

describe('registry', () => {
  beforeEach(() => {
    delete (globalThis as Record<symbol, unknown>)[REGISTRY_KEY];
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', path.join(import.meta.dirname, 'no-such-home'));
    vi.stubEnv('SHIPSHAPE_SNAPSHOT', HOSTILE);
    vi.stubEnv('SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS', '60');
  });
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[REGISTRY_KEY];
    vi.unstubAllEnvs();
  });

  it('is one registry for every copy of the module: pages and route handlers share one read', async () => {
    const pages = await freshCopy<RegistryModule>('./registry');
    const handlers = await freshCopy<RegistryModule>('./registry');
    expect(pages).not.toBe(handlers);
    const fromPage = await pages.loadContext('snapshot');
    const fromHandler = await handlers.loadContext('snapshot');
    if (!fromPage.ok || !fromHandler.ok) throw new Error('the hostile snapshot should load');
    // The same graded object: one read, one copy in memory.
    expect(fromHandler.cluster).toBe(fromPage.cluster);
  });

  it('the JSON API answers with the pages’ read, without caching headers, and narrows to one namespace', async () => {
    const pages = await freshCopy<RegistryModule>('./registry');
    const fromPage = await pages.loadContext('snapshot');
    if (!fromPage.ok) throw new Error('the hostile snapshot should load');
    const route = await freshCopy<RouteModule>('../../app/api/c/[context]/report/route');
    const response = await route.GET(new Request('http://localhost/api/c/snapshot/report'), params('snapshot'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body.evaluatedAt).toBe(fromPage.cluster.evaluatedAt);
    expect(body.namespaces.map((report: { namespace: string }) => report.namespace)).toEqual(['hostile', 'sandbox']);

    const one = await route.GET(new Request('http://localhost/api/c/snapshot/report?namespace=sandbox'), params('snapshot'));
    expect((await one.json()).namespaces.map((report: { namespace: string }) => report.namespace)).toEqual(['sandbox']);
  });

  it('the JSON API gives a clear 404 for an unknown namespace or context', async () => {
    const route = await freshCopy<RouteModule>('../../app/api/c/[context]/report/route');
    const unknown = await route.GET(new Request('http://localhost/api/c/snapshot/report?namespace=payments'), params('snapshot'));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    expect((await unknown.json()).error).toEqual({
      kind: 'unknown-namespace',
      message: 'Context “snapshot” has no graded namespace named “payments”.',
    });
    const invalid = await route.GET(new Request('http://localhost/api/c/snapshot/report?namespace=%3Cscript%3E'), params('snapshot'));
    expect(invalid.status).toBe(404);
    expect(JSON.stringify(await invalid.json())).not.toContain('<script>');
    expect((await route.GET(new Request('http://localhost/api/c/nope/report'), params('nope'))).status).toBe(404);
  });

  it('the JSON API re-runs on a same-origin POST, inside the minimum interval only with the current read', async () => {
    const route = await freshCopy<RouteModule>('../../app/api/c/[context]/report/route');
    const first = await (await route.GET(new Request('http://localhost/api/c/snapshot/report'), params('snapshot'))).json();
    const post = (headers: Record<string, string>) =>
      route.POST(new Request('http://localhost:3000/api/c/snapshot/report', { method: 'POST', headers }), params('snapshot'));
    const refused = await post({ host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' });
    expect(refused.status).toBe(200);
    const body = await refused.json();
    expect(body.rerun.accepted).toBe(false);
    expect(body.evaluatedAt).toBe(first.evaluatedAt);
    expect(Date.parse(body.rerun.nextAllowedAt)).toBeGreaterThan(Date.parse(first.evaluatedAt));

    const crossSite = await post({ host: 'localhost:3000', origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.kind).toBe('cross-origin');
  });

  it('offers the demo and a snapshot without loading the live source when there is no kubeconfig', async () => {
    let liveLoaded = false;
    vi.doMock('./live/live-source', () => {
      liveLoaded = true;
      return {};
    });
    const registry = await freshCopy<RegistryModule>('./registry');
    expect((await registry.listContexts()).map((context) => context.name)).toEqual(['snapshot', 'demo']);
    expect(await registry.kubeconfigProblems()).toEqual([]);
    expect(await registry.defaultContext()).toBe('snapshot');
    expect(liveLoaded).toBe(false);
    vi.doUnmock('./live/live-source');
  });

  it('loads the live source when KUBECONFIG names files, and reports a missing one by name', async () => {
    vi.stubEnv('KUBECONFIG', path.join(import.meta.dirname, 'no-such-kubeconfig.yaml'));
    const registry = await freshCopy<RegistryModule>('./registry');
    expect(await registry.kubeconfigProblems()).toEqual([
      { file: 'no-such-kubeconfig.yaml', message: 'the file named in KUBECONFIG does not exist' },
    ]);
    expect((await registry.listContexts()).map((context) => context.name)).toEqual(['snapshot', 'demo']);
  });
});
