import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { firstSetKey } from '../../helpers/workloads';
import type { Check } from '../../types';

export const versionAnnotation: Check = {
  id: 'version-annotation',
  title: 'Workloads record the version they run',
  principle: 'annotations',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'An image tag is not always a release version, and a digest never reads like one; a version label or annotation tells a responder at a glance what is running and what to roll back to.',
  remediation: {
    summary: 'Label the workload and its pod template with app.kubernetes.io/version (set by the release pipeline), so pods carry it too.',
    snippet: `metadata:
  labels:
    app.kubernetes.io/version: "1.4.2"
spec:
  template:
    metadata:
      labels:
        app.kubernetes.io/version: "1.4.2"`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/',
  evaluate({ namespace, config }) {
    return namespace.workloads.map((workload) => {
      const { labels, annotations } = workload.object.metadata;
      const template = workload.template.metadata;
      const version = firstSetKey(config.versionKeys, labels, annotations, template?.labels, template?.annotations);
      if (version) return passFinding(workload.object, `version ${version.value} (${version.key})`);
      return failFinding(workload.object, `no version label or annotation (one of ${config.versionKeys.join(', ')})`, 'warn');
    });
  },
};
