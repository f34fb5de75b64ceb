import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { workloadFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { hasQuantity, runningContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

export const cpuLimit: Check = {
  id: 'cpu-limit',
  title: 'Containers have a CPU limit',
  principle: 'resources',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'CPU limits are debated: the kernel throttles a limited container even on an idle node, which hurts latency, while an unlimited one may take CPU that under-requesting neighbours counted on (its request still guarantees its own share). A missing limit is therefore a decision to make and record, not a failure.',
  remediation: {
    summary:
      'Either set resources.limits.cpu (generously, or equal to the request for Guaranteed QoS) or, for latency-sensitive apps with accurate requests, leave it out on purpose and waive this check.',
    snippet: `containers:
  - name: api
    resources:
      requests:
        cpu: 250m
        memory: 256Mi
      limits:
        cpu: "1"
        memory: 256Mi`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const missing = runningContainersOf(workload)
        .filter((container) => !hasQuantity(container.resources?.limits, 'cpu'))
        .map((container) => container.name);
      const finding = workloadFinding(
        workload,
        missing,
        {
          pass: 'every container has a CPU limit',
          fail: (names) => `no CPU limit on container ${names}: it may use any idle CPU on the node`,
        },
        'warn',
      );
      if (missing.length === 0) return finding;
      const fix = containersPatchFix(
        workload,
        missing,
        { resources: { limits: { cpu: '1' } } },
        'One CPU is a starting point: set the limit from the app’s measured use, and never below its CPU request.',
      );
      return { ...finding, ...fix };
    });
  },
};
