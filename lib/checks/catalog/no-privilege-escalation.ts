import type { Container } from '../../k8s/objects';
import { WORKLOAD_KINDS } from '../../k8s/objects';
import type { Check } from '../types';
import { containersOf, failFinding, passFinding } from '../workload-helpers';

/** Capabilities that amount to (or open the way to) root on the node. */
const DANGEROUS_CAPABILITIES = new Set(['SYS_ADMIN', 'NET_ADMIN', 'ALL']);

/** What lets this container gain privileges, empty when nothing does. */
function escalationProblems(container: Container): string[] {
  const context = container.securityContext;
  const problems: string[] = [];
  if (context?.privileged === true) problems.push('privileged');
  else if (context?.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation is not false');
  const added = (context?.capabilities?.add ?? []).map((capability) => capability.toUpperCase().replace(/^CAP_/, ''));
  const dangerous = [...new Set(added.filter((capability) => DANGEROUS_CAPABILITIES.has(capability)))];
  if (dangerous.length > 0) problems.push(`adds ${dangerous.join(', ')}`);
  return problems;
}

export const noPrivilegeEscalation: Check = {
  id: 'no-privilege-escalation',
  title: 'Containers cannot gain privileges',
  principle: 'security-context',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Unless allowPrivilegeEscalation is false, a setuid binary in the image can give a process more privileges than it started with; SYS_ADMIN, NET_ADMIN and ALL are close to root on the node.',
  remediation: {
    summary: 'Set allowPrivilegeEscalation: false on every container, drop all capabilities and add back only narrow ones the app needs.',
    snippet: `containers:
  - name: api
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"]`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const offending = containersOf(workload, { includeInit: true })
        .map((container) => ({ name: container.name, problems: escalationProblems(container) }))
        .filter((entry) => entry.problems.length > 0);
      if (offending.length === 0)
        return passFinding(workload.object, 'every container sets allowPrivilegeEscalation: false and adds no dangerous capability');
      return failFinding(
        workload.object,
        `can gain privileges: ${offending.map((entry) => `container ${entry.name} (${entry.problems.join(', ')})`).join('; ')}`,
      );
    });
  },
};
