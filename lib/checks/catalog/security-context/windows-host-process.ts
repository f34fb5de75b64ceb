import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

/** `windowsOptions` is missing from the structural SecurityContext: only this check reads it. */
interface WindowsContext {
  windowsOptions?: { hostProcess?: unknown };
}

function hostProcessOf(context: unknown): boolean {
  return (context as WindowsContext | undefined)?.windowsOptions?.hostProcess === true;
}

export const windowsHostProcess: Check = {
  id: 'windows-host-process',
  title: 'No Windows HostProcess containers',
  principle: 'security-context',
  // The baseline Pod Security standard forbids hostProcess, as it forbids privileged containers.
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A Windows HostProcess container runs directly on the node as a host process, with the node’s network and file system: it is the Windows form of a privileged container, and the baseline Pod Security standard forbids it.',
  remediation: {
    summary:
      'Remove windowsOptions.hostProcess (pod and containers); node-level agents that need it belong in a separate, privileged namespace run by the platform team.',
    snippet: `spec:
  securityContext:
    windowsOptions:
      hostProcess: false
  hostNetwork: false`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const offending: string[] = [];
      // The pod-level setting applies to every container that does not override it.
      if (hostProcessOf(workload.template.spec.securityContext)) offending.push('the pod sets hostProcess: true');
      for (const container of containersOf(workload, { includeInit: true })) {
        if (hostProcessOf(container.securityContext)) offending.push(`container ${container.name} sets hostProcess: true`);
      }
      if (offending.length === 0) return passFinding(workload.object, 'no Windows HostProcess container');
      return failFinding(workload.object, `beyond the baseline Pod Security profile: ${offending.join('; ')}`);
    });
  },
};
