import { describe, expect, it } from 'vitest';
import type { Container, Probe } from '../../k8s/objects';
import { findingsFor, workloadFixture } from '../check-testing';
import { deepEqual, probeBehaviour, probesDistinct } from './probes-distinct';

function evaluate(containers: Container[], kind = 'Deployment') {
  return findingsFor(probesDistinct, [workloadFixture({ containers }, kind)]);
}

const ports = [{ name: 'http', containerPort: 8080 }];
const ready = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 };

describe('probes-distinct', () => {
  it('compares structurally, ignoring key order', () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });

  it('compares probes as the API server stores them', () => {
    const container: Container = { name: 'api', ports };
    const manifest = probeBehaviour({ httpGet: { port: 'http' } }, container);
    // What the API server returns for the same probe.
    const live = probeBehaviour(
      {
        httpGet: { path: '/', port: 8080, scheme: 'HTTP' },
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      } as Probe,
      container,
    );
    expect(manifest).toEqual(live);
  });

  it('warns when the liveness probe is the readiness probe', () => {
    const [finding] = evaluate([
      { name: 'api', ports, readinessProbe: ready, livenessProbe: { periodSeconds: 5, httpGet: { port: 'http', path: '/healthz' } } },
    ]);
    expect(finding?.status).toBe('warn');
    expect(finding?.message).toContain('container api');
  });

  it('passes when the endpoint or the thresholds differ', () => {
    expect(evaluate([{ name: 'api', readinessProbe: ready, livenessProbe: { ...ready, periodSeconds: 10 } }])[0]?.status).toBe('pass');
    expect(
      evaluate([{ name: 'api', readinessProbe: ready, livenessProbe: { ...ready, httpGet: { path: '/livez', port: 8080 } } }])[0]?.status,
    ).toBe('pass');
    expect(
      evaluate([{ name: 'api', readinessProbe: { exec: { command: ['ready'] } }, livenessProbe: { exec: { command: ['live'] } } }])[0]
        ?.status,
    ).toBe('pass');
  });

  it('has nothing to grade without a container holding both probes', () => {
    expect(evaluate([{ name: 'api', readinessProbe: ready }])).toEqual([]);
    expect(evaluate([{ name: 'job', readinessProbe: ready, livenessProbe: ready }], 'Job')).toEqual([]);
  });
});
