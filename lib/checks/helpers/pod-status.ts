/** Live pod status as the kubelet reports it, and helpers that turn it into findings on pods and their owners. */
import { type NamespaceInventory, objectsOf } from '../../inventory';
import type { KubeObject, ObjectRef } from '../../k8s/objects';
import { refOf } from '../../k8s/objects';
import type { ObjectFinding } from '../types';

/** A container's status as the kubelet reports it (`kubectl get pod -o yaml`); only what live-health checks read. */
export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; running?: unknown; terminated?: { reason?: string; exitCode?: number } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

/** A Pod the cluster reports on, with its status. */
export interface ObservedPod {
  pod: KubeObject;
  status: PodStatus;
}

/**
 * Pods with live state. A manifest (snapshot mode) has no `status`, so live-health checks find
 * nothing there and say "not applicable"; Pods owned by controllers are included on purpose.
 */
export function observedPods(namespace: NamespaceInventory): ObservedPod[] {
  return objectsOf(namespace, 'Pod').flatMap((pod) => {
    const status = pod.status as PodStatus | undefined;
    return status && typeof status.phase === 'string' ? [{ pod, status }] : [];
  });
}

/** Init and app container statuses of a pod, init first (the order they start in). */
export function containerStatusesOf(status: PodStatus): ContainerStatus[] {
  return [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
}

export function conditionOf(status: PodStatus, type: string): PodCondition | undefined {
  return status.conditions?.find((condition) => condition.type === type);
}

function controllerRefOf(object: KubeObject): { kind: string; name: string } | undefined {
  return (object.metadata.ownerReferences ?? []).find((owner) => owner.controller);
}

/**
 * The controller a person manages a pod through: a ReplicaSet's Deployment and a Job's CronJob
 * rather than the intermediate object, so findings on pods group under what the team deploys.
 */
function podOwner(pod: KubeObject, namespace: NamespaceInventory): ObjectRef | undefined {
  const direct = controllerRefOf(pod);
  if (!direct) return undefined;
  const ref = (kind: string, name: string): ObjectRef => ({ kind, name, namespace: namespace.name });
  if (direct.kind !== 'ReplicaSet' && direct.kind !== 'Job') return ref(direct.kind, direct.name);
  const parent = objectsOf(namespace, direct.kind).find((object) => object.metadata.name === direct.name);
  if (parent) {
    const grandparent = controllerRefOf(parent);
    return grandparent ? ref(grandparent.kind, grandparent.name) : ref(direct.kind, direct.name);
  }
  // A Deployment names its ReplicaSets <deployment>-<pod-template-hash>: without the ReplicaSet, the hash recovers the name.
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (direct.kind === 'ReplicaSet' && hash && direct.name.endsWith(`-${hash}`)) {
    return ref('Deployment', direct.name.slice(0, -(hash.length + 1)));
  }
  return ref(direct.kind, direct.name);
}

/** A finding on a pod that names its owning controller, when it has one. */
export function podFinding(
  observed: ObservedPod,
  namespace: NamespaceInventory,
  status: ObjectFinding['status'],
  message: string,
): ObjectFinding {
  const finding: ObjectFinding = { object: refOf(observed.pod), status, message };
  const owner = podOwner(observed.pod, namespace);
  if (owner) finding.owner = owner;
  return finding;
}
