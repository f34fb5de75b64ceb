import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { firstSetKey } from '../../helpers/workloads';
import type { Check } from '../../types';

export const ownerContactAnnotation: Check = {
  id: 'owner-contact-annotation',
  title: 'Workloads say how to reach their owners',
  principle: 'annotations',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: ['Namespace', ...WORKLOAD_KINDS],
  rationale:
    'A team name is not a way to reach it: a chat channel, on-call rotation or e-mail on the workload (or its namespace) turns an incident into a page instead of a search.',
  remediation: {
    summary:
      'Annotate the workload, or once for all of them the namespace, with a contact: a chat channel, an on-call schedule or a mailing list.',
    snippet: `metadata:
  annotations:
    shipshape.dev/contact: "#payments-oncall"`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/',
  evaluate({ namespace, config }) {
    const namespaceAnnotations = namespace.namespaceObject?.metadata.annotations;
    return namespace.workloads.map((workload) => {
      const own = firstSetKey(config.contactAnnotationKeys, workload.object.metadata.annotations);
      if (own) return passFinding(workload.object, `contact ${own.value} (${own.key})`);
      const inherited = firstSetKey(config.contactAnnotationKeys, namespaceAnnotations);
      if (inherited) return passFinding(workload.object, `contact ${inherited.value} (${inherited.key} on namespace ${namespace.name})`);
      return failFinding(
        workload.object,
        `no contact annotation on the workload or its namespace (one of ${config.contactAnnotationKeys.join(', ')})`,
        'warn',
      );
    });
  },
};
