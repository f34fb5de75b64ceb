import { conditionOf, observedPods, podFinding } from '../../helpers/pod-status';
import type { Check } from '../../types';

export const podsNotReady: Check = {
  id: 'pods-not-ready',
  title: 'Running pods are ready',
  principle: 'live-health',
  severity: 'major',
  basis: 'observed',
  targets: ['Pod'],
  reads: ['Pod'],
  rationale:
    'A running pod that is not ready receives no traffic from its Services: the workload is serving with fewer replicas than it looks, or not at all.',
  remediation: {
    summary:
      'Find out why the readiness probe fails (kubectl describe pod shows the probe errors): a dependency that is down, a wrong path or port, or a probe stricter than the app can meet.',
    snippet: `containers:
  - name: api
    readinessProbe:
      httpGet:
        path: /healthz/ready
        port: http
      periodSeconds: 5
      failureThreshold: 3`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions',
  evaluate({ namespace }) {
    return observedPods(namespace).flatMap((observed) => {
      const { pod, status } = observed;
      // Pending pods are pods-pending's business; a pod being deleted is expected to drop out of readiness.
      if (status.phase !== 'Running' || pod.metadata.deletionTimestamp) return [];
      const ready = conditionOf(status, 'Ready');
      if (ready?.status === 'True') return [podFinding(observed, namespace, 'pass', 'running and ready')];
      const unready = (status.containerStatuses ?? []).filter((container) => container.ready === false).map((container) => container.name);
      const why = unready.length > 0 ? `container ${unready.join(', ')} not ready` : (ready?.reason ?? 'Ready condition is not True');
      return [podFinding(observed, namespace, 'fail', `running but not ready: ${why}`)];
    });
  },
};
