/**
 * The live source against the real control plane (etcd + kube-apiserver + controllers + kwok,
 * built from pinned upstream modules), seeded with the demo cluster's own manifests.
 */
import path from 'node:path';
import { testCluster } from '@test/support/test-cluster';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkById } from '../../checks/catalog';
import { evaluateCluster } from '../../checks/evaluate';
import { DEMO_CANARIES } from '../../demo/canaries';
import { DEMO_NAMESPACES } from '../../demo/demo-cluster';
import { buildInventory } from '../../inventory';
import type { SecretSummary } from '../../k8s/objects';
import { loadSnapshot } from '../../snapshot/load-snapshot';
import type { LoadedCluster, LoadResult } from '../cluster-source';
import { createKubeClient, DEFAULT_CLIENT_OPTIONS, type KubeClient } from './kube-client';
import { configForContext, loadKubeconfig } from './kubeconfig';
import { createLiveSource } from './live-source';
import { readCluster } from './read-cluster';
import { DEFAULT_RETRY_POLICY, failureFromThrown } from './request-policy';

const cluster = testCluster();
const kubeconfig = loadKubeconfig({ KUBECONFIG: cluster.kubeconfig });
const liveSource = (context: string) => createLiveSource({ name: context, kind: 'live', label: context }, kubeconfig.config);

function loaded(result: LoadResult): LoadedCluster {
  if (!result.ok) throw new Error(`expected a successful read, got ${result.error.kind}: ${result.error.message}`);
  return result.cluster;
}

const isDeclared = (checkId: string) => checkById(checkId)?.basis !== 'observed';

