import { objectsOf } from '../../../inventory';
import { emptyBudgetSelectorSelectsNothing } from '../../../k8s/api-versions';
import type { KubeObject, LabelSelector } from '../../../k8s/objects';
import { isEmptySelector, selectorMatches } from '../../../k8s/selectors';
import { resolveIntOrPercent } from '../../../k8s/semantics';
import { failFinding, passFinding } from '../../findings';
import { manifestFix, objectPatchFix, selectorLabelsOf } from '../../helpers/fixes';
import { podLabelsOf } from '../../helpers/workloads';
import type { Check } from '../../types';
import { minimumReplicas } from './replicas';

interface PdbSpec {
  selector?: LabelSelector | null;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

/**
 * Does the budget select these pod labels, read as its own API version reads it: policy/v1beta1
 * took an empty selector ({}) to select no pods, policy/v1 takes it to select every pod.
 */
export function budgetSelects(pdb: KubeObject, labels: Record<string, string> | undefined): boolean {
  const selector = (pdb.spec as PdbSpec | undefined)?.selector;
  if (emptyBudgetSelectorSelectsNothing(pdb.apiVersion) && isEmptySelector(selector)) return false;
  return selectorMatches(selector, labels);
}

/**
 * Why this budget lets no pod be evicted at `replicas` pods, or undefined when it allows a
 * disruption. Percentages round up, as the disruption controller does.
 */
export function drainBlocker(pdb: KubeObject, replicas: number): string | undefined {
  const spec = (pdb.spec ?? {}) as PdbSpec;
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    return resolveIntOrPercent(spec.maxUnavailable, replicas, 'up') <= 0 ? `maxUnavailable: ${spec.maxUnavailable}` : undefined;
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    return resolveIntOrPercent(spec.minAvailable, replicas, 'up') >= replicas
      ? `minAvailable: ${spec.minAvailable} with ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}`
      : undefined;
  }
  return undefined;
}

export const podDisruptionBudget: Check = {
  id: 'pod-disruption-budget',
  title: 'Workloads have a PodDisruptionBudget that allows a disruption',
  principle: 'availability',
  severity: 'major',
  targets: ['Deployment', 'StatefulSet'],
  reads: ['Deployment', 'StatefulSet', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'],
  rationale:
    'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica at once; a budget that allows no disruption at all (maxUnavailable 0, minAvailable equal to the replicas) blocks every drain instead.',
  remediation: {
    summary: 'Add a PodDisruptionBudget selecting the pods that keeps enough of them up but still lets one be evicted at a time.',
    snippet: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: api`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
  fixes: true,
  evaluate({ namespace }) {
    const budgets = objectsOf(namespace, 'PodDisruptionBudget');
    return namespace.workloads
      .filter((workload) => workload.kind === 'Deployment' || workload.kind === 'StatefulSet')
      .flatMap((workload) => {
        const { count } = minimumReplicas(workload, namespace);
        if (count === 0) return [];
        const labels = podLabelsOf(workload);
        const matching = budgets.filter((pdb) => budgetSelects(pdb, labels));
        const names = matching.map((pdb) => pdb.metadata.name).join(', ');
        // A single replica gains nothing from a budget, so lacking one is not a finding; having one that blocks drains is.
        if (matching.length === 0) {
          if (count < 2) return [];
          const selector = selectorLabelsOf(workload);
          const fix = manifestFix(
            {
              apiVersion: 'policy/v1',
              kind: 'PodDisruptionBudget',
              metadata: { name: workload.name, namespace: workload.namespace, labels: selector },
              spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
            },
            `Lets node drains evict one pod of ${workload.kind} ${workload.name} at a time.`,
          );
          return [{ ...failFinding(workload.object, 'no PodDisruptionBudget selects its pods'), ...fix }];
        }
        if (matching.length > 1) {
          return [
            failFinding(
              workload.object,
              `PodDisruptionBudgets ${names} all select its pods, and eviction refuses pods covered by more than one budget, so node drains stall`,
            ),
          ];
        }
        const [pdb] = matching as [KubeObject];
        const blocker = drainBlocker(pdb, count);
        if (blocker) {
          // null removes minAvailable: a budget may set only one of the two.
          const fix = objectPatchFix(
            pdb,
            namespace.name,
            { spec: { minAvailable: null, maxUnavailable: 1 } },
            'Lets node drains evict one pod at a time, while the others keep serving.',
          );
          return [
            {
              ...failFinding(
                workload.object,
                `PodDisruptionBudget ${names} has ${blocker}, so it allows no disruption and blocks node drains`,
              ),
              ...fix,
            },
          ];
        }
        return [passFinding(workload.object, `PodDisruptionBudget ${names} covers its pods and allows a disruption`)];
      });
  },
};
