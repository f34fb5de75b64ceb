import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

/**
 * Why this container can gain privileges, or undefined when it cannot. Added capabilities are
 * graded by dangerous-capabilities; this check is about the no_new_privs flag alone.
 */
function escalationProblem(container: Container): string | undefined {
  const context = container.securityContext;
  if (context?.privileged === true) return 'privileged';
  if (context?.allowPrivilegeEscalation === true) return 'allowPrivilegeEscalation is true';
  // Unset means allowed: the kubelet sets no_new_privs only for an explicit false.
  if (context?.allowPrivilegeEscalation !== false) return 'allowPrivilegeEscalation is not set to false';
  return undefined;
}

export const noPrivilegeEscalation: Check = {
  id: 'no-privilege-escalation',
  title: 'Containers cannot gain privileges',
  principle: 'security-context',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Unless allowPrivilegeEscalation is false, a setuid binary or file capability in the image can give a process more privileges than it started with; privileged containers can always escalate.',
  remediation: {
    summary:
      'Set allowPrivilegeEscalation: false on every container (init containers included); it costs nothing to an app that does not run setuid tools.',
    snippet: `containers:
  - name: api
    securityContext:
      allowPrivilegeEscalation: false`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const escalating = containersOf(workload, { includeInit: true }).flatMap((container) => {
        const problem = escalationProblem(container);
        return problem ? [{ name: container.name, problem }] : [];
      });
      if (escalating.length === 0) return passFinding(workload.object, 'every container sets allowPrivilegeEscalation: false');
      const offending = escalating.map(({ name, problem }) => `container ${name} (${problem})`);
      const fix = containersPatchFix(
        workload,
        escalating.map(({ name }) => name),
        { securityContext: { allowPrivilegeEscalation: false } },
        'Stops the processes from gaining more privileges than they start with (setuid binaries, file capabilities).',
      );
      return { ...failFinding(workload.object, `can gain privileges: ${offending.join('; ')}`), ...fix };
    });
  },
};
