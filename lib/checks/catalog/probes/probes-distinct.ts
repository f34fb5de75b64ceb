import type { Container, Probe } from '../../../k8s/objects';
import { resolveContainerPort } from '../../../k8s/semantics';
import { failFinding, passFinding } from '../../findings';
import { isLongRunning, runningContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

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
 * What a probe checks, as the API server stores it: the handler with its defaults (path `/`,
 * scheme HTTP, a named port resolved to its number). HTTP headers are left out: a probe that
 * differs only in a header hits the same endpoint and fails when it fails. Undefined for a probe
 * without a handler.
 */
export function probeHandler(probe: Probe, container: Container): Record<string, unknown> | undefined {
  const fields = probe as ProbeFields;
  const port = (value: number | string | undefined) => resolveContainerPort(container, value) ?? value;
  if (fields.httpGet) {
    const { host, scheme, path } = fields.httpGet;
    return { httpGet: { host: host ?? '', scheme: (scheme || 'HTTP').toUpperCase(), path: path || '/', port: port(fields.httpGet.port) } };
  }
  if (fields.tcpSocket) return { tcpSocket: { host: fields.tcpSocket.host ?? '', port: port(fields.tcpSocket.port) } };
  if (fields.grpc) return { grpc: { port: fields.grpc.port, service: fields.grpc.service ?? '' } };
  if (fields.exec) return { exec: { command: fields.exec.command ?? [] } };
  return undefined;
}

/** How long a probe takes, from its first failure, to act on a running pod: failureThreshold × periodSeconds (defaults 3 and 10). */
export function failureWindowSeconds(probe: Probe): number {
  const fields = probe as ProbeFields;
  return (fields.failureThreshold || 3) * (fields.periodSeconds || 10);
}

/**
 * What decides when a probe fails, as the API server stores it: the handler (probeHandler) and
 * the failure timings with their defaults (timeout 1s, period 10s, threshold 3). A manifest and its
 * live object compare the same.
 */
export function probeBehaviour(probe: Probe, container: Container): Record<string, unknown> {
  const fields = probe as ProbeFields;
  return {
    ...probeHandler(probe, container),
    initialDelaySeconds: fields.initialDelaySeconds || 0,
    timeoutSeconds: fields.timeoutSeconds || 1,
    periodSeconds: fields.periodSeconds || 10,
    failureThreshold: fields.failureThreshold || 3,
  };
}

const MAX_COMMAND_SHOWN = 60;

/** A handler in a few words for messages: `httpGet /healthz on port 8080`, `exec /bin/check --live`. */
function describeHandler(handler: Record<string, unknown>): string {
  const http = handler.httpGet as { host: string; scheme: string; path: string; port: unknown } | undefined;
  if (http)
    return `httpGet ${http.scheme === 'HTTPS' ? 'https ' : ''}${http.path} on port ${String(http.port)}${http.host ? ` of ${http.host}` : ''}`;
  const tcp = handler.tcpSocket as { host: string; port: unknown } | undefined;
  if (tcp) return `tcpSocket on port ${String(tcp.port)}${tcp.host ? ` of ${tcp.host}` : ''}`;
  const grpc = handler.grpc as { port: unknown; service: string } | undefined;
  if (grpc) return `grpc on port ${String(grpc.port)}${grpc.service ? ` (service ${grpc.service})` : ''}`;
  const command = ((handler.exec as { command: unknown[] } | undefined)?.command ?? []).map(String).join(' ');
  return `exec ${command.length > MAX_COMMAND_SHOWN ? `${command.slice(0, MAX_COMMAND_SHOWN)}…` : command}`;
}

/**
 * Why a container's liveness probe fails together with its readiness probe, or undefined when
 * it does not: both check the same thing (probeHandler) and liveness gives up no later than
 * readiness once the pod runs, so every spell of "not ready" also restarts the container. The
 * initial delays only shift the first checks after a start (a startup probe's business); they
 * change nothing for a running pod, and are not weighed.
 */
export function sharedFailureReason(container: Container): string | undefined {
  const { livenessProbe: liveness, readinessProbe: readiness } = container;
  if (!liveness || !readiness) return undefined;
  const handler = probeHandler(liveness, container);
  if (!handler || !deepEqual(handler, probeHandler(readiness, container))) return undefined;
  const live = failureWindowSeconds(liveness);
  const ready = failureWindowSeconds(readiness);
  if (live > ready) return undefined;
  const when =
    live === ready ? `as soon as readiness does (after ${live}s)` : `before readiness does (after ${live}s, readiness ${ready}s)`;
  return `container ${container.name}: liveness checks what readiness checks (${describeHandler(handler)}) and gives up ${when}`;
}

export const probesDistinct: Check = {
  id: 'probes-distinct',
  title: 'Liveness and readiness probes do not fail together',
  principle: 'probes',
  severity: 'minor',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  rationale:
    'Readiness answers "can I take traffic now?", liveness "am I beyond repair?". When liveness checks the same endpoint (headers aside) and gives up no later than readiness, every moment a pod is not ready (a slow dependency, a burst of load) also restarts it, and a brief outage turns into a restart storm.',
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
      const shared = both.flatMap((container) => sharedFailureReason(container) ?? []);
      if (shared.length === 0)
        return [
          passFinding(
            workload.object,
            'on every container with both probes, liveness checks something else or waits longer than readiness before it acts',
          ),
        ];
      return [failFinding(workload.object, shared.join('; '), 'warn')];
    });
  },
};
