/** How few replicas a workload can run with: the availability principle's shared floor, HPA-aware. */
import { type NamespaceInventory, objectsOf, type Workload } from '../../../inventory';
import type { KubeObject, ObjectOf } from '../../../k8s/objects';

/** The fewest replicas a workload can run with, and what decides it. */
export interface MinimumReplicas {
  count: number;
  /** The HorizontalPodAutoscaler that owns the replica count, when one targets the workload. */
  hpa?: KubeObject;
}

/**
 * When an HPA targets a workload it owns the replica count, so its minReplicas (default 1)
 * is the floor, whatever `spec.replicas` says at the moment; otherwise `spec.replicas` is.
 */
export function minimumReplicas(workload: Workload, namespace: NamespaceInventory): MinimumReplicas {
  const hpas = objectsOf(namespace, 'HorizontalPodAutoscaler').filter((hpa) => {
    const target = hpa.spec?.scaleTargetRef;
    return target?.kind === workload.kind && target.name === workload.name;
  });
  if (hpas.length === 0) return { count: workload.replicas ?? 1 };
  // Several autoscalers on one target fight each other; the lowest floor is the honest one.
  const minOf = (hpa: ObjectOf<'HorizontalPodAutoscaler'>) => hpa.spec?.minReplicas ?? 1;
  const lowest = hpas.reduce((low, hpa) => (minOf(hpa) < minOf(low) ? hpa : low));
  return { count: minOf(lowest), hpa: lowest };
}
