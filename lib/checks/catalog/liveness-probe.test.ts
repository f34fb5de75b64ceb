import { describe, expect, it } from 'vitest';
import type { Container } from '../../k8s/objects';
import { findingsFor } from '../check-testing';
import { deepEqual, livenessProbe } from './liveness-probe';

function evaluate(containers: Container[], kind = 'Deployment') {
  return findingsFor(livenessProbe, [
    {
      apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
      kind,
      metadata: { name: 'api', namespace: 'fixture' },
      spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers } } },
    },
  ]);
}

const ready = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 };

describe('liveness-probe', () => {
  it('compares probes structurally, ignoring key order', () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });

  it('warns when the liveness probe is the readiness probe', () => {
    const [finding] = evaluate([
      { name: 'api', readinessProbe: ready, livenessProbe: { periodSeconds: 5, httpGet: { port: 8080, path: '/healthz' } } },
    ]);
    expect(finding?.status).toBe('warn');
    expect(finding?.message).toContain('api');
  });

  it('passes when only the thresholds differ', () => {
    expect(evaluate([{ name: 'api', readinessProbe: ready, livenessProbe: { ...ready, periodSeconds: 10 } }])[0]?.status).toBe('pass');
  });

  it('reports the worst container and names each', () => {
    const [finding] = evaluate([
      { name: 'api', readinessProbe: ready, livenessProbe: ready },
      { name: 'proxy', readinessProbe: ready },
    ]);
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toMatch(/proxy.*api/);
  });

  it('ignores run-to-completion workloads', () => {
    expect(evaluate([{ name: 'job' }], 'Job')).toEqual([]);
  });
});
