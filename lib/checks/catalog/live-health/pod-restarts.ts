import { type ContainerStatus, containerStatusesOf, observedPods, podFinding } from '../../helpers/pod-status';
import type { Check } from '../../types';

function describeRestarts(container: ContainerStatus): string {
  const count = container.restartCount ?? 0;
  const last = container.lastState?.terminated;
  const cause = last
    ? ` (last exit: ${[last.reason, last.exitCode === undefined ? undefined : `code ${last.exitCode}`].filter(Boolean).join(', ')})`
    : '';
  return `container ${container.name} restarted ${count} ${count === 1 ? 'time' : 'times'}${cause}`;
}

export const podRestarts: Check = {
  id: 'pod-restarts',
  title: 'Containers are not restarting',
  principle: 'live-health',
  severity: 'minor',
  basis: 'observed',
  targets: ['Pod'],
  reads: ['Pod'],
  rationale:
    'A container that keeps restarting is crashing, running out of memory or failing its liveness probe; each restart drops the requests it was serving.',
  remediation: {
    summary:
      'Read why the last run ended (kubectl describe pod, kubectl logs --previous): raise a memory limit that OOMKilled it, or give a slow start a startupProbe instead of a tighter liveness probe.',
    snippet: `containers:
  - name: api
    resources:
      limits:
        memory: 512Mi
    startupProbe:
      httpGet: { path: /healthz, port: http }
      failureThreshold: 30
      periodSeconds: 5`,
  },
  docs: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/',
  evaluate({ namespace, config }) {
    return observedPods(namespace).flatMap((observed) => {
      const containers = containerStatusesOf(observed.status);
      // No container has started yet (an unscheduled pod): nothing to count.
      if (containers.length === 0) return [];
      const restarts = (container: ContainerStatus) => container.restartCount ?? 0;
      const over = containers.filter((container) => restarts(container) > config.restartWarnThreshold);
      if (over.length === 0) {
        return [podFinding(observed, namespace, 'pass', `no container restarted more than ${config.restartWarnThreshold} times`)];
      }
      const status = over.some((container) => restarts(container) > config.restartFailThreshold) ? 'fail' : 'warn';
      return [podFinding(observed, namespace, status, over.map(describeRestarts).join('; '))];
    });
  },
};
