import type { Container, PodSpec } from '../../../k8s/objects';
import { WORKLOAD_KINDS } from '../../../k8s/objects';
import type { Check } from '../../types';
import { containersNamed, containersOf, failFinding, passFinding } from '../../workload-helpers';

/**
 * Why a container may run as root, or undefined when it cannot. The container's
 * securityContext overrides the pod's, field by field; `runAsUser: 0` is root whatever
 * `runAsNonRoot` says (the kubelet then refuses to start it, which is no better).
 */
export function rootReason(container: Container, pod: PodSpec): string | undefined {
  const runAsUser = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  const runAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
  if (runAsUser === 0) return 'runAsUser is 0 (root)';
  if (typeof runAsUser === 'number' && runAsUser > 0) return undefined;
  if (runAsNonRoot === true) return undefined;
  return runAsNonRoot === false ? 'runAsNonRoot is false and no non-zero runAsUser' : 'neither runAsNonRoot: true nor a non-zero runAsUser';
}

/** The names of the containers that may run as root (see rootReason), and of the others. */
export function namesByRoot(containers: readonly Container[], pod: PodSpec): { asRoot: string[]; nonRoot: string[] } {
  const asRoot: string[] = [];
  const nonRoot: string[] = [];
  for (const container of containers) (rootReason(container, pod) ? asRoot : nonRoot).push(container.name);
  return { asRoot, nonRoot };
}

export const runAsNonRoot: Check = {
  id: 'run-as-non-root',
  title: 'Containers run as a non-root user',
  principle: 'security-context',
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A process running as root inside a container is one kernel or runtime bug away from being root on the node; most images run as root unless told otherwise.',
  remediation: {
    summary: 'Set runAsNonRoot: true and a non-zero runAsUser in the pod securityContext, and build the image with a non-root USER.',
    snippet: `spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 65532
    runAsGroup: 65532
  containers:
    - name: api
      securityContext:
        runAsNonRoot: true`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const byReason = new Map<string, string[]>();
      for (const container of containersOf(workload, { includeInit: true })) {
        const reason = rootReason(container, workload.template.spec);
        if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), container.name]);
      }
      if (byReason.size === 0) return passFinding(workload.object, 'every container runs as a non-root user');
      const parts = [...byReason].map(([reason, names]) => `${containersNamed(names)} (${reason})`);
      return failFinding(workload.object, `may run as root: ${parts.join('; ')}`);
    });
  },
};
