import { describe, expect, it } from 'vitest';
import type { Container } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { livenessProbe } from './liveness-probe';

function evaluate(containers: Container[], kind = 'Deployment') {
  return findingsFor(livenessProbe, [workloadFixture({ containers }, kind)]);
}

const ready = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 };

describe('liveness-probe', () => {
  it('passes a liveness probe even when it equals the readiness probe (probes-distinct grades that)', () => {
    expect(evaluate([{ name: 'api', readinessProbe: ready, livenessProbe: ready }])[0]?.status).toBe('pass');
  });

  it('names every container without a liveness probe', () => {
    const [finding] = evaluate([
      { name: 'api', readinessProbe: ready, livenessProbe: ready },
      { name: 'proxy', readinessProbe: ready },
      { name: 'agent' },
    ]);
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toBe('no liveness probe on container proxy, agent');
  });

  it('ignores run-to-completion workloads', () => {
    expect(evaluate([{ name: 'job' }], 'Job')).toEqual([]);
  });
});
