import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../../checks/config/parse';
import { assembleClusterReport, type ClusterReport, evaluateCluster, type NamespaceReport } from '../../checks/evaluate';
import { DEMO_CANARIES } from '../../demo/canaries';
import { admitObject, type Inventory } from '../../inventory';
import { KINDS, kindInfo } from '../../k8s/kinds';
import type { KubeObject } from '../../k8s/objects';
import { loadSnapshot } from '../../snapshot/load-snapshot';
import { runGradingJob } from '../grading-worker/grading-job';
import { KubeRequestError } from './request-policy';
import {
  applyWatchEvent,
  type Dirty,
  emptyDirty,
  freshnessOf,
  inventoryOf,
  type ListState,
  listState,
  objectsForRegrade,
  replaceList,
} from './watch-state';

const deployments = kindInfo('Deployment');
const NOW = 1_800_000_000_000;

function deployment(namespace: string, name: string, image: string, resourceVersion = '1'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      resourceVersion,
      managedFields: [{ manager: 'kubectl' }],
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"huge":"copy"}', team: 'a' },
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
    },
    status: { replicas: 1, availableReplicas: 1 },
  };
}

const emptyList = (endpoint = deployments): ListState => listState({ endpoint, resourceVersion: '1' }, [], [], NOW - 10_000);

describe('applyWatchEvent', () => {
  it('admits and reduces an added object at once, moves the version on and marks its namespace', () => {
    const list = emptyList();
    const dirty = emptyDirty();
    applyWatchEvent(list, { type: 'ADDED', object: deployment('shop', 'web', 'web:1.0', '42') }, dirty, NOW);
    const kept = list.objects.get('shop/web');
    expect(kept?.metadata.managedFields).toBeUndefined();
    expect(kept?.metadata.annotations).toEqual({ team: 'a' });
    expect(kept?.kind).toBe('Deployment');
    expect(list.resourceVersion).toBe('42');
    expect(list.lastHeardAt).toBe(NOW);
    expect([...dirty.namespaces]).toEqual(['shop']);
    expect(dirty.all).toBe(false);
  });

  it('replaces on MODIFIED and removes on DELETED, each marking the namespace', () => {
    const list = emptyList();
    applyWatchEvent(list, { type: 'ADDED', object: deployment('shop', 'web', 'web:1.0', '2') }, emptyDirty(), NOW);
    const modified = emptyDirty();
    applyWatchEvent(list, { type: 'MODIFIED', object: deployment('shop', 'web', 'web:2.0', '3') }, modified, NOW);
    const image = (object: KubeObject | undefined) =>
      (object?.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers?.[0]?.image;
    expect(image(list.objects.get('shop/web'))).toBe('web:2.0');
    expect([...modified.namespaces]).toEqual(['shop']);
    const deleted = emptyDirty();
    applyWatchEvent(list, { type: 'DELETED', object: deployment('shop', 'web', 'web:2.0', '4') }, deleted, NOW);
    expect(list.objects.size).toBe(0);
    expect([...deleted.namespaces]).toEqual(['shop']);
    expect(list.resourceVersion).toBe('4');
  });

  it('a bookmark moves the version and the freshness on, and marks nothing', () => {
    const list = emptyList();
    list.broken = { since: NOW - 5_000, reason: 'the connection to the API server was reset' };
    const dirty = emptyDirty();
    applyWatchEvent(
      list,
      { type: 'BOOKMARK', object: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { resourceVersion: '99' } } },
      dirty,
      NOW,
    );
    expect(list.resourceVersion).toBe('99');
    expect(list.lastHeardAt).toBe(NOW);
    expect(list.broken).toBeUndefined();
    expect(dirty).toEqual(emptyDirty());
  });

  it('an ERROR event with 410 is the failure that makes the cache relist; another code is a server error', () => {
    const gone = () =>
      applyWatchEvent(emptyList(), { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } }, emptyDirty(), NOW);
    expect(gone).toThrow(KubeRequestError);
    expect(() => gone()).toThrow(/too old \(410\)/);
    try {
      applyWatchEvent(emptyList(), { type: 'ERROR', object: { kind: 'Status', code: 500 } }, emptyDirty(), NOW);
    } catch (error) {
      expect((error as KubeRequestError).failure.kind).toBe('server-error');
    }
    expect(() => applyWatchEvent(emptyList(), { type: 'ADDED' }, emptyDirty(), NOW)).toThrow(/unknown shape/);
    expect(() => applyWatchEvent(emptyList(), 'not an event', emptyDirty(), NOW)).toThrow(/unknown shape/);
  });

  it('an object that fails admission is reported, never kept, and the good version it replaced is dropped', () => {
    const list = emptyList();
    applyWatchEvent(list, { type: 'ADDED', object: deployment('shop', 'web', 'web:1.0') }, emptyDirty(), NOW);
    const bad = deployment('shop', 'web', 'web:1.0');
    (bad.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers = [null];
    const dirty = emptyDirty();
    applyWatchEvent(list, { type: 'MODIFIED', object: bad }, dirty, NOW);
    expect(list.objects.size).toBe(0);
    expect([...list.rejected.values()]).toEqual([expect.objectContaining({ resource: 'deployments', object: 'Deployment shop/web' })]);
    expect([...dirty.namespaces]).toEqual(['shop']);
  });

  it('keeps a Secret as metadata and key names only, and a new Secret name regrades every namespace', () => {
    const list = emptyList(kindInfo('Secret'));
    const dirty = emptyDirty();
    const canary = DEMO_CANARIES[0] ?? 'SHIPSHAPE-CANARY';
    applyWatchEvent(
      list,
      {
        type: 'ADDED',
        object: {
          metadata: { name: 'db', namespace: 'shop' },
          type: 'Opaque',
          data: { password: btoa(canary) },
          stringData: { token: canary },
        },
      },
      dirty,
      NOW,
    );
    expect(JSON.stringify([...list.objects.values()])).not.toContain(btoa(canary));
    expect(JSON.stringify([...list.objects.values()])).not.toContain(canary);
    expect(list.objects.get('shop/db')?.dataKeys).toEqual(['password', 'token']);
    expect(dirty.all).toBe(true);
  });

  it('a cluster-scoped change regrades every namespace', () => {
    const dirty = emptyDirty();
    applyWatchEvent(
      emptyList(kindInfo('ClusterRoleBinding')),
      {
        type: 'ADDED',
        object: {
          metadata: { name: 'admins' },
          roleRef: { kind: 'ClusterRole', name: 'cluster-admin', apiGroup: 'rbac.authorization.k8s.io' },
        },
      },
      dirty,
      NOW,
    );
    expect(dirty.all).toBe(true);
  });
});

