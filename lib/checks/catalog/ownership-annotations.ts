import { WORKLOAD_KINDS } from '../../k8s/objects';
import type { Check } from '../types';
import { failFinding, passFinding, podLabelsOf } from '../workload-helpers';

/** The first of `keys` set (non-empty) in any of `maps`, with its value. */
function firstSet(keys: readonly string[], ...maps: (Record<string, string> | undefined)[]): { key: string; value: string } | undefined {
  for (const key of keys) {
    for (const map of maps) {
      const value = map?.[key];
      if (typeof value === 'string' && value.trim() !== '') return { key, value };
    }
  }
  return undefined;
}

export const ownershipAnnotations: Check = {
  id: 'ownership-annotations',
  title: 'Workloads record their owner and version',
  principle: 'annotations',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'When a workload misbehaves at night, the on-call engineer needs to know which team owns it and which version is running without digging through CI logs.',
  remediation: {
    summary: 'Annotate the workload with its owning team and label it with the version it runs.',
    snippet: `metadata:
  labels:
    app.kubernetes.io/version: "1.4.2"
  annotations:
    shipshape.dev/owner: team-payments`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/',
  evaluate({ namespace, config }) {
    return namespace.workloads.map((workload) => {
      const { labels, annotations } = workload.object.metadata;
      const owner = firstSet(config.ownerAnnotationKeys, annotations);
      const version = firstSet(config.versionKeys, labels, annotations, podLabelsOf(workload));
      const missing: string[] = [];
      if (!owner) missing.push(`no owner annotation (one of ${config.ownerAnnotationKeys.join(', ')})`);
      if (!version) missing.push(`no version label or annotation (one of ${config.versionKeys.join(', ')})`);
      if (owner && version)
        return passFinding(workload.object, `owned by ${owner.value} (${owner.key}), version ${version.value} (${version.key})`);
      return failFinding(workload.object, `${workload.kind} ${workload.name} has ${missing.join(' and ')}`, 'warn');
    });
  },
};
