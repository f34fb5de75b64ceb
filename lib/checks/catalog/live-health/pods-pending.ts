import { conditionOf, containerStatusesOf, observedPods, podFinding } from '../../helpers/pod-status';
import type { Check } from '../../types';
import { FAILING_WAIT_REASONS } from './waiting-reasons';

export const podsPending: Check = {
  id: 'pods-pending',
  title: 'No pods are stuck pending',
  principle: 'live-health',
  severity: 'major',
  basis: 'observed',
  targets: ['Pod'],
  reads: ['Pod'],
  rationale:
    'A pending pod was accepted but is not running: usually no node has room for its requests, a volume cannot be bound, or its image cannot be pulled.',
  remediation: {
    summary:
      'Read the PodScheduled condition (kubectl describe pod): lower requests or add capacity for Insufficient cpu/memory, and check taints, node selectors and PersistentVolumeClaims the pod waits for.',
    snippet: `containers:
  - name: api
    resources:
      requests:
        cpu: 250m
        memory: 256Mi`,
  },
  docs: 'https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/',
  evaluate({ namespace }) {
    return observedPods(namespace).map((observed) => {
      const { status } = observed;
      if (status.phase !== 'Pending') return podFinding(observed, namespace, 'pass', `phase ${status.phase}`);
      const scheduled = conditionOf(status, 'PodScheduled');
      if (scheduled?.status !== 'True') {
        const why = [scheduled?.reason, scheduled?.message].filter(Boolean).join(': ');
        return podFinding(observed, namespace, 'fail', `pending, not scheduled${why ? ` (${why})` : ''}`);
      }
      // Scheduled and starting: usually a moment's work, unless a container cannot start at all.
      const waiting = containerStatusesOf(status).flatMap((container) =>
        container.state?.waiting?.reason ? [{ name: container.name, reason: container.state.waiting.reason }] : [],
      );
      const stuck = waiting.some((container) => FAILING_WAIT_REASONS.has(container.reason));
      const why = waiting.map((container) => `container ${container.name} ${container.reason}`).join(', ');
      return podFinding(observed, namespace, stuck ? 'fail' : 'warn', `pending on its node${why ? `: ${why}` : ''}`);
    });
  },
};