describe('replaceList', () => {
  it('marks only the namespaces whose objects differ from the relist', () => {
    const list = listState(
      { endpoint: deployments, resourceVersion: '5' },
      [deployment('a', 'same', 'x:1', '1'), deployment('b', 'changed', 'x:1', '2'), deployment('c', 'gone', 'x:1', '3')].map(admitObject),
      [],
      NOW - 60_000,
    );
    const fresh = listState(
      { endpoint: deployments, resourceVersion: '9' },
      [deployment('a', 'same', 'x:1', '1'), deployment('b', 'changed', 'x:2', '7'), deployment('d', 'new', 'x:1', '8')].map(admitObject),
      [],
      NOW,
    );
    const dirty = emptyDirty();
    replaceList(list, fresh, dirty);
    expect([...dirty.namespaces].sort()).toEqual(['b', 'c', 'd']);
    expect(list.resourceVersion).toBe('9');
    expect([...list.objects.keys()].sort()).toEqual(['a/same', 'b/changed', 'd/new']);
    expect(list.lastHeardAt).toBe(NOW);
  });
});

describe('freshnessOf', () => {
  it('is as of the list heard from longest ago, and stale when one is broken or silent too long', () => {
    const quiet = { ...emptyList(), lastHeardAt: NOW - 1_000 };
    const older = { ...emptyList(kindInfo('Pod')), lastHeardAt: NOW - 4_000 };
    expect(freshnessOf([quiet, older], NOW, 10_000, 'watch')).toEqual({
      mode: 'watch',
      asOf: new Date(NOW - 4_000).toISOString(),
      stale: false,
    });
    const silent = freshnessOf([quiet, older], NOW, 3_000, 'watch');
    expect(silent.stale).toBe(true);
    expect(silent.staleReason).toBe('nothing was heard about pods for more than 3 s; showing the last state read');
    const broken = { ...quiet, broken: { since: NOW - 500, reason: 'nothing answered at the API server address' } };
    expect(freshnessOf([broken], NOW, 10_000, 'watch').staleReason).toMatch(
      /^the watch of deployments \(nothing answered at the API server address\) is broken/,
    );
  });
});

/** Lists like a live read's, one per kind, from a snapshot's objects. */
function listsFrom(objects: readonly KubeObject[]): ListState[] {
  return KINDS.map((entry) =>
    listState({ endpoint: entry, resourceVersion: '1' }, objects.filter((object) => object.kind === entry.kind).map(admitObject), [], NOW),
  );
}

