import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, namespaceSubject, passFinding } from '../../findings';
import { manifestFix } from '../../helpers/fixes';
import type { Check } from '../../types';

export const namespaceResourceQuota: Check = {
  id: 'namespace-resource-quota',
  title: 'Namespace has a ResourceQuota',
  principle: 'namespaces',
  severity: 'major',
  targets: ['Namespace'],
  reads: ['ResourceQuota', ...WORKLOAD_KINDS],
  rationale:
    'A namespace is the unit of resource allocation: without a quota, one team’s runaway deployment can take the capacity every other namespace relies on.',
  remediation: {
    summary: 'Give the namespace a ResourceQuota that caps CPU, memory and object counts at what the team was allocated.',
    snippet: `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: payments
spec:
  hard:
    requests.cpu: "8"
    requests.memory: 16Gi
    limits.memory: 24Gi
    pods: "50"`,
  },
  docs: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
  fixes: true,
  evaluate({ namespace }) {
    // An empty namespace has nothing to allocate yet: not applicable, rather than a finding that grades it.
    if (namespace.workloads.length === 0) return [];
    const subject = namespaceSubject(namespace);
    const quotas = objectsOf(namespace, 'ResourceQuota');
    if (quotas.length === 0) {
      const fix = manifestFix(
        {
          apiVersion: 'v1',
          kind: 'ResourceQuota',
          metadata: { name: 'compute', namespace: namespace.name },
          spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', pods: '50' } },
        },
        'Caps what the namespace may take; the values are a starting point: size them to what its apps request, with room for a rollout.',
      );
      return [{ ...failFinding(subject, 'no ResourceQuota in this namespace'), ...fix }];
    }
    return [passFinding(subject, `quota ${quotas.map((quota) => quota.metadata.name).join(', ')}`)];
  },
};
