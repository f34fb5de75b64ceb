/**
 * The watch cache against the real control plane: a change reaches the page without any LIST
 * (counted by a loopback proxy in front of the real API server), and the cache lives through the
 * fault API server's stop and restart, an etcd compaction (a real 410 on resume) and a pause.
 */
import { type ApiTarget, apiApply, apiRequest } from '@test/control-plane/api';
import { type FaultProxy, startFaultProxy } from '@test/support/fault-proxy';
import { testCluster } from '@test/support/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkById } from '../../checks/catalog';
import type { NamespaceReport } from '../../checks/evaluate';
import type { LoadedCluster, LoadResult } from '../cluster-source';
import { loadKubeconfig } from './kubeconfig';
import { createLiveSource } from './live-source';
import { createWatchedLiveSource, type WatchSettings } from './watch-cache';

const cluster = testCluster();
const state = cluster.state;
const kubeconfig = loadKubeconfig({ KUBECONFIG: cluster.kubeconfig });
const admin: ApiTarget = { server: state.urls.apiserver, ca: state.pki.ca, cert: state.pki.adminCert, key: state.pki.adminKey };

const NAMESPACE = 'watch-probe';
const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${name}`;

/** Short bounds, so that silence and staleness show within seconds rather than minutes. */
const FAST: Partial<WatchSettings> = {
  idleTimeoutMs: 6_000,
  staleAfterMs: 7_000,
  watchTimeoutSeconds: [2, 4],
  coalesceMs: 100,
  backoff: { baseMs: 100, maxMs: 1_000 },
};

function loaded(result: LoadResult): LoadedCluster {
  if (!result.ok) throw new Error(`expected a successful read, got ${result.error.kind}: ${result.error.message}`);
  return result.cluster;
}

function deployment(name: string, image: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
    },
  };
}

const imageOf = (cluster: LoadedCluster, name: string) =>
  cluster.inventory.namespaces.get(NAMESPACE)?.workloads.find((workload) => workload.kind === 'Deployment' && workload.name === name)
    ?.template.spec.containers[0]?.image;

/** Polls `load()` until `done` holds for what it returns; fails after `withinMs`. */
async function until(load: () => Promise<LoadResult>, done: (cluster: LoadedCluster) => boolean, withinMs: number): Promise<LoadedCluster> {
  const started = Date.now();
  for (;;) {
    const result = await load();
    if (result.ok && done(result.cluster)) return result.cluster;
    if (Date.now() - started > withinMs) throw new Error(`not seen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A namespace's declared checklist, to compare two grades of the same objects. Findings sorted:
 * a read lists kinds in parallel, so two reads may hand the same objects over in another order.
 */
const checklist = (report: NamespaceReport | undefined) =>
  (report?.items ?? [])
    .filter((item) => checkById(item.checkId)?.basis !== 'observed')
    .map((item) => {
      const findings = item.findings.map((finding) => `${finding.object.kind}/${finding.object.name}=${finding.status}`).sort();
      return `${item.checkId}: ${item.status} ${JSON.stringify(item.counts)} ${findings.join(',')}`;
    });

/** The current etcd revision, then a physical compaction at it: every older resourceVersion is gone. */
async function compactEtcd(): Promise<void> {
  const range = await fetch(`${state.urls.etcd}/v3/kv/range`, {
    method: 'POST',
    body: JSON.stringify({ key: Buffer.from('/').toString('base64') }),
  });
  const revision = ((await range.json()) as { header: { revision: string } }).header.revision;
  const compaction = await fetch(`${state.urls.etcd}/v3/kv/compaction`, {
    method: 'POST',
    body: JSON.stringify({ revision, physical: true }),
  });
  expect(compaction.status).toBe(200);
}