describe('admin: the live view equals the snapshot view of the same manifests', () => {
  let live: LoadedCluster;
  let snapshot: LoadedCluster;
  let offline: ReturnType<typeof evaluateCluster>;
  beforeAll(async () => {
    live = loaded(await liveSource('shipshape-admin').load());
    // The test plane adds RoleBindings of its own (for the limited users) and a Role (for the
    // review signers); the snapshot side gets the same ones, so both sides grade exactly the same objects.
    const harness = [...live.inventory.namespaces.values()].flatMap((namespace) =>
      [...(namespace.byKind.get('RoleBinding') ?? []), ...(namespace.byKind.get('Role') ?? [])].filter(
        (binding) => binding.metadata.labels?.['app.kubernetes.io/managed-by'] === 'shipshape-test-control-plane',
      ),
    );
    expect(harness.length).toBeGreaterThan(0);
    const parsed = await loadSnapshot(path.join(process.cwd(), 'lib/demo/manifests'));
    // Graded as a cluster's objects: this compares reading a cluster with reading its manifests,
    // not what a Secret absent from files means (a warning there; see the test after next).
    const inventory = buildInventory([...parsed.objects, ...harness], [], { origin: 'live' });
    snapshot = { ...live, inventory, report: evaluateCluster(inventory) };
    offline = evaluateCluster(buildInventory([...parsed.objects, ...harness]));
  });

  it('reads every demo namespace, and nothing is missing for lack of access', () => {
    const graded = live.report.namespaces.map((report) => report.namespace).sort();
    expect(graded).toEqual([...DEMO_NAMESPACES].sort());
    expect(live.inventory.accessGaps).toEqual([]);
    expect(live.hiddenNamespaces).toEqual([]);
  });

  it.each([...DEMO_NAMESPACES])('%s: same grade, verdict and checklist', (namespace) => {
    const fromLive = live.report.namespaces.find((report) => report.namespace === namespace);
    const fromSnapshot = snapshot.report.namespaces.find((report) => report.namespace === namespace);
    expect(fromLive?.score).toEqual(fromSnapshot?.score);
    expect(fromLive?.verdict).toBe(fromSnapshot?.verdict);
    const summary = (items: typeof fromLive extends undefined ? never : NonNullable<typeof fromLive>['items']) =>
      items.filter((item) => isDeclared(item.checkId)).map((item) => `${item.checkId}: ${item.status} ${JSON.stringify(item.counts)}`);
    expect(summary(fromLive?.items ?? [])).toEqual(summary(fromSnapshot?.items ?? []));
  });

  it('fails there the Secrets the manifests only lack, which offline are warnings', () => {
    const differing = live.report.namespaces.flatMap((report) => {
      const files = offline.namespaces.find((candidate) => candidate.namespace === report.namespace);
      return report.items
        .filter((item) => isDeclared(item.checkId))
        .flatMap((item) => {
          const other = files?.items.find((candidate) => candidate.checkId === item.checkId);
          return other && other.status !== item.status ? [`${report.namespace}/${item.checkId}: ${other.status} → ${item.status}`] : [];
        });
    });
    // batch-reports' invoice-export still asks for reports-s3; tracking's purge job names ecr-credentials: neither is in the manifests.
    expect(differing.sort()).toEqual(['batch-reports/secret-references-exist: warn → fail', 'tracking/pull-secret-exists: warn → fail']);
  });

  it('shows the live trouble the seeded pods are in, beside the grade and never in it', () => {
    const observed = (namespace: string, checkId: string) => {
      const item = live.report.namespaces
        .find((report) => report.namespace === namespace)
        ?.items.find((candidate) => candidate.checkId === checkId);
      expect(item?.observed, `${namespace}/${checkId} is observed, not graded`).toBe(true);
      return item;
    };
    const failing = (namespace: string, checkId: string) =>
      (observed(namespace, checkId)?.findings ?? [])
        .filter((finding) => finding.status !== 'pass')
        .map((finding) => `${finding.object.name} (of ${finding.owner?.name ?? '-'}): ${finding.message}`)
        .join(' | ');
    // kwok stages (test/control-plane/kwok/shipshape-trouble.yaml) and a nodeSelector nothing satisfies.
    expect(observed('legacy-crm', 'pod-crash-looping')?.status).toBe('fail');
    expect(failing('legacy-crm', 'pod-crash-looping')).toMatch(/CrashLoopBackOff/);
    expect(observed('tracking', 'pods-not-ready')?.status).toBe('fail');
    expect(failing('tracking', 'pods-not-ready')).toMatch(/position-ingester/);
    expect(observed('tracking', 'pods-pending')?.status).toBe('fail');
    expect(failing('tracking', 'pods-pending')).toMatch(/eta-predictor[\s\S]*Unschedulable|Unschedulable[\s\S]*eta-predictor/);
    expect(observed('storefront', 'pod-restarts')?.status).toBe('warn');
    expect(failing('storefront', 'pod-restarts')).toMatch(/cart-redis/);
    expect(failing('tracking', 'workload-available-replicas')).toMatch(/position-ingester/);
    // An exemplary namespace is healthy live too.
    for (const checkId of ['pod-crash-looping', 'pods-not-ready', 'pods-pending', 'pod-restarts'])
      expect(observed('payments', checkId)?.status, checkId).toBe('pass');
  });

  it('never holds a Secret value: no canary, plain or base64, anywhere in what was read', () => {
    const everything = JSON.stringify({
      inventory: [...live.inventory.namespaces.values()].map((ns) => [...ns.byKind]),
      report: live.report,
    });
    for (const canary of DEMO_CANARIES) {
      expect(everything).not.toContain(canary);
      expect(everything).not.toContain(Buffer.from(canary).toString('base64'));
    }
    // …while it does know the pull secrets' registry hosts, which the checks need.
    const pullSecret = live.inventory.namespaces
      .get('payments')
      ?.byKind.get('Secret')
      ?.find((secret) => secret.type === 'kubernetes.io/dockerconfigjson') as SecretSummary | undefined;
    expect(pullSecret?.registryHosts?.length).toBeGreaterThan(0);
  });

  it('drops managedFields and last-applied-configuration', () => {
    const deployments = [...live.inventory.namespaces.values()].flatMap((ns) => ns.byKind.get('Deployment') ?? []);
    expect(deployments.length).toBeGreaterThan(5);
    for (const deployment of deployments) {
      expect(deployment.metadata).not.toHaveProperty('managedFields');
      expect(deployment.metadata.annotations ?? {}).not.toHaveProperty('kubectl.kubernetes.io/last-applied-configuration');
    }
  });
});

