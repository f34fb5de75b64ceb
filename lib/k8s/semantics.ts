/** Kubernetes semantics the checks rely on: IntOrString, named ports, ownership, cluster-provided objects. */
import type { Container, KubeObject } from './objects';

/**
 * An IntOrString (`1`, `"25%"`) resolved against a total. Kubernetes rounds percentages up or
 * down depending on the field (a Deployment's maxUnavailable rounds down, a PDB's values up).
 */
export function resolveIntOrPercent(value: number | string, total: number, round: 'up' | 'down'): number {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  if (!trimmed.endsWith('%')) return Number.parseInt(trimmed, 10);
  const exact = (Number.parseFloat(trimmed) * total) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

/** Is the object managed by a controller (a Deployment's ReplicaSet, a CronJob's Job, a ReplicaSet's Pod)? */
export function hasController(object: KubeObject): boolean {
  return (object.metadata.ownerReferences ?? []).some((owner) => owner.controller);
}

/**
 * Objects Kubernetes itself puts in namespaces of a live cluster, which manifests never hold:
 * the `default` ServiceAccount, the `kube-root-ca.crt` ConfigMap and the `kubernetes` Service.
 * Checks skip them so a cluster and its manifests grade the same.
 */
export function isClusterProvided(object: KubeObject): boolean {
  const { kind, metadata } = object;
  return (
    (kind === 'ServiceAccount' && metadata.name === 'default') ||
    (kind === 'ConfigMap' && metadata.name === 'kube-root-ca.crt') ||
    (kind === 'Service' && metadata.name === 'kubernetes' && (metadata.namespace ?? 'default') === 'default')
  );
}

/**
 * The port number a probe names on its container, resolved as the kubelet does: a number as it
 * is, a name among that container's own declared ports (not its neighbours'). Undefined when a
 * name is declared nowhere on the container.
 */
export function resolveContainerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string' || port === '') return undefined;
  const declared = (container.ports ?? []).find((candidate) => candidate.name === port);
  if (declared) return declared.containerPort;
  // The kubelet's last resort: a number written as a string.
  return /^\d+$/.test(port) ? Number(port) : undefined;
}
