import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { KubeObject } from '../../../k8s/objects';
import { isEmptySelector } from '../../../k8s/selectors';
import { failFinding, namespaceSubject, passFinding } from '../../findings';
import { manifestFix } from '../../helpers/fixes';
import { networkPolicySpecOf, policyTypesOf } from '../../helpers/network-policy';
import type { Check } from '../../types';

/**
 * A default deny of inbound traffic: selects every pod (an empty podSelector, or none at all),
 * isolates Ingress (as the API server defaults policyTypes when they are absent or empty) and
 * allows nothing in (no ingress rules, or `ingress: []`; a rule `{}` would allow everything).
 */
export function isDefaultDenyIngress(policy: KubeObject): boolean {
  const spec = networkPolicySpecOf(policy);
  return isEmptySelector(spec.podSelector) && policyTypesOf(policy).includes('Ingress') && (spec.ingress ?? []).length === 0;
}

export const networkDefaultDeny: Check = {
  id: 'network-default-deny',
  title: 'Namespace denies inbound traffic by default',
  principle: 'network',
  severity: 'major',
  targets: ['Namespace'],
  reads: ['NetworkPolicy', ...WORKLOAD_KINDS],
  rationale:
    'Pods accept traffic from anywhere in the cluster until a NetworkPolicy selects them; a default deny makes every allowed path an explicit decision and contains a compromised neighbour.',
  remediation: {
    summary: 'Add a NetworkPolicy selecting all pods with no ingress rules, then allow each expected flow with its own policy.',
    snippet: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: payments
spec:
  podSelector: {}
  policyTypes:
    - Ingress`,
  },
  docs: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
  fixes: true,
  evaluate({ namespace }) {
    const subject: KubeObject = namespaceSubject(namespace);
    const fix = manifestFix(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny-ingress', namespace: namespace.name },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
      'Denies inbound traffic to every pod of the namespace; then allow each path the apps need with its own NetworkPolicy, or they stop receiving traffic.',
    );
    const policies = objectsOf(namespace, 'NetworkPolicy');
    if (policies.length === 0) {
      if (namespace.workloads.length === 0) return [];
      return [
        { ...failFinding(subject, 'no NetworkPolicy in this namespace: every pod accepts traffic from anywhere in the cluster'), ...fix },
      ];
    }
    const denies = policies.filter(isDefaultDenyIngress).map((policy) => policy.metadata.name);
    if (denies.length > 0)
      return [passFinding(subject, `NetworkPolicy ${denies.join(', ')} denies inbound traffic to all pods by default`)];
    return [
      {
        ...failFinding(
          subject,
          `${policies.length === 1 ? 'NetworkPolicy' : 'NetworkPolicies'} ${policies.map((policy) => policy.metadata.name).join(', ')} ${policies.length === 1 ? 'is not' : 'exist but none is'} a default deny of inbound traffic to all pods`,
          'warn',
        ),
        ...fix,
      },
    ];
  },
};
