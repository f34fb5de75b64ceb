import { describe, expect, it } from 'vitest';
import { buildInventory } from '../inventory';
import { evaluateCluster } from './evaluate';

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