beforeAll(async () => {
  await apiApply(admin, `/api/v1/namespaces/${NAMESPACE}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  await apiApply(admin, deploymentPath('probe'), deployment('probe', 'registry.example/probe:1.0.0'));
});

afterAll(async () => {
  await apiRequest(admin, 'DELETE', `/api/v1/namespaces/${NAMESPACE}`);
  // Other live tests expect exactly the demo's namespaces: wait until this one is gone.
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    if ((await apiRequest(admin, 'GET', `/api/v1/namespaces/${NAMESPACE}`)).status === 404) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 120_000);

describe('a change in the cluster, through a proxy that counts every LIST', () => {
  let proxy: FaultProxy;
  let source: ReturnType<typeof createWatchedLiveSource>;
  const lists = () => proxy.requests - proxy.watchRequests;

  beforeAll(async () => {
    proxy = await startFaultProxy(state);
    source = createWatchedLiveSource({ name: 'watched', kind: 'live', label: 'watched' }, proxy.kubeconfig('watched'), 'watched', {}, FAST);
  });
  afterAll(async () => {
    source.stop();
    await proxy.close();
  });

  it('shows an edited Deployment within 2 s, and no request waits on a LIST after the first read', async () => {
    const first = loaded(await source.load());
    expect(imageOf(first, 'probe')).toBe('registry.example/probe:1.0.0');
    expect(first.freshness, JSON.stringify(first.freshness)).toMatchObject({ mode: 'watch', stale: false });
    const listsAfterFirstRead = lists();
    expect(listsAfterFirstRead).toBeGreaterThan(15);
    // Every list is followed by its own watch.
    const started = Date.now();
    while (proxy.watchRequests < source.cache.stats.watches && Date.now() - started < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(proxy.watchRequests).toBeGreaterThanOrEqual(source.cache.stats.watches);
    expect(source.cache.stats.watches).toBeGreaterThan(15);

    await apiApply(admin, deploymentPath('probe'), deployment('probe', 'registry.example/probe:latest'));
    const edited = Date.now();
    const seen = await until(
      () => source.load(),
      (cluster) => imageOf(cluster, 'probe') === 'registry.example/probe:latest',
      2_000,
    );
    const latency = Date.now() - edited;
    // A figure for the report, not a speed test: the bound below is the task's, the figure is this machine's.
    console.info(`watch cache: an edited Deployment showed after ${latency} ms`);
    expect(latency).toBeLessThan(2_000);
    expect(lists()).toBe(listsAfterFirstRead);
    expect(seen.freshness?.stale).toBe(false);
  });

  it('grades exactly as a full read of the same cluster does, after a sequence of changes', async () => {
    await apiApply(admin, deploymentPath('second'), deployment('second', 'registry.example/second:2.1.0'));
    await apiApply(admin, deploymentPath('probe'), deployment('probe', 'registry.example/probe:1.0.1'));
    await apiRequest(admin, 'DELETE', deploymentPath('second'));
    await until(
      () => source.load(),
      (cluster) => imageOf(cluster, 'probe') === 'registry.example/probe:1.0.1' && !imageOf(cluster, 'second'),
      5_000,
    );
    // Let the controllers finish (ReplicaSets, Pods) and the cache catch up, then compare with a one-off read.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await source.cache.settled();
    const watched = loaded(await source.load());
    const full = loaded(
      await createLiveSource({ name: 'full', kind: 'live', label: 'full' }, proxy.kubeconfig('full'), 'full', { cacheMs: 0 }).load(),
    );
    expect(watched.report.namespaces.map((report) => report.namespace).sort()).toEqual(
      full.report.namespaces.map((report) => report.namespace).sort(),
    );
    for (const report of full.report.namespaces) {
      const mine = watched.report.namespaces.find((candidate) => candidate.namespace === report.namespace);
      expect(checklist(mine), report.namespace).toEqual(checklist(report));
      expect(mine?.score).toEqual(report.score);
    }
  });
});

describe('the fault API server', () => {
  let source: ReturnType<typeof createWatchedLiveSource>;
  beforeAll(async () => {
    source = createWatchedLiveSource({ name: 'fault', kind: 'live', label: 'fault' }, kubeconfig.config, 'shipshape-fault', {}, FAST);
    loaded(await source.load());
  });
  afterAll(() => source.stop());

  it('stopped: the last state is served at once, marked stale; restarted: fresh again, with what changed meanwhile and no duplicates', async () => {
    await cluster.stopFaultServer();
    try {
      const down = await until(
        () => source.load(),
        (cluster) => cluster.freshness?.stale === true,
        8_000,
      );
      expect(down.freshness?.staleReason).toMatch(/broken|nothing was heard/);
      expect(imageOf(down, 'probe')).toBeDefined();
      // Changed through the other API server while this one is down: the resumed watch brings it.
      await apiApply(admin, deploymentPath('while-down'), deployment('while-down', 'registry.example/while-down:3.0.0'));
    } finally {
      await cluster.startFaultServer();
    }
    const back = await until(
      () => source.load(),
      (cluster) => cluster.freshness?.stale === false && imageOf(cluster, 'while-down') !== undefined,
      20_000,
    );
    const deployments = back.inventory.namespaces.get(NAMESPACE)?.byKind.get('Deployment') ?? [];
    expect(deployments.map((object) => object.metadata.name).sort()).toEqual(['probe', 'while-down']);
    await source.cache.settled();
    const full = loaded(
      await createLiveSource({ name: 'f', kind: 'live', label: 'f' }, kubeconfig.config, 'shipshape-fault', { cacheMs: 0 }).load(),
    );
    for (const kind of ['Deployment', 'Service', 'ConfigMap', 'Secret', 'NetworkPolicy']) {
      const count = (loadedCluster: LoadedCluster) =>
        [...loadedCluster.inventory.namespaces.values()].reduce((sum, namespace) => sum + (namespace.byKind.get(kind)?.length ?? 0), 0);
      expect(count(loaded(await source.load())), kind).toBe(count(full));
    }
  });

  it('after an etcd compaction, the watch’s version is gone (410): it relists and shows the change', async () => {
    const relistsBefore = source.cache.stats.relists;
    await cluster.stopFaultServer();
    try {
      await apiApply(admin, deploymentPath('while-down'), deployment('while-down', 'registry.example/while-down:3.1.0'));
      await compactEtcd();
    } finally {
      await cluster.startFaultServer();
    }
    const back = await until(
      () => source.load(),
      (cluster) => cluster.freshness?.stale === false && imageOf(cluster, 'while-down') === 'registry.example/while-down:3.1.0',
      20_000,
    );
    expect(source.cache.stats.relists).toBeGreaterThan(relistsBefore);
    const deployments = back.inventory.namespaces.get(NAMESPACE)?.byKind.get('Deployment') ?? [];
    expect(deployments.map((object) => object.metadata.name).sort()).toEqual(['probe', 'while-down']);
  });

  it('paused (requests hang): served at once, marked stale once silent; fresh again after resume', async () => {
    await cluster.pauseFaultServer();
    try {
      const started = Date.now();
      const first = loaded(await source.load());
      // From memory: a paused server cannot make a page wait.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(imageOf(first, 'probe')).toBeDefined();
      const silent = await until(
        () => source.load(),
        (cluster) => cluster.freshness?.stale === true,
        12_000,
      );
      expect(silent.freshness?.staleReason).toMatch(/broken|nothing was heard/);
    } finally {
      await cluster.resumeFaultServer();
    }
    await until(
      () => source.load(),
      (cluster) => cluster.freshness?.stale === false,
      20_000,
    );
  });
});

describe('the limited user: lists per namespace, watched per namespace', () => {
  it('sees only its namespaces, as a one-off read does, and keeps them by watches', async () => {
    const source = createWatchedLiveSource(
      { name: 'limited', kind: 'live', label: 'limited' },
      kubeconfig.config,
      'shipshape-limited',
      {},
      FAST,
    );
    try {
      const live = loaded(await source.load());
      expect(live.report.namespaces.map((report) => report.namespace).sort()).toEqual(['payments', 'storefront']);
      expect(live.hiddenNamespaces).toContain('tracking');
      expect(live.freshness?.mode).toBe('watch');
      expect(live.inventory.accessGaps.some((gap) => gap.kind === 'Secret' && gap.reason === 'forbidden')).toBe(true);
      // Still fresh a few watch timeouts later: per-namespace watches reopen as cluster-wide ones do.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect(loaded(await source.load()).freshness?.stale).toBe(false);
    } finally {
      source.stop();
    }
  });
});
