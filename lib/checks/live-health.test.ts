/**
 * Live health is shown beside the grade, never part of it: the same manifests graded with and
 * without live state (pods, workload status) get the same score, verdict and blocking list.
 */
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import { CATALOG } from './catalog';
import { evaluateCluster, evaluateNamespace } from './evaluate';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop', generation: 1 },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'api', image: 'gcr.io/distroless/static:1.0', readinessProbe: { tcpSocket: { port: 8080 } } }] },
    },
  },
};

const crashingPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'api-5f7c9-abcde',
    namespace: 'shop',
    labels: { app: 'api', 'pod-template-hash': '5f7c9' },
    ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5f7c9', controller: true }],
  },
  spec: deployment.spec && (deployment.spec as { template: { spec: unknown } }).template.spec,
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
    containerStatuses: [{ name: 'api', ready: false, restartCount: 40, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
  },
};

const live = [{ ...deployment, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 } }, crashingPod];

const LIVE_CHECKS = ['pod-crash-looping', 'pods-pending', 'pods-not-ready', 'pod-restarts', 'workload-available-replicas'];

describe('live health', () => {
  const snapshot = evaluateCluster(buildInventory([deployment])).namespaces[0];
  const observed = evaluateCluster(buildInventory(live)).namespaces[0];

  it('is not applicable in snapshot mode, where there is no live state', () => {
    const items = snapshot?.items.filter((item) => LIVE_CHECKS.includes(item.checkId)) ?? [];
    expect(items.map((item) => [item.checkId, item.status, item.reason])).toEqual(
      LIVE_CHECKS.map((id) => [id, 'not-evaluated', 'not-applicable']).sort((a, b) => order(a[0]) - order(b[0])),
    );
    expect(items.every((item) => item.observed)).toBe(true);
  });

  it('shows what is failing now without changing the score, verdict or blocking list', () => {
    const statusOf = (id: string) => observed?.items.find((item) => item.checkId === id)?.status;
    expect(statusOf('pod-crash-looping')).toBe('fail');
    expect(statusOf('pods-not-ready')).toBe('fail');
    expect(statusOf('pod-restarts')).toBe('fail');
    expect(statusOf('workload-available-replicas')).toBe('fail');
    expect(observed?.score).toEqual(snapshot?.score);
    expect(observed?.verdict).toBe(snapshot?.verdict);
    expect(observed?.blockingFailures.map((item) => item.checkId)).toEqual(snapshot?.blockingFailures.map((item) => item.checkId));
  });

  it('groups pod findings under the Deployment that owns them', () => {
    const finding = observed?.items.find((item) => item.checkId === 'pod-crash-looping')?.findings[0];
    expect(finding?.object).toEqual({ kind: 'Pod', name: 'api-5f7c9-abcde', namespace: 'shop' });
    expect(finding?.owner).toEqual({ kind: 'Deployment', name: 'api', namespace: 'shop' });
  });

  it('does not mark the grade partial when live state cannot be read', () => {
    const inventory = buildInventory(live, [{ kind: 'Pod', namespace: 'shop', reason: 'forbidden', message: 'pods is forbidden' }]);
    const namespace = inventory.namespaces.get('shop');
    if (!namespace) throw new Error('no shop namespace');
    const liveOnly = CATALOG.filter((check) => check.basis === 'observed' || check.id === 'replicas-minimum');
    const report = evaluateNamespace(namespace, inventory, {}, liveOnly);
    expect(report.items.find((item) => item.checkId === 'pods-pending')).toMatchObject({
      status: 'not-evaluated',
      reason: 'forbidden',
      observed: true,
    });
    expect(report.partial).toBe(false);
  });
});

function order(id: string | undefined): number {
  return CATALOG.findIndex((check) => check.id === id);
}
