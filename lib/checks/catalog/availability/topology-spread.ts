import type { Workload } from '../../../inventory';
import type { LabelSelector } from '../../../k8s/objects';
import { selectorMatches } from '../../../k8s/selectors';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix, selectorLabelsOf } from '../../helpers/fixes';
import { podLabelsOf } from '../../helpers/workloads';
import type { Check } from '../../types';
import { minimumReplicas } from './replicas';

/** Topology keys that put replicas in different failure domains (nodes, zones, regions). */
const SPREAD_KEYS: ReadonlySet<string> = new Set([
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
]);

interface SpreadConstraint {
  topologyKey?: string;
  labelSelector?: LabelSelector | null;
}

interface PodAffinityTerm {
  topologyKey?: string;
  labelSelector?: LabelSelector | null;
}

interface Affinity {
  podAntiAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: { podAffinityTerm?: PodAffinityTerm }[];
  };
}

/**
 * How a workload spreads its own replicas, or undefined when it does not. A rule only spreads
 * replicas when its selector matches the workload's own pod labels and its key is a failure domain.
 */
export function spreadRule(workload: Workload): string | undefined {
  const spec = workload.template.spec;
  const labels = podLabelsOf(workload);
  const spreads = (term: { topologyKey?: string; labelSelector?: LabelSelector | null }) =>
    term.topologyKey !== undefined && SPREAD_KEYS.has(term.topologyKey) && selectorMatches(term.labelSelector, labels);
  const constraint = ((spec.topologySpreadConstraints ?? []) as SpreadConstraint[]).find(spreads);
  if (constraint) return `topologySpreadConstraints over ${constraint.topologyKey}`;
  const antiAffinity = (spec.affinity as Affinity | undefined)?.podAntiAffinity;
  const required = (antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).find(spreads);
  if (required) return `required pod anti-affinity over ${required.topologyKey}`;
  const preferred = (antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    .map((term) => term.podAffinityTerm ?? {})
    .find(spreads);
  if (preferred) return `preferred pod anti-affinity over ${preferred.topologyKey}`;
  return undefined;
}

export const topologySpread: Check = {
  id: 'topology-spread',
  title: 'Replicas are spread across nodes or zones',
  principle: 'availability',
  severity: 'minor',
  targets: ['Deployment', 'StatefulSet'],
  reads: ['Deployment', 'StatefulSet', 'HorizontalPodAutoscaler'],
  rationale:
    "Replicas only protect against a node or zone failure if they run on different ones; the scheduler's built-in spreading is a soft preference, so a workload that needs it should say so.",
  remediation: {
    summary:
      "Add a topologySpreadConstraint (or preferred pod anti-affinity) over kubernetes.io/hostname or a zone, selecting the pods' own labels.",
    snippet: `spec:
  template:
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: { app.kubernetes.io/name: api }`,
  },
  docs: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads
      .filter((workload) => workload.kind === 'Deployment' || workload.kind === 'StatefulSet')
      .flatMap((workload) => {
        // Spreading needs at least two pods to spread.
        if (minimumReplicas(workload, namespace).count < 2) return [];
        const rule = spreadRule(workload);
        if (rule) return [passFinding(workload.object, `spreads its replicas with ${rule}`)];
        // Advice, not a failure: the default scheduler already spreads replicas softly.
        const fix = podPatchFix(
          workload,
          {
            pod: {
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: 'kubernetes.io/hostname',
                  whenUnsatisfiable: 'ScheduleAnyway',
                  labelSelector: { matchLabels: selectorLabelsOf(workload) },
                },
              ],
            },
          },
          'Spreads the replicas over nodes where it can (ScheduleAnyway: never leaves a pod pending for it); add a second constraint on topology.kubernetes.io/zone for zones.',
        );
        return [
          {
            ...failFinding(
              workload.object,
              'no topology spread constraint or pod anti-affinity over nodes or zones selects its own pods, so its replicas may share a node',
              'warn',
            ),
            ...fix,
          },
        ];
      });
  },
};
