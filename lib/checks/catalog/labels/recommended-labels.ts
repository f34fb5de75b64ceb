import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { labelsPatchFix } from '../../helpers/fixes';
import { podLabelsOf } from '../../helpers/workloads';
import type { Check } from '../../types';

const NAME_LABEL = 'app.kubernetes.io/name';

export const recommendedLabels: Check = {
  id: 'recommended-labels',
  title: 'Workloads carry the recommended app.kubernetes.io/name label',
  principle: 'labels',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'The recommended app.kubernetes.io labels let selectors, dashboards and tools group a workload and its pods the same way everywhere, instead of guessing from ad-hoc labels.',
  remediation: {
    summary: 'Label the workload and its pod template with app.kubernetes.io/name (and, ideally, the other recommended labels).',
    snippet: `metadata:
  labels:
    app.kubernetes.io/name: api
    app.kubernetes.io/part-of: payments
spec:
  template:
    metadata:
      labels:
        app.kubernetes.io/name: api`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const missing: string[] = [];
      if (!workload.object.metadata.labels?.[NAME_LABEL]) missing.push(workload.kind === 'Pod' ? 'the pod labels' : 'the workload labels');
      // A bare Pod is its own template: its labels were looked at above.
      if (workload.kind !== 'Pod' && !podLabelsOf(workload)[NAME_LABEL]) missing.push('the pod template labels');
      if (missing.length === 0) return passFinding(workload.object, `${NAME_LABEL} is set on the workload and its pods`);
      const fix = labelsPatchFix(
        workload,
        { [NAME_LABEL]: workload.name },
        `Names the app after the ${workload.kind.toLowerCase()}; where several workloads make one app, use the app’s name and tell them apart with app.kubernetes.io/component.`,
      );
      return { ...failFinding(workload.object, `${NAME_LABEL} is missing from ${missing.join(' and ')}`, 'warn'), ...fix };
    });
  },
};
