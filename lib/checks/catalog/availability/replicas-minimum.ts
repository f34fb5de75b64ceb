import { failFinding, passFinding } from '../../findings';
import { objectPatchFix } from '../../helpers/fixes';
import type { Check } from '../../types';
import { minimumReplicas } from './replicas';

const replicasText = (count: number) => `${count} ${count === 1 ? 'replica' : 'replicas'}`;

export const replicasMinimum: Check = {
  id: 'replicas-minimum',
  title: 'Workloads run at least two replicas',
  principle: 'availability',
  severity: 'major',
  targets: ['Deployment', 'StatefulSet'],
  reads: ['Deployment', 'StatefulSet', 'HorizontalPodAutoscaler'],
  rationale:
    'A single replica is a single point of failure: every node drain, rollout or crash takes the service down until a new pod is scheduled and ready.',
  remediation: {
    summary: 'Run at least two replicas, or give the HorizontalPodAutoscaler minReplicas: 2, and spread them over nodes.',
    snippet: `apiVersion: apps/v1
kind: Deployment
spec:
  replicas: 2
  template:
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: { app.kubernetes.io/name: api }`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads
      .filter((workload) => workload.kind === 'Deployment' || workload.kind === 'StatefulSet')
      .map((workload) => {
        const { count, hpa } = minimumReplicas(workload, namespace);
        const source = hpa ? `HorizontalPodAutoscaler ${hpa.metadata.name} has minReplicas ${count}` : replicasText(count);
        if (count >= 2) return passFinding(workload.object, source);
        // With an autoscaler, its floor is what to raise: a replicas patch would be undone by it.
        const maxReplicas = (hpa?.spec as { maxReplicas?: unknown } | undefined)?.maxReplicas;
        const fix = hpa
          ? objectPatchFix(
              hpa,
              namespace.name,
              { spec: { minReplicas: 2, ...(typeof maxReplicas === 'number' && maxReplicas < 2 ? { maxReplicas: 2 } : {}) } },
              `Lets the autoscaler go no lower than two replicas of ${workload.kind} ${workload.name}.`,
            )
          : objectPatchFix(
              workload.object,
              namespace.name,
              { spec: { replicas: 2 } },
              'Runs a second replica, so one pod can go while the other serves.',
            );
        if (count === 0) return { ...failFinding(workload.object, `${source}: it runs no pods at all`), ...fix };
        return { ...failFinding(workload.object, `${source}: a node drain or crash takes it down`), ...fix };
      });
  },
};
