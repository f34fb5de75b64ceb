import { describe, expect, it, vi } from 'vitest';
import { buildInventory } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import { CATALOG_CHECK_IDS, checkById } from './catalog';
import { parseConfigFile } from './config/parse';
import { type CheckFailure, evaluateCluster, evaluateNamespace, INTERNAL_ERROR_DETAIL, targetVersionFor } from './evaluate';
import type { Check } from './types';

describe('evaluateCluster', () => {
  it('shows an empty namespace as not graded, never as 100', () => {
    const inventory = buildInventory([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sandbox' } }]);
    const [report] = evaluateCluster(inventory).namespaces;
    expect(report?.score).toEqual({ value: null, grade: null });
    expect(report?.verdict).toBe('not-graded');
    expect(report?.items.every((item) => item.status === 'not-evaluated' && item.reason === 'not-applicable')).toBe(true);
  });

  it('skips system namespaces and marks checks whose data was denied as not evaluated, not passed', () => {
    const inventory = buildInventory(
      [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api', namespace: 'shop' },
          spec: {
            template: { spec: { containers: [{ name: 'api', image: 'gcr.io/x/api:1.0', readinessProbe: { tcpSocket: { port: 80 } } }] } },
          },
        },
      ],
      [{ kind: 'NetworkPolicy', namespace: 'shop', reason: 'forbidden', message: 'networkpolicies is forbidden for user dev' }],
    );
    const cluster = evaluateCluster(inventory);
    expect(cluster.skippedNamespaces).toEqual(['kube-system']);
    const shop = cluster.namespaces[0];
    const network = shop?.items.find((item) => item.checkId === 'network-default-deny');
    expect(network).toMatchObject({ status: 'not-evaluated', reason: 'forbidden' });
    expect(network?.reasonDetail).toContain('NetworkPolicy');
    expect(shop?.partial).toBe(true);
    expect(shop?.items.find((item) => item.checkId === 'readiness-probe')?.status).toBe('pass');
  });

  it('lists every namespace it does not grade, with the reason, the objects left out and how to grade it', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'scratch', namespace: 'sandbox' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } },
    ];
    const { config } = parseConfigFile(
      'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nnamespaces:\n  exclude: [sand*]\n',
      CATALOG_CHECK_IDS,
    );
    const cluster = evaluateCluster(buildInventory(objects), { config, hiddenNamespaces: ['finance'] });
    expect(cluster.namespaces.map((report) => report.namespace)).toEqual(['shop']);
    expect(cluster.skipped.map(({ namespace, reason, objects: count }) => ({ namespace, reason, objects: count }))).toEqual([
      { namespace: 'kube-system', reason: 'system', objects: 2 },
      { namespace: 'sandbox', reason: 'excluded', objects: 1 },
      { namespace: 'finance', reason: 'hidden', objects: 0 },
    ]);
    expect(cluster.skipped[0]?.detail).toContain('namespaces.includeSystem: true');
    expect(cluster.skipped[1]?.detail).toContain('namespaces.exclude');
    // The older lists stay, for the consumers that read them.
    expect(cluster.skippedNamespaces).toEqual(['kube-system']);
    expect(cluster.excludedNamespaces).toEqual(['sandbox']);

    const included = parseConfigFile(
      'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nnamespaces:\n  includeSystem: true\n',
      CATALOG_CHECK_IDS,
    );
    const all = evaluateCluster(buildInventory(objects), { config: included.config });
    expect(all.namespaces.map((report) => report.namespace).sort()).toEqual(['kube-system', 'sandbox', 'shop']);
    expect(all.skipped).toEqual([]);
  });

  it('judges API versions against the configured release, else the server’s, else 1.37, and gives it to the checks', () => {
    const cronJob: KubeObject = {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'shop' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'report', image: 'x' }] } } } } },
    };
    const inventory = buildInventory([cronJob]);
    const statusOf = (report: ReturnType<typeof evaluateCluster>) =>
      report.namespaces[0]?.items.find((item) => item.checkId === 'api-version-supported')?.status;

    const offline = evaluateCluster(inventory);
    expect(offline.kubernetesVersion).toEqual({ version: '1.37', source: 'default' });
    expect(statusOf(offline)).toBe('fail');

    const live = evaluateCluster(inventory, { serverVersion: '1.23' });
    expect(live.kubernetesVersion).toEqual({ version: '1.23', source: 'server' });
    expect(statusOf(live)).toBe('warn');

    const { config } = parseConfigFile(
      'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nsettings:\n  kubernetesVersion: "1.20"\n',
      CATALOG_CHECK_IDS,
    );
    const configured = evaluateCluster(inventory, { config, serverVersion: '1.23' });
    expect(configured.kubernetesVersion).toEqual({ version: '1.20', source: 'configuration' });
    expect(statusOf(configured)).toBe('pass');
    expect(targetVersionFor(config)).toEqual({ version: '1.20', source: 'configuration' });
    // A server version that makes no sense is not a target.
    expect(evaluateCluster(inventory, { serverVersion: 'banana' }).kubernetesVersion).toEqual({ version: '1.37', source: 'default' });
  });
});

