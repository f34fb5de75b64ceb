import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, namespaceSubject, passFinding } from '../../findings';
import { manifestFix } from '../../helpers/fixes';
import type { Check } from '../../types';

export const namespaceNetworkPolicyPresent: Check = {
  id: 'namespace-network-policy-present',
  title: 'Namespace has a NetworkPolicy',
  principle: 'no-defaults',
  // network-default-deny grades what the policies allow; this is the plain absence, so it weighs less.
  severity: 'minor',
  targets: ['Namespace'],
  reads: ['NetworkPolicy', ...WORKLOAD_KINDS],
  rationale:
    'Kubernetes’ default is that every pod may talk to every other pod in the cluster; until a NetworkPolicy exists in the namespace, nothing about its traffic has been decided.',
  remediation: {
    summary: 'Start with a default-deny NetworkPolicy for the namespace, then allow each expected flow explicitly.',
    snippet: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: payments
spec:
  podSelector: {}
  policyTypes: [Ingress]`,
  },
  docs: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  fixes: true,
  evaluate({ namespace }) {
    if (namespace.workloads.length === 0) return [];
    const subject = namespaceSubject(namespace);
    const policies = objectsOf(namespace, 'NetworkPolicy');
    if (policies.length === 0)
      return [
        {
          ...failFinding(subject, 'no NetworkPolicy in this namespace: the allow-all default applies to every pod'),
          ...manifestFix(
            {
              apiVersion: 'networking.k8s.io/v1',
              kind: 'NetworkPolicy',
              metadata: { name: 'default-deny-ingress', namespace: namespace.name },
              spec: { podSelector: {}, policyTypes: ['Ingress'] },
            },
            'Denies inbound traffic to every pod of the namespace; then allow each path the apps need with its own NetworkPolicy, or they stop receiving traffic.',
          ),
        },
      ];
    return [passFinding(subject, `NetworkPolicy ${policies.map((policy) => policy.metadata.name).join(', ')}`)];
  },
};
