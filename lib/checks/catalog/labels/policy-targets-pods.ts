import { objectsOf } from '../../../inventory';
import { emptyBudgetSelectorSelectsNothing } from '../../../k8s/api-versions';
import { type KnownKind, WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { KubeObject, LabelSelector } from '../../../k8s/objects';
import { describeSelector, isEmptySelector, selectorMatches } from '../../../k8s/selectors';
import { failFinding, passFinding } from '../../findings';
import { networkPolicySpecOf } from '../../helpers/network-policy';
import { type PodSource, podSourcesOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

/** Kinds an HPA can scale that Shipshape reads; a target of another kind (an Argo Rollout, say) cannot be checked. */
const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet'] as const satisfies readonly KnownKind[];

function isScalableKind(kind: string): kind is (typeof SCALABLE_KINDS)[number] {
  return (SCALABLE_KINDS as readonly string[]).includes(kind);
}

function named(sources: readonly PodSource[]): string {
  return sources.map((source) => `${source.kind} ${source.name}`).join(', ');
}

/** A finding for a selector-based policy: which pods it selects, if any. */
function selectorFinding(policy: KubeObject, selector: LabelSelector, sources: readonly PodSource[], what: string): ObjectFinding {
  if (isEmptySelector(selector)) return passFinding(policy, `selects every pod in the namespace (${what} {})`);
  const matched = sources.filter((source) => selectorMatches(selector, source.labels));
  const described = describeSelector(selector);
  if (matched.length === 0)
    return failFinding(policy, `${what} ${described} matches no pod template in this namespace, so it applies to nothing`);
  return passFinding(policy, `${what} ${described} selects pods of ${named(matched)}`);
}

export const policyTargetsPods: Check = {
  id: 'policy-targets-pods',
  title: 'Disruption budgets, network policies and autoscalers target something',
  principle: 'labels',
  severity: 'major',
  targets: ['PodDisruptionBudget', 'NetworkPolicy', 'HorizontalPodAutoscaler'],
  reads: ['PodDisruptionBudget', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'ReplicaSet', ...WORKLOAD_KINDS],
  rationale:
    'A budget, policy or autoscaler whose selector or target matches nothing looks like protection in review but does nothing: usually a label renamed on one side, or a workload renamed without its HPA.',
  remediation: {
    summary:
      'Point the selector at labels the pod template carries (podSelector: {} for the whole namespace), and the HPA’s scaleTargetRef at the workload’s kind and current name.',
    snippet: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: api  # as in the Deployment's spec.template.metadata.labels`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  evaluate({ namespace }) {
    const sources = podSourcesOf(namespace);
    const findings: ObjectFinding[] = [];
    for (const pdb of objectsOf(namespace, 'PodDisruptionBudget')) {
      const selector = (pdb.spec as { selector?: LabelSelector | null } | undefined)?.selector;
      // policy/v1: a missing (null) selector selects no pods, an empty one selects them all.
      if (!selector) findings.push(failFinding(pdb, 'has no selector, so it selects no pods'));
      else if (emptyBudgetSelectorSelectsNothing(pdb.apiVersion) && isEmptySelector(selector))
        findings.push(
          failFinding(pdb, `has an empty selector, which ${pdb.apiVersion} reads as selecting no pods (policy/v1 reads it as every pod)`),
        );
      else findings.push(selectorFinding(pdb, selector, sources, 'selector'));
    }
    for (const policy of objectsOf(namespace, 'NetworkPolicy')) {
      // podSelector is required; an absent one is stored as {} and, like {}, selects every pod.
      const selector = networkPolicySpecOf(policy).podSelector ?? {};
      findings.push(selectorFinding(policy, selector, sources, 'podSelector'));
    }
    for (const hpa of objectsOf(namespace, 'HorizontalPodAutoscaler')) {
      const target = hpa.spec?.scaleTargetRef;
      if (!target?.kind || !target.name || !isScalableKind(target.kind)) continue;
      const exists = objectsOf(namespace, target.kind).some((object) => object.metadata.name === target.name);
      if (exists) findings.push(passFinding(hpa, `scales ${target.kind} ${target.name}`));
      else findings.push(failFinding(hpa, `scaleTargetRef names ${target.kind} ${target.name}, which does not exist in this namespace`));
    }
    return findings;
  },
};
