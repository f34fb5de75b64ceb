import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import type { Check } from '../../types';

function missingKeys(required: readonly string[], present: Record<string, string> | undefined): string[] {
  return required.filter((key) => typeof present?.[key] !== 'string' || present[key].trim() === '');
}

export const requiredMetadata: Check = {
  id: 'required-metadata',
  title: 'Workloads carry the labels and annotations your organisation requires',
  principle: 'annotations',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Cost allocation, alert routing and compliance reports key on the labels and annotations your organisation agreed on; a workload without them falls out of every one of those views.',
  remediation: {
    summary:
      'Add the keys listed in the configuration’s requiredLabels and requiredAnnotations to the workload’s metadata (a Helm chart or Kustomize commonLabels can set them everywhere).',
    snippet: `metadata:
  labels:
    cost-center: cc-4711
  annotations:
    shipshape.dev/data-classification: internal`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/',
  evaluate({ namespace, config }) {
    // Nothing required, nothing to grade: not applicable rather than a pass.
    if (config.requiredLabels.length === 0 && config.requiredAnnotations.length === 0) return [];
    return namespace.workloads.map((workload) => {
      const { labels, annotations } = workload.object.metadata;
      const missingLabels = missingKeys(config.requiredLabels, labels);
      const missingAnnotations = missingKeys(config.requiredAnnotations, annotations);
      if (missingLabels.length === 0 && missingAnnotations.length === 0)
        return passFinding(workload.object, 'carries every required label and annotation');
      const parts: string[] = [];
      if (missingLabels.length > 0) parts.push(`label ${missingLabels.join(', ')}`);
      if (missingAnnotations.length > 0) parts.push(`annotation ${missingAnnotations.join(', ')}`);
      return failFinding(workload.object, `missing required ${parts.join(' and ')}`);
    });
  },
};
