import { objectsOf } from '../../../inventory';
import { failFinding, passFinding } from '../../findings';
import { objectPatchFix } from '../../helpers/fixes';
import type { Check } from '../../types';

export const hpaReplicas: Check = {
  id: 'hpa-replicas',
  title: 'Autoscalers keep two replicas and room to grow',
  principle: 'availability',
  // Minor: a low floor on a workload in the namespace is already counted by replicas-minimum.
  severity: 'minor',
  targets: ['HorizontalPodAutoscaler'],
  reads: ['HorizontalPodAutoscaler'],
  rationale:
    'An autoscaler owns the replica count, so a minReplicas of 1 (the default) scales the workload down to a single point of failure whenever load is low; a maxReplicas no higher than minReplicas cannot scale at all.',
  remediation: {
    summary: 'Set minReplicas to at least 2 and maxReplicas above it, to what the workload may need at peak.',
    snippet: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api
  minReplicas: 2
  maxReplicas: 10`,
  },
  docs: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
  fixes: true,
  evaluate({ namespace }) {
    return objectsOf(namespace, 'HorizontalPodAutoscaler').map((hpa) => {
      const spec = hpa.spec ?? {};
      // The API server defaults minReplicas to 1, so an absent value and 1 grade the same.
      const min = spec.minReplicas ?? 1;
      const max = spec.maxReplicas;
      const target =
        spec.scaleTargetRef?.kind && spec.scaleTargetRef.name ? ` for ${spec.scaleTargetRef.kind} ${spec.scaleTargetRef.name}` : '';
      const problems: string[] = [];
      // Worded the same whether minReplicas was written or defaulted, so a manifest and the live object read alike.
      if (min < 2) problems.push(`minReplicas ${min} lets it scale down to ${min === 0 ? 'nothing' : 'a single pod'}`);
      if (typeof max === 'number' && max <= min)
        problems.push(`maxReplicas ${max} leaves no room above minReplicas ${min}, so it cannot scale up`);
      if (problems.length === 0) return passFinding(hpa, `scales between ${min} and ${max ?? '?'} replicas${target}`);
      const floor = Math.max(min, 2);
      const fix = objectPatchFix(
        hpa,
        namespace.name,
        {
          spec: {
            ...(min < 2 ? { minReplicas: floor } : {}),
            ...(typeof max !== 'number' || max <= floor ? { maxReplicas: floor + 1 } : {}),
          },
        },
        'Keeps at least two replicas and leaves the autoscaler room to add more; raise maxReplicas to what the load needs.',
      );
      // A floor of one is an outage waiting for a drain; a fixed size is only a wasted autoscaler.
      return { ...failFinding(hpa, `${problems.join('; ')}${target}`, min < 2 ? 'fail' : 'warn'), ...fix };
    });
  },
};
