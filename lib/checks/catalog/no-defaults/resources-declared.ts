import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { hasSettings, limitRangesWithContainerDefaults, runningContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

export const resourcesDeclared: Check = {
  id: 'resources-declared',
  title: 'Containers declare resources, or the namespace supplies defaults',
  principle: 'no-defaults',
  // resource-requests already blocks on the missing requests; this weighs the reliance on defaults.
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'LimitRange'],
  rationale:
    'A container with no resources block and no LimitRange default runs as BestEffort: it may use a whole node, is evicted first, and nothing records what it was expected to need.',
  remediation: {
    summary:
      'Declare requests and limits on every container; as a safety net, give the namespace a LimitRange whose defaults apply to containers that forget.',
    snippet: `containers:
  - name: api
    resources:
      requests:
        cpu: 250m
        memory: 256Mi
      limits:
        memory: 256Mi`,
  },
  docs: 'https://kubernetes.io/docs/concepts/policy/limit-range/',
  fixes: true,
  evaluate({ namespace }) {
    const defaults = limitRangesWithContainerDefaults(namespace).map((range) => range.metadata.name);
    return namespace.workloads.flatMap((workload) => {
      const containers = runningContainersOf(workload);
      if (containers.length === 0) return [];
      // `resources: {}` is what the API server stores for "nothing declared".
      const bare = containers.filter((container) => !hasSettings(container.resources)).map((container) => container.name);
      if (bare.length === 0) return [passFinding(workload.object, 'every container declares its resources')];
      if (defaults.length > 0)
        return [
          passFinding(
            workload.object,
            `container ${bare.join(', ')} declares no resources; LimitRange ${defaults.join(', ')} supplies defaults`,
          ),
        ];
      const fix = containersPatchFix(
        workload,
        bare,
        { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } },
        'These values are a starting point: set requests from the app’s measured use and the memory limit a little above its peak.',
      );
      return [
        {
          ...failFinding(
            workload.object,
            `container ${bare.join(', ')} declares no resources and no LimitRange supplies defaults: ${bare.length === containers.length ? 'the pod runs as BestEffort' : 'nothing bounds what it uses'}`,
          ),
          ...fix,
        },
      ];
    });
  },
};
