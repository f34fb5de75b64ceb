import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { containersNamed, containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';
import { rootReason } from './root';

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
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const byReason = new Map<string, string[]>();
      for (const container of containersOf(workload, { includeInit: true })) {
        const reason = rootReason(container, workload.template.spec);
        if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), container.name]);
      }
      if (byReason.size === 0) return passFinding(workload.object, 'every container runs as a non-root user');
      const parts = [...byReason].map(([reason, names]) => `${containersNamed(names)} (${reason})`);
      const fix = containersPatchFix(
        workload,
        [...byReason.values()].flat(),
        { securityContext: { runAsNonRoot: true, runAsUser: 65532 } },
        'Runs the containers as a non-root user; 65532 is the nonroot user of distroless images: use the user your image is built for.',
      );
      return { ...failFinding(workload.object, `may run as root: ${parts.join('; ')}`), ...fix };
    });
  },
};
