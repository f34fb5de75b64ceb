import { describe, expect, it } from 'vitest';
import type { Container } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { probePortDeclared, probePortProblem } from './probe-port-declared';

const api: Container = { name: 'api', ports: [{ name: 'http', containerPort: 8080 }] };
const exporter: Container = { name: 'exporter', ports: [{ name: 'metrics', containerPort: 9100 }] };

describe('probe-port-declared', () => {
  it('resolves a named port among the probed container’s own ports only', () => {
    expect(probePortProblem(api, [api, exporter], 'readiness', 'http')).toBeUndefined();
    expect(probePortProblem(api, [api, exporter], 'readiness', 'metrics')).toEqual({
      status: 'fail',
      message:
        'readiness probe of container api uses port name metrics, which it does not declare (container exporter does; the kubelet only looks at the probed container), so it fails on every attempt',
    });
    expect(probePortProblem(api, [api], 'liveness', 'grpc')?.status).toBe('fail');
  });

  it('needs no declaration for a number, and notes it', () => {
    expect(probePortProblem(api, [api], 'readiness', 8080)).toBeUndefined();
    expect(probePortProblem(api, [api], 'readiness', '8080')).toBeUndefined();
    expect(probePortProblem(api, [api], 'readiness', 9000)).toEqual({
      status: 'pass',
      message: 'readiness probe of container api uses port 9000, which it does not list in ports (allowed)',
    });
  });

  it('warns when a number is another container’s port, which the probe then checks instead', () => {
    expect(probePortProblem(api, [api, exporter], 'liveness', 9100)).toEqual({
      status: 'warn',
      message: 'liveness probe of container api uses port 9100, which container exporter declares: it checks exporter, not api',
    });
  });

  it('passes a workload whose probes use undeclared numbers, saying so', () => {
    const findings = findingsFor(probePortDeclared, [
      workloadFixture({ containers: [{ name: 'api', image: 'a:1.0.0', readinessProbe: { httpGet: { path: '/', port: 8080 } } }] }),
    ]);
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      [
        'pass',
        'every named probe port is declared by its container; readiness probe of container api uses port 8080, which it does not list in ports (allowed)',
      ],
    ]);
  });
});