/** What the watch cache does for a change: the worker's job regrades the dirty namespaces; the other reports are kept. */
async function regrade(
  lists: ListState[],
  dirty: Dirty,
  kept: { reports: Map<string, NamespaceReport>; inventory?: Inventory },
  now: Date,
): Promise<ClusterReport> {
  const { reports } = await runGradingJob({
    kind: 'regrade',
    objects: objectsForRegrade(lists, dirty),
    accessGaps: [],
    hiddenNamespaces: [],
    config: DEFAULT_SHIPSHAPE_CONFIG,
    now: now.toISOString(),
    ...(dirty.all ? {} : { namespaces: [...dirty.namespaces] }),
  });
  if (dirty.all) kept.reports.clear();
  else for (const name of dirty.namespaces) kept.reports.delete(name);
  for (const report of reports) kept.reports.set(report.namespace, report);
  kept.inventory = inventoryOf(lists, [], kept.inventory, dirty);
  return assembleClusterReport(kept.inventory, kept.reports.values(), { config: DEFAULT_SHIPSHAPE_CONFIG, now });
}

describe('incremental grading equals a full grade', () => {
  let objects: KubeObject[];
  beforeAll(async () => {
    objects = (await loadSnapshot(path.join(process.cwd(), 'lib/demo/manifests'))).objects;
  });

  it('after a sequence of changes: a Deployment edited, a Secret deleted, RBAC added, a namespace and a workload added, a Service removed', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const lists = listsFrom(objects);
    const kept: { reports: Map<string, NamespaceReport>; inventory?: Inventory } = { reports: new Map() };
    await regrade(lists, { all: true, namespaces: new Set() }, kept, now);
    const byKind = (kind: string) => lists.find((list) => list.endpoint.kind === kind) as ListState;
    const firstOf = (kind: string, namespace: string) =>
      [...byKind(kind).objects.values()].find((object) => object.metadata.namespace === namespace) as KubeObject;

    const payments = structuredClone(firstOf('Deployment', 'payments'));
    (payments.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0] = {
      name: 'main',
      image: 'payments:latest',
      securityContext: { privileged: true },
    };
    const secret = firstOf('Secret', 'storefront');
    const steps: [string, unknown][] = [
      ['Deployment', { type: 'MODIFIED', object: payments }],
      ['Secret', { type: 'DELETED', object: secret }],
      [
        'ClusterRoleBinding',
        {
          type: 'ADDED',
          object: {
            metadata: { name: 'everyone-admin' },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
            subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'identity' }],
          },
        },
      ],
      ['Namespace', { type: 'ADDED', object: { metadata: { name: 'newcomer', labels: { team: 'new' } } } }],
      ['Deployment', { type: 'ADDED', object: deployment('newcomer', 'fresh', 'fresh:1.2.3') }],
      ['Service', { type: 'DELETED', object: firstOf('Service', 'tracking') }],
    ];
    let sawPartial = false;
    for (const [kind, event] of steps) {
      const dirty = emptyDirty();
      applyWatchEvent(byKind(kind), event, dirty, NOW);
      if (!dirty.all) sawPartial = true;
      const incremental = await regrade(lists, dirty, kept, now);
      const full = evaluateCluster(inventoryOf(lists, [], undefined, { all: true, namespaces: new Set() }), {
        config: DEFAULT_SHIPSHAPE_CONFIG,
        now,
      });
      expect(incremental, `after ${kind} ${(event as { type: string }).type}`).toEqual(full);
    }
    expect(sawPartial).toBe(true);
    expect(kept.reports.has('newcomer')).toBe(true);
  });

  it('the worker job grades only the namespaces it is given, from their objects, cluster-scoped ones and every Secret', async () => {
    const lists = listsFrom(objects);
    const subset = objectsForRegrade(lists, { all: false, namespaces: new Set(['payments']) });
    expect(subset.some((object) => object.metadata.namespace === 'storefront' && object.kind === 'Deployment')).toBe(false);
    expect(subset.some((object) => object.kind === 'Secret' && object.metadata.namespace !== 'payments')).toBe(true);
    expect(subset.some((object) => object.kind === 'ClusterRole')).toBe(true);
    const { reports } = await runGradingJob({
      kind: 'regrade',
      objects: subset,
      accessGaps: [],
      hiddenNamespaces: [],
      config: DEFAULT_SHIPSHAPE_CONFIG,
      namespaces: ['payments'],
    });
    expect(reports.map((report) => report.namespace)).toEqual(['payments']);
  });
});
