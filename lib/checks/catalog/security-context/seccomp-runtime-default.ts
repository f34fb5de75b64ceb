import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container, PodSpec } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

/**
 * The seccomp profile type a container runs with: its own, else the pod's. Undefined when
 * neither sets one, which the kubelet runs Unconfined unless its SeccompDefault option is on.
 */
export function seccompTypeOf(container: Container, pod: PodSpec): string | undefined {
  return container.securityContext?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
}

export const seccompRuntimeDefault: Check = {
  id: 'seccomp-runtime-default',
  title: 'Containers run with a seccomp profile',
  principle: 'security-context',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Without a seccomp profile a container can make every system call the kernel offers, including the rarely used ones most container escapes rely on; the runtime’s default profile blocks them at no cost to ordinary apps.',
  remediation: {
    summary:
      'Set seccompProfile type RuntimeDefault (or a Localhost profile) in the pod securityContext, and remove any Unconfined override on containers.',
    snippet: `spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault`,
  },
  docs: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const unconfined: string[] = [];
      const unset: string[] = [];
      const offending: string[] = [];
      for (const container of containersOf(workload, { includeInit: true })) {
        const type = seccompTypeOf(container, workload.template.spec);
        if (type === undefined) unset.push(container.name);
        else if (!CONFINED.has(type)) unconfined.push(`${container.name} (${type})`);
        else continue;
        offending.push(container.name);
      }
      if (unconfined.length === 0 && unset.length === 0)
        return passFinding(workload.object, 'every container runs with the RuntimeDefault or a Localhost seccomp profile');
      const parts: string[] = [];
      if (unconfined.length > 0) parts.push(`seccomp explicitly disabled on container ${unconfined.join(', ')}`);
      if (unset.length > 0) parts.push(`no seccomp profile on container ${unset.join(', ')} (Unconfined by default)`);
      const fix = containersPatchFix(
        workload,
        offending,
        { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
        'Runs the containers under the container runtime’s default seccomp profile, which blocks the rarely needed, dangerous system calls.',
      );
      return { ...failFinding(workload.object, parts.join('; ')), ...fix };
    });
  },
};
