import type { Check } from '../types';
import { containersOf, failFinding, isLongRunning, passFinding } from '../workload-helpers';

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

const label = (names: string[]) => `${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}`;

export const livenessProbe: Check = {
  id: 'liveness-probe',
  title: 'Containers have a liveness probe distinct from readiness',
  principle: 'probes',
  severity: 'major',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  rationale:
    'A liveness probe lets the kubelet restart a container that is stuck but still running; if it is the readiness probe, a slow dependency restarts healthy pods instead of just taking them out of rotation.',
  remediation: {
    summary:
      'Add a livenessProbe that checks only the process itself (not its dependencies), with a more tolerant threshold than the readiness probe.',
    snippet: `containers:
  - name: api
    readinessProbe:
      httpGet: { path: /healthz/ready, port: http }
      periodSeconds: 5
    livenessProbe:
      httpGet: { path: /healthz/live, port: http }
      periodSeconds: 10
      failureThreshold: 6`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  evaluate({ namespace }) {
    return namespace.workloads.filter(isLongRunning).map((workload) => {
      const missing: string[] = [];
      const sameAsReadiness: string[] = [];
      for (const container of containersOf(workload)) {
        if (!container.livenessProbe) missing.push(container.name);
        else if (container.readinessProbe && deepEqual(container.livenessProbe, container.readinessProbe))
          sameAsReadiness.push(container.name);
      }
      if (missing.length === 0 && sameAsReadiness.length === 0) {
        return passFinding(workload.object, 'every container has a liveness probe distinct from its readiness probe');
      }
      const parts: string[] = [];
      if (missing.length > 0) parts.push(`no liveness probe on ${label(missing)}`);
      if (sameAsReadiness.length > 0) parts.push(`liveness probe identical to the readiness probe on ${label(sameAsReadiness)}`);
      return failFinding(workload.object, parts.join('; '), missing.length > 0 ? 'fail' : 'warn');
    });
  },
};
