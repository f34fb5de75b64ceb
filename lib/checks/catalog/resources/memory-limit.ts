import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container } from '../../../k8s/objects';
import { workloadFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { hasQuantity, runningContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

function hasMemoryLimit(container: Container): boolean {
  return hasQuantity(container.resources?.limits, 'memory');
}

export const memoryLimit: Check = {
  id: 'memory-limit',
  title: 'Containers have a memory limit',
  principle: 'resources',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Memory cannot be throttled: a container without a memory limit can grow until the node runs out, and the kernel then kills whatever it picks, often a neighbour.',
  remediation: {
    summary: 'Set resources.limits.memory on every container, usually equal to its memory request so the pod is never overcommitted.',
    snippet: `containers:
  - name: api
    resources:
      requests:
        memory: 256Mi
      limits:
        memory: 256Mi`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const missing = runningContainersOf(workload)
        .filter((container) => !hasMemoryLimit(container))
        .map((container) => container.name);
      const finding = workloadFinding(workload, missing, {
        pass: 'every container has a memory limit',
        fail: (names) => `no memory limit on container ${names}`,
      });
      if (missing.length === 0) return finding;
      const fix = containersPatchFix(
        workload,
        missing,
        { resources: { limits: { memory: '512Mi' } } },
        '512Mi is a starting point: set the limit a little above the app’s peak use, and never below its memory request.',
      );
      return { ...finding, ...fix };
    });
  },
};