describe('guarded checks', () => {
  const deployment = (namespace: string, image: unknown): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace },
    spec: { template: { spec: { containers: [{ name: 'api', image, readinessProbe: { tcpSocket: { port: 80 } } }] } } },
  });

  it('turns a check that throws into not-evaluated/internal-error for that namespace only', () => {
    const inventory = buildInventory([deployment('a', 'gcr.io/x/api:1.0'), deployment('b', 'gcr.io/x/api:1.0')]);
    const readiness = checkById('readiness-probe') as Check;
    const flaky: Check = {
      ...readiness,
      id: 'flaky',
      evaluate: (context) => {
        if (context.namespace.name === 'b') throw new TypeError('boom');
        return readiness.evaluate(context);
      },
    };
    const failures: CheckFailure[] = [];
    const onCheckError = (failure: CheckFailure) => failures.push(failure);
    const reports = ['a', 'b'].map((name) =>
      evaluateNamespace(inventory.namespaces.get(name) ?? assertNever(), inventory, { onCheckError }, [flaky, readiness]),
    );
    const [a, b] = reports;
    expect(a?.items.map((item) => item.status)).toEqual(['pass', 'pass']);
    expect(b?.items[0]).toMatchObject({
      checkId: 'flaky',
      status: 'not-evaluated',
      reason: 'internal-error',
      reasonDetail: INTERNAL_ERROR_DETAIL,
    });
    expect(b?.items[1]?.status).toBe('pass');
    expect(b?.partial).toBe(true);
    // A blocking check that could not run leaves the verdict incomplete, never ready.
    expect(b?.verdict).toBe('incomplete');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ checkId: 'flaky', namespace: 'b' });
    expect(failures[0]?.error).toBeInstanceOf(TypeError);
  });

  it('logs the check id, namespace and stack by default, never the object data', () => {
    // `image: 42` is refused at admission; built straight into an inventory it crashes image checks (review M1).
    const canary = 'SHIPSHAPE-CANARY-guard';
    const inventory = buildInventory([
      { ...deployment('broken', 42), metadata: { name: 'api', namespace: 'broken', labels: { secret: canary } } },
      deployment('fine', 'gcr.io/x/api:1.0'),
    ]);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const cluster = evaluateCluster(inventory);
      const broken = cluster.namespaces.find((report) => report.namespace === 'broken');
      const fine = cluster.namespaces.find((report) => report.namespace === 'fine');
      const crashed = broken?.items.filter((item) => item.reason === 'internal-error').map((item) => item.checkId) ?? [];
      expect(crashed).toContain('image-minimal-base');
      expect(broken?.items.find((item) => item.checkId === 'readiness-probe')?.status).toBe('pass');
      expect(fine?.items.some((item) => item.reason === 'internal-error')).toBe(false);
      const logged = spy.mock.calls.map((call) => call.join(' ')).join('\n');
      expect(logged).toContain('check image-minimal-base failed in namespace broken (TypeError)');
      expect(logged).toMatch(/\n\s+at /);
      expect(logged).not.toContain(canary);
      expect(logged).not.toContain('is not a function');
    } finally {
      spy.mockRestore();
    }
  });
});

function assertNever(): never {
  throw new Error('fixture namespace missing');
}
