import { workloadFinding } from '../../findings';
import { containersOf, isLongRunning } from '../../helpers/workloads';
import type { Check } from '../../types';

export const readinessProbe: Check = {
  id: 'readiness-probe',
  title: 'Containers have a readiness probe',
  principle: 'probes',
  severity: 'blocking',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  rationale:
    'Without a readiness probe a pod receives traffic as soon as its process starts, before it can answer, and keeps receiving it when it can no longer serve.',
  remediation: {
    summary: 'Add a readinessProbe to every long-running container, pointing at an endpoint that answers only when the app can serve.',
    snippet: `containers:
  - name: api
    readinessProbe:
      httpGet:
        path: /healthz/ready
        port: http
      periodSeconds: 5
      failureThreshold: 3`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  evaluate({ namespace }) {
    return namespace.workloads.filter(isLongRunning).map((workload) => {
      const missing = containersOf(workload)
        .filter((container) => !container.readinessProbe)
        .map((container) => container.name);
      return workloadFinding(workload, missing, {
        pass: 'every container has a readiness probe',
        fail: (names) => `no readiness probe on container ${names}`,
      });
    });
  },
};
