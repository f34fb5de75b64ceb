import { workloadFinding } from '../../findings';
import { containersOf, isLongRunning } from '../../helpers/workloads';
import type { Check } from '../../types';

export const livenessProbe: Check = {
  id: 'liveness-probe',
  title: 'Containers have a liveness probe',
  principle: 'probes',
  severity: 'major',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  rationale:
    'A liveness probe lets the kubelet restart a container that is stuck but still running (deadlocked, out of threads), which otherwise keeps its place and serves nothing until someone notices.',
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
    // Whether the liveness probe differs from the readiness probe is probes-distinct's question.
    return namespace.workloads.filter(isLongRunning).map((workload) => {
      const missing = containersOf(workload)
        .filter((container) => !container.livenessProbe)
        .map((container) => container.name);
      return workloadFinding(workload, missing, {
        pass: 'every container has a liveness probe',
        fail: (names) => `no liveness probe on container ${names}`,
      });
    });
  },
};
