import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { firstSetKey } from '../../helpers/workloads';
import type { Check } from '../../types';

export const ownershipAnnotations: Check = {
  id: 'ownership-annotations',
  title: 'Workloads record their owning team',
  principle: 'annotations',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'When a workload misbehaves at night, the on-call engineer needs to know which team owns it without digging through repositories and CI logs.',
  remediation: {
    summary: 'Annotate the workload with its owning team (how to reach them is owner-contact-annotation’s concern).',
    snippet: `metadata:
  annotations:
    shipshape.dev/owner: team-payments`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/',
  evaluate({ namespace, config }) {
    return namespace.workloads.map((workload) => {
      const owner = firstSetKey(config.ownerAnnotationKeys, workload.object.metadata.annotations);
      if (owner) return passFinding(workload.object, `owned by ${owner.value} (${owner.key})`);
      return failFinding(
        workload.object,
        `${workload.kind} ${workload.name} has no owner annotation (one of ${config.ownerAnnotationKeys.join(', ')})`,
        'warn',
      );
    });
  },
};
