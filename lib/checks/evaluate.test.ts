import { describe, expect, it, vi } from 'vitest';
import { buildInventory } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import { checkById } from './catalog';
import { type CheckFailure, evaluateCluster, evaluateNamespace, INTERNAL_ERROR_DETAIL } from './evaluate';
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
