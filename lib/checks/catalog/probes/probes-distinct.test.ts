import { describe, expect, it } from 'vitest';
import type { Container, Probe } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { deepEqual, probeBehaviour, probeHandler, probesDistinct } from './probes-distinct';

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

  it('takes probes differing only in headers for one probe', () => {
    const withHeader = (value: string) => ({ httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'X-Probe', value }] } });
    const [finding] = evaluate([{ name: 'api', readinessProbe: withHeader('ready'), livenessProbe: withHeader('live') }]);
    expect(finding?.status).toBe('warn');
    expect(finding?.message).toBe(
      'container api: liveness checks what readiness checks (httpGet /healthz on port 8080) and gives up as soon as readiness does (after 30s)',
    );
  });

  it('warns when liveness on the same handler gives up sooner, whatever its initial delay', () => {
    const tcp = { tcpSocket: { port: 'http' } };
    const [finding] = evaluate([
      {
        name: 'api',
        ports,
        readinessProbe: { ...tcp, periodSeconds: 10, failureThreshold: 3 } as Probe,
        livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 60, periodSeconds: 5, failureThreshold: 2 } as Probe,
      },
    ]);
    expect(finding?.status).toBe('warn');
    expect(finding?.message).toContain('tcpSocket on port 8080) and gives up before readiness does (after 10s, readiness 30s)');
  });

  it('tells handlers apart by what they check: path, port, scheme, host, gRPC service, command', () => {
    const container: Container = { name: 'api', ports };
    const same = (a: Probe, b: Probe) => deepEqual(probeHandler(a, container), probeHandler(b, container));
    expect(same({ httpGet: { path: '/a', port: 8080 } }, { httpGet: { path: '/b', port: 8080 } })).toBe(false);
    expect(same({ httpGet: { path: '/a', port: 8080 } }, { httpGet: { path: '/a', port: 8081 } })).toBe(false);
    expect(same({ httpGet: { port: 8080 } }, { httpGet: { port: 8080, scheme: 'HTTPS' } } as Probe)).toBe(false);
    expect(same({ httpGet: { port: 8080 } }, { httpGet: { port: 8080, host: '10.0.0.1' } } as Probe)).toBe(false);
    expect(same({ grpc: { port: 9090 } }, { grpc: { port: 9090, service: 'live' } } as Probe)).toBe(false);
    expect(same({ exec: { command: ['check', '--ready'] } }, { exec: { command: ['check', '--live'] } })).toBe(false);
    expect(same({ tcpSocket: { port: 8080 } }, { httpGet: { port: 8080 } })).toBe(false);
    expect(same({ httpGet: { port: 'http' } }, { httpGet: { port: 8080, path: '/', scheme: 'http' } } as Probe)).toBe(true);
  });

  it('passes a liveness probe on the same handler that waits longer than readiness', () => {
    const exec = { exec: { command: ['/healthcheck'] } };
    expect(evaluate([{ name: 'api', readinessProbe: exec, livenessProbe: { ...exec, failureThreshold: 6 } as Probe }])[0]?.status).toBe(
      'pass',
    );
  });

  it('has nothing to grade without a container holding both probes', () => {
    expect(evaluate([{ name: 'api', readinessProbe: ready }])).toEqual([]);
    expect(evaluate([{ name: 'job', readinessProbe: ready, livenessProbe: ready }], 'Job')).toEqual([]);
  });
});
