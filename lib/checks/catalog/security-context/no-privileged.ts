import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix } from '../../helpers/fixes';
import { containersNamed, containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const noPrivileged: Check = {
  id: 'no-privileged',
  title: 'No privileged containers or host namespaces',
  principle: 'security-context',
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A privileged container, or a pod sharing the node’s network, PID or IPC namespace, has direct access to the node: a compromise of the app is a compromise of the node.',
  remediation: {
    summary: 'Remove privileged: true and hostNetwork, hostPID and hostIPC; grant only the specific capabilities the app needs instead.',
    snippet: `spec:
  hostNetwork: false
  hostPID: false
  hostIPC: false
  containers:
    - name: api
      securityContext:
        privileged: false`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const spec = workload.template.spec;
      const problems: string[] = [];
      const privileged = containersOf(workload, { includeInit: true })
        .filter((container) => container.securityContext?.privileged === true)
        .map((container) => container.name);
      if (privileged.length > 0) problems.push(`privileged ${containersNamed(privileged)}`);
      const shared = HOST_NAMESPACES.filter((field) => spec[field] === true);
      if (shared.length > 0) problems.push(`pod uses ${shared.join(', ')}`);
      if (problems.length === 0) return passFinding(workload.object, 'no privileged container and no host network, PID or IPC namespace');
      const fix = podPatchFix(
        workload,
        {
          ...(shared.length > 0 ? { pod: Object.fromEntries(shared.map((field) => [field, false])) } : {}),
          containers: new Map(privileged.map((name) => [name, { securityContext: { privileged: false } }])),
        },
        'Turns off privileged mode and the host namespaces; grant the specific capabilities the app needs instead.',
      );
      return { ...failFinding(workload.object, problems.join('; ')), ...fix };
    });
  },
};
