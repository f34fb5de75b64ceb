import { containerStatusesOf, observedPods, podFinding } from '../../helpers/pod-status';
import type { Check } from '../../types';
import { FAILING_WAIT_REASONS } from './waiting-reasons';

/** Kubelet messages can be long (a whole pull error); the page needs the gist. */
const MAX_DETAIL = 200;

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

export const podCrashLooping: Check = {
  id: 'pod-crash-looping',
  title: 'No containers are crash-looping or failing to start',
  principle: 'live-health',
  severity: 'major',
  basis: 'observed',
  targets: ['Pod'],
  reads: ['Pod'],
  rationale:
    'A container in CrashLoopBackOff, ImagePullBackOff or a configuration error is not serving at all, and the kubelet waits longer before each new attempt.',
  remediation: {
    summary:
      'Read the waiting reason: fix the image reference or pull secret for pull errors, the missing ConfigMap or Secret for configuration errors, and the crash itself (kubectl logs --previous) for CrashLoopBackOff.',
    snippet: `spec:
  imagePullSecrets:
    - name: registry-credentials
  containers:
    - name: api
      image: registry.example.com/shop/api:1.4.2
      envFrom:
        - configMapRef:
            name: api-config`,
  },
  docs: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/',
  evaluate({ namespace }) {
    return observedPods(namespace).flatMap((observed) => {
      const containers = containerStatusesOf(observed.status);
      if (containers.length === 0) return [];
      const failing = containers.flatMap((container) => {
        const waiting = container.state?.waiting;
        if (!waiting?.reason || !FAILING_WAIT_REASONS.has(waiting.reason)) return [];
        const detail = waiting.message ? `: ${clip(waiting.message)}` : '';
        return [`container ${container.name} is waiting in ${waiting.reason}${detail}`];
      });
      if (failing.length === 0) return [podFinding(observed, namespace, 'pass', 'every container started')];
      return [podFinding(observed, namespace, 'fail', failing.join('; '))];
    });
  },
};
