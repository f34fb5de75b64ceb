import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { policySelectsPods, policyTypesOf } from '../../helpers/network-policy';
import { podSourcesOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

const names = (list: readonly { metadata: { name: string } }[]) => list.map((item) => item.metadata.name).join(', ');

export const podsCoveredByNetworkPolicy: Check = {
  id: 'pods-covered-by-network-policy',
  title: 'Every workload’s pods are selected by a NetworkPolicy',
  principle: 'network',
  severity: 'major',
  targets: [...WORKLOAD_KINDS, 'ReplicaSet'],
  reads: ['NetworkPolicy', 'ReplicaSet', ...WORKLOAD_KINDS],
  rationale:
    'A pod no NetworkPolicy selects for Ingress is not isolated at all: it accepts connections from every pod in the cluster, whatever policies its neighbours have. One `podSelector: {}` policy covers every pod of the namespace.',
  remediation: {
    summary:
      'Add a default-deny policy for the namespace (podSelector: {}), or a policy whose podSelector matches this workload’s pod labels and lists who may connect.',
    snippet: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-ingress
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
      ports:
        - port: 8080`,
  },
  docs: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
  evaluate({ namespace }) {
    const policies = objectsOf(namespace, 'NetworkPolicy');
    return podSourcesOf(namespace).map((source): ObjectFinding => {
      const selecting = policies.filter((policy) => policySelectsPods(policy, source.labels));
      const ingress = selecting.filter((policy) => policyTypesOf(policy).includes('Ingress'));
      if (ingress.length > 0) return passFinding(source.object, `pods isolated for ingress by NetworkPolicy ${names(ingress)}`);
      if (selecting.length > 0)
        return failFinding(
          source.object,
          `pods selected only by egress policies (${names(selecting)}): inbound traffic is not restricted`,
          'warn',
        );
      return failFinding(source.object, 'no NetworkPolicy selects its pods: they accept traffic from every pod in the cluster');
    });
  },
};
