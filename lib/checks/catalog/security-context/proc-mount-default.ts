import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

/** `procMount` is missing from the structural SecurityContext: only this check reads it. */
interface ProcMountContext {
  procMount?: unknown;
}

export const procMountDefault: Check = {
  id: 'proc-mount-default',
  title: 'Containers keep the default masked /proc',
  principle: 'security-context',
  // The baseline Pod Security standard forbids any procMount but Default, as it forbids privileged:
  // both are graded blocking, so a namespace enforcing baseline and Shipshape agree.
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'procMount: Unmasked exposes the parts of /proc the runtime hides (kernel tunables, other processes’ details), which is a step towards the node; the baseline Pod Security standard allows only Default.',
  remediation: {
    summary:
      'Remove procMount (or set it to Default); workloads that truly need an unmasked /proc, such as nested container builds, belong in a separate, privileged namespace.',
    snippet: `containers:
  - name: builder
    securityContext:
      procMount: Default`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const unmasked = containersOf(workload, { includeInit: true }).flatMap((container) => {
        const procMount = (container.securityContext as ProcMountContext | undefined)?.procMount;
        // Unset and Default are the same: the API server fills in Default.
        if (procMount === undefined || procMount === null || procMount === 'Default') return [];
        return [{ name: container.name, procMount }];
      });
      if (unmasked.length === 0) return passFinding(workload.object, 'every container keeps the default masked /proc');
      const offending = unmasked.map(({ name, procMount }) => `container ${name} sets procMount: ${String(procMount)}`);
      const fix = containersPatchFix(
        workload,
        unmasked.map(({ name }) => name),
        { securityContext: { procMount: 'Default' } },
        'Gives the containers the default, masked /proc.',
      );
      return { ...failFinding(workload.object, `beyond the baseline Pod Security profile: ${offending.join('; ')}`), ...fix };
    });
  },
};
