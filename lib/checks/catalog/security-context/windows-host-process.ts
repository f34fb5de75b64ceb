import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix } from '../../helpers/fixes';
import { containersOf } from '../../helpers/workloads';
import type { Check, JsonObject } from '../../types';

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
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const offending: string[] = [];
      const off = { securityContext: { windowsOptions: { hostProcess: false } } };
      const change: { pod?: JsonObject; containers: Map<string, JsonObject> } = { containers: new Map() };
      // The pod-level setting applies to every container that does not override it.
      if (hostProcessOf(workload.template.spec.securityContext)) {
        offending.push('the pod sets hostProcess: true');
        change.pod = off;
      }
      for (const container of containersOf(workload, { includeInit: true })) {
        if (!hostProcessOf(container.securityContext)) continue;
        offending.push(`container ${container.name} sets hostProcess: true`);
        change.containers.set(container.name, off);
      }
      if (offending.length === 0) return passFinding(workload.object, 'no Windows HostProcess container');
      // HostProcess pods must use the host network: a pod leaving HostProcess usually leaves it too.
      const fix = podPatchFix(workload, change, 'Runs the containers as ordinary Windows containers, isolated from the node.');
      return { ...failFinding(workload.object, `beyond the baseline Pod Security profile: ${offending.join('; ')}`), ...fix };
    });
  },
};
