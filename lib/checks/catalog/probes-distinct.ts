import type { Container, Probe } from '../../k8s/objects';
import type { Check } from '../types';
import { containersNamed, failFinding, isLongRunning, passFinding, resolveContainerPort, runningContainersOf } from '../workload-helpers';

/** Structural equality of two JSON-like values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  const otherKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]));
}

interface ProbeFields {
  httpGet?: { host?: string; scheme?: string; path?: string; port?: number | string; httpHeaders?: unknown[] };
  tcpSocket?: { host?: string; port?: number | string };
  grpc?: { port?: number; service?: string };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

/**
 * What decides when a probe fails, as the API server stores it: the handler with its defaults
 * (path `/`, scheme HTTP, a named port resolved to its number) and the failure timings with
 * theirs (timeout 1s, period 10s, threshold 3). A manifest and its live object compare the same.
 */
export function probeBehaviour(probe: Probe, container: Container): Record<string, unknown> {
  const fields = probe as ProbeFields;
  const port = (value: number | string | undefined) => resolveContainerPort(container, value) ?? value;
  let handler: Record<string, unknown> = {};
  if (fields.httpGet) {
    const { host, scheme, path, httpHeaders } = fields.httpGet;
    handler = {
      httpGet: {
        host: host ?? '',
        scheme: scheme || 'HTTP',
        path: path || '/',
        port: port(fields.httpGet.port),
        httpHeaders: httpHeaders ?? [],
      },
    };
  } else if (fields.tcpSocket) {
    handler = { tcpSocket: { host: fields.tcpSocket.host ?? '', port: port(fields.tcpSocket.port) } };
  } else if (fields.grpc) {
    handler = { grpc: { port: fields.grpc.port, service: fields.grpc.service ?? '' } };
  } else if (fields.exec) {
    handler = { exec: { command: fields.exec.command ?? [] } };
  }
  return {
    ...handler,
    initialDelaySeconds: fields.initialDelaySeconds || 0,
    timeoutSeconds: fields.timeoutSeconds || 1,
    periodSeconds: fields.periodSeconds || 10,
    failureThreshold: fields.failureThreshold || 3,
  };
}

export const probesDistinct: Check = {
  id: 'probes-distinct',
  title: 'Liveness and readiness probes differ',
  principle: 'probes',
  severity: 'minor',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  rationale:
    'Readiness answers "can I take traffic now?", liveness "am I beyond repair?". When the two probes are identical, every moment a pod is not ready (a slow dependency, a burst of load) also counts towards restarting it, and a brief outage turns into a restart storm.',
  remediation: {
    summary:
      'Point the liveness probe at a cheaper endpoint that checks only the process, or at least give it a longer period or higher failureThreshold than the readiness probe.',
    snippet: `containers:
  - name: api
    readinessProbe:
      httpGet: { path: /healthz/ready, port: http }
      periodSeconds: 5
      failureThreshold: 3
    livenessProbe:
      httpGet: { path: /healthz/live, port: http }
      periodSeconds: 10
      failureThreshold: 6`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
  evaluate({ namespace }) {
    return namespace.workloads.filter(isLongRunning).flatMap((workload) => {
      const both = runningContainersOf(workload).filter((container) => container.livenessProbe && container.readinessProbe);
      // Only containers with both probes can have identical ones; the others are the presence checks' business.
      if (both.length === 0) return [];
      const identical = both
        .filter((container) =>
          deepEqual(
            probeBehaviour(container.livenessProbe as Probe, container),
            probeBehaviour(container.readinessProbe as Probe, container),
          ),
        )
        .map((container) => container.name);
      if (identical.length === 0)
        return [passFinding(workload.object, 'liveness and readiness probes differ on every container that has both')];
      return [failFinding(workload.object, `liveness probe identical to the readiness probe on ${containersNamed(identical)}`, 'warn')];
    });
  },
};
