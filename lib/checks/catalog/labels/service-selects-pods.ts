import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { mapSelectorMatches } from '../../../k8s/selectors';
import { failFinding, passFinding } from '../../findings';
import { podLabelsOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

export const serviceSelectsPods: Check = {
  id: 'service-selects-pods',
  title: 'Services select the pods they are meant to',
  principle: 'labels',
  severity: 'major',
  targets: ['Service'],
  reads: ['Service', ...WORKLOAD_KINDS],
  rationale:
    'A Service whose selector matches no pod template has no endpoints: clients get connection refused, usually because of a typo or a label renamed on one side only.',
  remediation: {
    summary:
      'Make the Service selector a subset of the pod template labels of the workload it fronts (the app.kubernetes.io/name label is a good key).',
    snippet: `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app.kubernetes.io/name: api  # must match spec.template.metadata.labels of the Deployment
  ports:
    - port: 80
      targetPort: http`,
  },
  docs: 'https://kubernetes.io/docs/concepts/services-networking/service/',
  evaluate({ namespace }) {
    const findings: ObjectFinding[] = [];
    for (const service of objectsOf(namespace, 'Service')) {
      const spec = service.spec ?? {};
      if (spec.type === 'ExternalName') continue;
      const selector = spec.selector;
      if (!selector || Object.keys(selector).length === 0) continue;
      const matched = namespace.workloads.filter((workload) => mapSelectorMatches(selector, podLabelsOf(workload)));
      const wanted = Object.entries(selector)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ');
      if (matched.length === 0) {
        findings.push(failFinding(service, `selects no pods: no workload has labels ${wanted} on its pod template`));
      } else {
        findings.push(passFinding(service, `selects pods of ${matched.map((workload) => `${workload.kind} ${workload.name}`).join(', ')}`));
      }
    }
    return findings;
  },
};