describe('paginated lists', () => {
  it('reads the same objects in pages of 3 as in one page, with more requests', async () => {
    const client = createKubeClient(configForContext(kubeconfig.config, 'shipshape-admin'));
    const whole = await readCluster(client, { pageSize: 500 });
    const paged = await readCluster(client, { pageSize: 3, concurrency: 2 });
    const names = (objects: typeof whole.objects) =>
      objects.map((object) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`).sort();
    expect(names(paged.objects)).toEqual(names(whole.objects));
    expect(paged.requests).toBeGreaterThan(whole.requests + 20);
  });
});

/** Writes a key outside the API server's prefix, then compacts etcd's history up to it. */
async function compactEtcd(etcdUrl: string): Promise<void> {
  const key = Buffer.from('shipshape-test/compaction').toString('base64');
  const put = await fetch(`${etcdUrl}/v3/kv/put`, { method: 'POST', body: JSON.stringify({ key, value: key }) });
  const { header } = (await put.json()) as { header: { revision: string } };
  const compaction = await fetch(`${etcdUrl}/v3/kv/compaction`, {
    method: 'POST',
    body: JSON.stringify({ revision: header.revision, physical: true }),
  });
  expect(compaction.ok).toBe(true);
}

describe('an expired continue token (410 Gone)', () => {
  it('restarts that list from the top and still reads every object', async () => {
    // The fault API server runs without a watch cache, so continuations are served by etcd and
    // expire when etcd compacts, as on a busy production cluster.
    const base = createKubeClient(configForContext(kubeconfig.config, 'shipshape-fault'));
    let compacted = false;
    let gone = 0;
    const client: KubeClient = {
      server: base.server,
      async getJson<T>(apiPath: string, query?: Record<string, string | undefined>): Promise<T> {
        try {
          const page = await base.getJson<{ metadata?: { continue?: string } }>(apiPath, query);
          if (!compacted && apiPath === '/api/v1/configmaps' && !query?.continue && page.metadata?.continue) {
            compacted = true;
            await compactEtcd(cluster.state.urls.etcd);
          }
          return page as T;
        } catch (error) {
          if (failureFromThrown(error).kind === 'gone') gone += 1;
          throw error;
        }
      },
    };
    const restarted = await readCluster(client, { pageSize: 2, concurrency: 1 });
    expect(compacted).toBe(true);
    expect(gone).toBe(1);
    const straight = await readCluster(base, { pageSize: 500 });
    const configMaps = (read: typeof straight) =>
      read.objects
        .filter((object) => object.kind === 'ConfigMap')
        .map((object) => `${object.metadata.namespace}/${object.metadata.name}`)
        .sort();
    expect(configMaps(restarted)).toEqual(configMaps(straight));
    expect(restarted.accessGaps).toEqual([]);
  });
});

describe('throttling: 429 with Retry-After from a real API server', () => {
  it('retries no sooner than the server asks, and every request gets its answer', async () => {
    // The fault server lets one non-admin request in at a time and answers the rest with 429.
    const retries: { kind: string; delayMs: number; retryAfterSeconds?: number }[] = [];
    const client = createKubeClient(configForContext(kubeconfig.config, 'shipshape-throttled'), {
      timeoutMs: 10_000,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 20 },
      onRetry: (failure, _attempt, delayMs) => {
        const retry: (typeof retries)[number] = { kind: failure.kind, delayMs };
        if (failure.retryAfterSeconds !== undefined) retry.retryAfterSeconds = failure.retryAfterSeconds;
        retries.push(retry);
      },
    });
    const lists = await Promise.all(
      Array.from({ length: 24 }, () => client.getJson<{ items: unknown[] }>('/apis/apps/v1/namespaces/payments/deployments')),
    );
    expect(lists[0]?.items.length).toBeGreaterThan(0);
    for (const list of lists) expect(list.items.length).toBe(lists[0]?.items.length);
    expect(retries.length).toBeGreaterThan(0);
    for (const retry of retries) {
      expect(retry.kind).toBe('throttled');
      expect(retry.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(retry.delayMs).toBeGreaterThanOrEqual((retry.retryAfterSeconds ?? 0) * 1000);
    }
  });

  it('never retries a 403', async () => {
    let retried = 0;
    const client = createKubeClient(configForContext(kubeconfig.config, 'shipshape-limited'), {
      ...DEFAULT_CLIENT_OPTIONS,
      onRetry: () => {
        retried += 1;
      },
    });
    await expect(client.getJson('/api/v1/namespaces/payments/secrets')).rejects.toMatchObject({
      failure: { kind: 'forbidden', status: 403 },
    });
    expect(retried).toBe(0);
  });
});

describe('limited user: view in payments and storefront only', () => {
  let live: LoadedCluster;
  beforeAll(async () => {
    live = loaded(await liveSource('shipshape-limited').load());
  });

  it('sees only its namespaces; the rest are left out and said to be', () => {
    expect(live.report.namespaces.map((report) => report.namespace).sort()).toEqual(['payments', 'storefront']);
    for (const other of ['identity', 'tracking', 'legacy-crm']) expect(live.hiddenNamespaces).toContain(other);
  });

  it('marks what it may not read: Secrets and RBAC objects', () => {
    const denied = new Set(live.inventory.accessGaps.filter((gap) => gap.reason === 'forbidden').map((gap) => gap.kind));
    for (const kind of ['Secret', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']) expect(denied).toContain(kind);
    expect(denied).not.toContain('Deployment');
  });

  it('passes no check that depends on a denied resource; those are not evaluated, as forbidden', () => {
    const denied = new Set(live.inventory.accessGaps.map((gap) => gap.kind));
    let dependent = 0;
    for (const report of live.report.namespaces) {
      expect(report.partial).toBe(true);
      for (const item of report.items) {
        const check = checkById(item.checkId);
        if (!check?.reads.some((kind) => denied.has(kind))) continue;
        dependent += 1;
        expect(item.status, `${report.namespace}/${item.checkId}`).toBe('not-evaluated');
        expect(item.reason).toBe('forbidden');
      }
    }
    expect(dependent).toBeGreaterThan(2);
  });
});

describe('team user: no right to list namespaces', () => {
  it('falls back to the context’s namespace and says namespaces could not be listed', async () => {
    const live = loaded(await liveSource('shipshape-team').load());
    expect(live.report.namespaces.map((report) => report.namespace)).toEqual(['tracking']);
    expect(live.inventory.accessGaps.some((gap) => gap.kind === 'Namespace' && gap.reason === 'forbidden')).toBe(true);
  });
});

describe('exec credential plugins', () => {
  it('reads the cluster with credentials an exec plugin hands out', async () => {
    const live = loaded(await liveSource('shipshape-exec').load());
    expect(live.report.namespaces.map((report) => report.namespace).sort()).toEqual([...DEMO_NAMESPACES].sort());
  });

  it('names the failing plugin, and never shows what it printed', async () => {
    const result = await liveSource('shipshape-exec-failing').load();
    expect(result.ok ? 'ok' : result.error.kind).toBe('unauthorized');
    if (result.ok) return;
    expect(result.error.message).toMatch(/credential plugin of user “shipshape-exec-failing”/);
    expect(JSON.stringify(result.error)).not.toContain('login expired');
  });
});

describe('faults', () => {
  it.each([
    ['shipshape-wrong-ca', 'tls', /certificate could not be verified/],
    ['shipshape-bad-token', 'unauthorized', /rejected the credentials .* invalid or has expired/],
    ['shipshape-unreachable', 'unreachable', /Nothing answered at https:\/\/127\.0\.0\.1:\d+/],
  ])('%s → a %s error naming the cause and the context', async (context, kind, message) => {
    const result = await liveSource(context).load();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe(kind);
    expect(result.error.message).toMatch(message);
    expect(result.error.message).toContain(context);
  });

  it('an API server that stops gives an unreachable error; once restarted, the same source recovers', async () => {
    const source = liveSource('shipshape-fault');
    expect((await source.load({ fresh: true })).ok).toBe(true);
    await cluster.stopFaultServer();
    try {
      const down = await source.load({ fresh: true });
      expect(down.ok ? 'ok' : down.error.kind).toBe('unreachable');
    } finally {
      await cluster.startFaultServer();
    }
    const back = await source.load({ fresh: true });
    expect(back.ok).toBe(true);
  });

  it('a request that hangs is cut by the timeout', async () => {
    const source = liveSource('shipshape-fault');
    await cluster.pauseFaultServer();
    const started = Date.now();
    try {
      const hung = await source.load({ fresh: true });
      expect(hung.ok ? 'ok' : hung.error.kind).toBe('timeout');
    } finally {
      await cluster.resumeFaultServer();
    }
    // The budget is 4 s per request (vitest.config.mts); no retry follows a timeout.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect((await source.load({ fresh: true })).ok).toBe(true);
  });
});
