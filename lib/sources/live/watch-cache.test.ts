/**
 * The watch cache's scheduling with plain fixtures: a read result handed in, events pushed
 * through a client whose watches the test holds, grading counted. What the real API server does
 * is in watch-cache.live.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../../checks/config/parse';
import { kindInfo } from '../../k8s/kinds';
import type { KubeObject } from '../../k8s/objects';
import type { LoadedConfig } from '../config-loader';
import { type RegradeJob, runGradingJob } from '../grading-worker/grading-job';
import type { WatchingKubeClient, WatchStreamOptions } from './kube-client';
import type { LiveStateRead } from './live-source';
import type { ClusterRead } from './read-cluster';
import { KubeRequestError } from './request-policy';
import { createWatchCache, type WatchCache } from './watch-cache';

const deployment = (namespace: string, name: string, image: string, resourceVersion: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, resourceVersion },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
  },
});

const namespaceObject = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, resourceVersion: '1' } });

interface OpenWatch {
  path: string;
  query: Record<string, string | undefined>;
  push(event: unknown): void;
  end(error?: unknown): void;
}

/** A client whose watches stay open until the test ends them, and whose lists are counted. */
function heldClient() {
  const watches: OpenWatch[] = [];
  let lists = 0;
  const client: WatchingKubeClient = {
    server: 'https://cluster.example',
    async getJson<T>(): Promise<T> {
      lists += 1;
      return { metadata: { resourceVersion: '500' }, items: [] } as T;
    },
    watch(path, query, options: WatchStreamOptions, onEvent) {
      return new Promise<void>((resolve, reject) => {
        const open: OpenWatch = {
          path,
          query,
          push: (event) => {
            try {
              onEvent(event);
            } catch (error) {
              reject(error);
            }
          },
          end: (error) => (error ? reject(error) : resolve()),
        };
        watches.push(open);
        options.onOpen?.();
        options.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
  };
  return { client, watches, lists: () => lists };
}

function clusterRead(objects: KubeObject[]): ClusterRead {
  return {
    objects,
    accessGaps: [],
    hiddenNamespaces: [],
    requests: 2,
    rejectedObjects: [],
    lists: [
      { endpoint: kindInfo('Namespace'), resourceVersion: '10' },
      { endpoint: kindInfo('Deployment'), resourceVersion: '10' },
    ],
  };
}

const config: LoadedConfig = { config: DEFAULT_SHIPSHAPE_CONFIG } as LoadedConfig;
let cache: WatchCache | undefined;
afterEach(() => cache?.stop());

/** A read the test substitutes for the next ones (a slow re-read). */
const setupReadState: { current: (() => Promise<LiveStateRead>) | undefined } = { current: undefined };

function setup(objects: KubeObject[]) {
  setupReadState.current = undefined;
  const held = heldClient();
  let reads = 0;
  const jobs: RegradeJob[] = [];
  cache = createWatchCache(
    {
      info: { name: 'c', kind: 'live', label: 'c' },
      async readState(): Promise<LiveStateRead> {
        reads += 1;
        const override = setupReadState.current;
        if (override) return override();
        return { ok: true, read: clusterRead(objects), serverVersion: undefined, client: held.client };
      },
      log: () => undefined,
      readOptions: {},
      // In-thread: the same job the worker runs.
      grade: async (job) => {
        jobs.push(job);
        return runGradingJob(job);
      },
      loadConfig: async () => config,
      minRerunIntervalMs: 0,
    },
    { coalesceMs: 80, backoff: { baseMs: 5, maxMs: 10 } },
  );
  return { cache, held, jobs, reads: () => reads };
}

const waitFor = async (condition: () => boolean, ms = 2_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('createWatchCache', () => {
  const objects = [
    namespaceObject('a'),
    namespaceObject('b'),
    namespaceObject('c'),
    deployment('a', 'web', 'web:1', '5'),
    deployment('b', 'api', 'api:1', '6'),
  ];

  it('reads once, then serves from memory; a burst of events makes one regrade of the namespaces touched', async () => {
    const { cache, held, jobs, reads } = setup(objects);
    const first = await cache.load();
    expect(first.ok).toBe(true);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.namespaces).toBeUndefined();
    await waitFor(() => held.watches.length === 2);
    const deployments = held.watches.find((watch) => watch.path === '/apis/apps/v1/deployments') as OpenWatch;
    expect(deployments.query).toMatchObject({ allowWatchBookmarks: 'true', resourceVersion: '10' });
    for (let version = 11; version < 61; version += 1)
      deployments.push({
        type: 'MODIFIED',
        object: deployment(version % 2 ? 'a' : 'b', version % 2 ? 'web' : 'api', `img:${version}`, String(version)),
      });
    await cache.settled();
    expect(jobs).toHaveLength(2);
    expect([...(jobs[1]?.namespaces ?? [])].sort()).toEqual(['a', 'b']);
    // The untouched namespace's objects did not go to the worker.
    expect(jobs[1]?.objects.some((object) => object.kind === 'Deployment' && object.metadata.namespace === 'c')).toBe(false);
    const after = await cache.load();
    if (!after.ok) throw new Error('expected a result');
    const images = after.cluster.inventory.namespaces.get('b')?.workloads.map((workload) => workload.template.spec.containers[0]?.image);
    expect(images).toEqual(['img:60']);
    expect(after.cluster.report.namespaces.map((report) => report.namespace).sort()).toEqual(['a', 'b', 'c']);
    expect(reads()).toBe(1);
    expect(held.lists()).toBe(0);
  });

  it('a 410 on a watch relists that kind alone and resumes from the relist’s version', async () => {
    const { cache, held, reads } = setup(objects);
    await cache.load();
    await waitFor(() => held.watches.length === 2);
    const deployments = held.watches.find((watch) => watch.path === '/apis/apps/v1/deployments') as OpenWatch;
    deployments.push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await waitFor(() => held.watches.length === 3);
    expect(held.lists()).toBe(1);
    expect(held.watches[2]?.query.resourceVersion).toBe('500');
    expect(cache.stats.relists).toBe(1);
    // The relist found no Deployments: the two namespaces that had one are regraded.
    await cache.settled();
    const after = await cache.load();
    if (!after.ok) throw new Error('expected a result');
    expect(after.cluster.inventory.namespaces.get('a')?.workloads).toEqual([]);
    expect(reads()).toBe(1);
  });

  it('a broken watch is shown stale, then resumes from the version it reached, without a relist', async () => {
    const { cache, held } = setup(objects);
    await cache.load();
    await waitFor(() => held.watches.length === 2);
    const deployments = held.watches.find((watch) => watch.path === '/apis/apps/v1/deployments') as OpenWatch;
    deployments.push({ type: 'BOOKMARK', object: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { resourceVersion: '77' } } });
    // Held until the test lets it reopen, so the stale state can be seen.
    const reopen = held.client.watch;
    let release: () => void = () => undefined;
    held.client.watch = (...args) =>
      new Promise<void>((resolve) => {
        release = () => resolve(reopen(...args));
      });
    deployments.end(new KubeRequestError({ kind: 'connection-reset', summary: 'the connection to the API server was reset' }));
    // Past the backoff (5–10 ms): the loop is now waiting on the held reopen.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stale = await cache.load();
    if (!stale.ok) throw new Error('expected a result');
    expect(stale.cluster.freshness).toMatchObject({ stale: true });
    expect(stale.cluster.freshness?.staleReason).toMatch(
      /the watch of deployments \(the connection to the API server was reset\) is broken/,
    );
    release();
    await waitFor(() => held.watches.length === 3);
    expect(held.watches[2]?.query.resourceVersion).toBe('77');
    expect(held.lists()).toBe(0);
    const fresh = await cache.load();
    expect(fresh.ok && fresh.cluster.freshness?.stale).toBe(false);
  });

  it('while a re-run re-reads, other requests get the last good state at once; the re-run gets the new one', async () => {
    const { cache, held, reads } = setup(objects);
    await cache.load();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { client } = held;
    const slowRead = async (): Promise<LiveStateRead> => {
      await gate;
      return { ok: true, read: clusterRead([...objects, deployment('c', 'late', 'late:1', '90')]), serverVersion: undefined, client };
    };
    // The next read waits on the gate.
    setupReadState.current = slowRead;
    const rerun = cache.load({ fresh: true });
    const meanwhile = await cache.load();
    if (!meanwhile.ok) throw new Error('expected the last good state');
    expect(meanwhile.cluster.inventory.namespaces.get('c')?.workloads).toEqual([]);
    release();
    const after = await rerun;
    if (!after.ok) throw new Error('expected the re-read state');
    expect(after.rerun?.accepted).toBe(true);
    expect(after.cluster.inventory.namespaces.get('c')?.workloads.map((workload) => workload.name)).toEqual(['late']);
    expect(reads()).toBe(2);
  });

  it('never loops hot: a server that ends every watch at once, or answers each with a 410, is backed off from', async () => {
    const { cache, held } = setup(objects);
    await cache.load();
    let watches = 0;
    held.client.watch = async (path) => {
      watches += 1;
      if (path.includes('deployments')) throw new KubeRequestError({ kind: 'gone', status: 410, summary: 'too old (410)' });
    };
    await waitFor(() => held.watches.length === 2);
    for (const open of held.watches) open.end();
    await new Promise((resolve) => setTimeout(resolve, 400));
    cache.stop();
    // Backoff 5–10 ms after the first failure: at most one attempt per ~5 ms per list, never thousands.
    expect(watches).toBeLessThan(300);
    expect(held.lists()).toBeLessThan(100);
    expect(watches).toBeGreaterThan(2);
  });

  it('a failed first read is not kept: the next request reads again', async () => {
    let attempts = 0;
    cache = createWatchCache(
      {
        info: { name: 'c', kind: 'live', label: 'c' },
        async readState(): Promise<LiveStateRead> {
          attempts += 1;
          return { ok: false, result: { ok: false, context: undefined, error: { kind: 'unreachable', message: 'down' } } };
        },
        log: () => undefined,
        readOptions: {},
        grade: runGradingJob,
        loadConfig: async () => config,
      },
      {},
    );
    expect((await cache.load()).ok).toBe(false);
    expect((await cache.load()).ok).toBe(false);
    expect(attempts).toBe(2);
  });
});
