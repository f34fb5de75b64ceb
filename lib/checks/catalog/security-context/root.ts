/** Who a container runs as: the security-context principle's shared reading of runAsUser and runAsNonRoot. */
import type { Container, PodSpec } from '../../../k8s/objects';

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
