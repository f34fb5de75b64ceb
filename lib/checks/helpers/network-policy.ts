/** Reading NetworkPolicies: their spec, the directions they isolate and the pods they select. */
import type { KubeObject, LabelSelector } from '../../k8s/objects';
import { selectorMatches } from '../../k8s/selectors';

interface NetworkPolicySpec {
  podSelector?: LabelSelector | null;
  policyTypes?: string[] | null;
  ingress?: unknown[] | null;
  egress?: unknown[] | null;
}

export function networkPolicySpecOf(policy: KubeObject): NetworkPolicySpec {
  return (policy.spec ?? {}) as NetworkPolicySpec;
}

/**
 * The directions a NetworkPolicy isolates, as the API server defaults them: the listed
 * policyTypes; when the list is absent or empty, Ingress, plus Egress if it has egress rules.
 */
export function policyTypesOf(policy: KubeObject): ('Ingress' | 'Egress')[] {
  const spec = networkPolicySpecOf(policy);
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
    return (['Ingress', 'Egress'] as const).filter((type) => spec.policyTypes?.includes(type));
  }
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Does a NetworkPolicy select pods with these labels? `podSelector: {}` (or none at all) selects every pod of its namespace. */
export function policySelectsPods(policy: KubeObject, labels: Record<string, string> | undefined): boolean {
  return selectorMatches(networkPolicySpecOf(policy).podSelector ?? {}, labels);
}
