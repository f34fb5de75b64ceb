import type { Workload } from '../../../inventory';
import { defaultUpdateStrategyType, rollingUpdateDefaults } from '../../../k8s/api-versions';
import { asKind } from '../../../k8s/objects';
import { resolveIntOrPercent } from '../../../k8s/semantics';
import { failFinding, passFinding } from '../../findings';
import { objectPatchFix } from '../../helpers/fixes';
import type { Check, ObjectFinding } from '../../types';
import { minimumReplicas } from './replicas';

interface UpdateStrategy {
  type?: string;
  rollingUpdate?: { partition?: number };
}

/** Does the pod mount a PersistentVolumeClaim (likely ReadWriteOnce, which two pods on different nodes cannot share)? */
function mountsClaim(workload: Workload): boolean {
  return (workload.template.spec.volumes ?? []).some((volume) => volume.persistentVolumeClaim !== undefined);
}

/** A rolling update that never has fewer pods than wanted: one new pod before each old one goes. */
function rollingFix(workload: Workload) {
  return objectPatchFix(
    workload.object,
    workload.namespace,
    { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } } },
    'Rolls pods one at a time, starting each new one before stopping an old one (the namespace needs room for one extra pod).',
  );
}

function gradeDeployment(workload: Workload, replicas: number): ObjectFinding {
  // The API server fills in RollingUpdate with its version's defaults when the manifest says
  // nothing: 25% / 25% in apps/v1, 1 / 1 in extensions/v1beta1.
  const strategy = asKind(workload.object, 'Deployment')?.spec?.strategy ?? {};
  if ((strategy.type ?? 'RollingUpdate') === 'Recreate') {
    // One pod holding a volume claim cannot hand it over while both run: Recreate is what makes its rollout work.
    if (replicas <= 1 && mountsClaim(workload)) {
      return passFinding(workload.object, 'Recreate, as a single pod holding a PersistentVolumeClaim needs');
    }
    if (replicas >= 2) {
      return {
        ...failFinding(
          workload.object,
          `strategy Recreate stops all ${replicas} replicas before starting new ones: every rollout is an outage`,
        ),
        ...rollingFix(workload),
      };
    }
    return {
      ...failFinding(
        workload.object,
        'strategy Recreate stops the pod before starting its replacement: every rollout is an outage',
        'warn',
      ),
      ...rollingFix(workload),
    };
  }
  const defaults = rollingUpdateDefaults(workload.object.apiVersion);
  const maxUnavailable = strategy.rollingUpdate?.maxUnavailable ?? defaults.maxUnavailable;
  const maxSurge = strategy.rollingUpdate?.maxSurge ?? defaults.maxSurge;
  // Say where a value came from when it is not today's default, so the finding explains itself.
  const defaultedBy =
    defaults.maxUnavailable !== '25%' &&
    (strategy.rollingUpdate?.maxUnavailable === undefined || strategy.rollingUpdate?.maxSurge === undefined)
      ? `, ${workload.object.apiVersion} defaults`
      : '';
  // maxUnavailable rounds down, as the Deployment controller does.
  if (replicas >= 1 && resolveIntOrPercent(maxUnavailable, replicas, 'down') >= replicas) {
    const which = replicas === 1 ? 'its only replica' : `all ${replicas} replicas`;
    return {
      ...failFinding(
        workload.object,
        `rolling update with maxUnavailable ${maxUnavailable} may take ${which} down at once, as Recreate would`,
        replicas >= 2 ? 'fail' : 'warn',
      ),
      ...rollingFix(workload),
    };
  }
  return passFinding(workload.object, `rolling update (maxUnavailable ${maxUnavailable}, maxSurge ${maxSurge}${defaultedBy})`);
}

function gradeUpdateStrategy(workload: Workload): ObjectFinding {
  // StatefulSets and DaemonSets default to RollingUpdate, except in the versions that defaulted
  // to OnDelete (extensions/v1beta1 DaemonSets, apps/v1beta1 StatefulSets).
  const strategy = ((workload.object.spec as { updateStrategy?: UpdateStrategy } | undefined)?.updateStrategy ?? {}) as UpdateStrategy;
  const type = strategy.type ?? defaultUpdateStrategyType(workload.object.apiVersion, workload.kind);
  if (type === 'OnDelete') {
    const defaulted = strategy.type === undefined ? ` (the ${workload.object.apiVersion} default, as no updateStrategy is set)` : '';
    return {
      ...failFinding(
        workload.object,
        `updateStrategy OnDelete${defaulted}: a changed template reaches pods only when someone deletes them, so versions drift`,
        'warn',
      ),
      ...objectPatchFix(
        workload.object,
        workload.namespace,
        { spec: { updateStrategy: { type: 'RollingUpdate' } } },
        'Rolls a changed template out to the pods, one at a time, instead of waiting for someone to delete them.',
      ),
    };
  }
  const partition = strategy.rollingUpdate?.partition ?? 0;
  return passFinding(workload.object, partition > 0 ? `rolling update, staged at partition ${partition}` : 'rolling update');
}

export const rollingUpdateStrategy: Check = {
  id: 'rolling-update-strategy',
  title: 'Workloads roll out updates without downtime',
  principle: 'availability',
  severity: 'major',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'HorizontalPodAutoscaler'],
  rationale:
    'A Recreate strategy stops every pod before the new ones start, so each rollout is an outage; OnDelete never rolls out at all until someone deletes the pods by hand.',
  remediation: {
    summary:
      'Use the RollingUpdate strategy (the default) with a maxUnavailable below the replica count; keep Recreate only for a single pod that holds a ReadWriteOnce volume.',
    snippet: `apiVersion: apps/v1
kind: Deployment
spec:
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload) => {
      if (workload.kind === 'Deployment') return [gradeDeployment(workload, minimumReplicas(workload, namespace).count)];
      if (workload.kind === 'StatefulSet' || workload.kind === 'DaemonSet') return [gradeUpdateStrategy(workload)];
      return [];
    });
  },
};
