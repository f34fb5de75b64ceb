/** Small helpers the checks share about workloads: their containers, images, pull secrets, pods and volumes. */
import { type Inventory, type NamespaceInventory, objectsOf, type Workload } from '../../inventory';
import type { Container, KubeObject, ResourceRequirements } from '../../k8s/objects';
import { hasController } from '../../k8s/semantics';
import { oncePer } from '../../memo';

/** App containers of a workload, and its init containers when asked. */
export function containersOf(workload: Workload, options: { includeInit?: boolean } = {}): Container[] {
  const spec = workload.template.spec;
  const containers = [...(spec.containers ?? [])];
  if (options.includeInit) containers.push(...(spec.initContainers ?? []));
  return containers;
}

/** App containers and native sidecars (init containers with restartPolicy: Always), which run alongside them. */
export function runningContainersOf(workload: Workload): Container[] {
  const spec = workload.template.spec;
  const sidecars = (spec.initContainers ?? []).filter((container) => (container as { restartPolicy?: string }).restartPolicy === 'Always');
  return [...(spec.containers ?? []), ...sidecars];
}

/** `container api` or `containers api, proxy`: container names as messages list them. */
export function containersNamed(names: readonly string[]): string {
  return `${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}`;
}

/** Is a resource quantity set to something other than empty or zero? */
export function hasQuantity(values: ResourceRequirements['requests'], resource: string): boolean {
  const value = values?.[resource];
  return value !== undefined && value !== null && value !== '' && value !== 0 && value !== '0';
}

/** The ServiceAccount a pod runs as: serviceAccountName, the legacy serviceAccount, or `default`. */
export function serviceAccountNameOf(workload: Workload): string {
  const spec = workload.template.spec;
  return spec.serviceAccountName || spec.serviceAccount || 'default';
}

export function podLabelsOf(workload: Workload): Record<string, string> {
  return workload.template.metadata?.labels ?? {};
}

/** Workloads that serve traffic continuously (and so need probes, replicas and budgets). */
export function isLongRunning(workload: Workload): boolean {
  return workload.kind === 'Deployment' || workload.kind === 'StatefulSet' || workload.kind === 'DaemonSet' || workload.kind === 'Pod';
}

/**
 * Does a field hold any setting? The API server adds `securityContext: {}` and `resources: {}`
 * to objects it stores, so an empty object must read the same as an absent one.
 */
export function hasSettings(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some(hasSettings);
}

/** Something that makes pods from a template: a workload, or a ReplicaSet no Deployment controls. */
export interface PodSource {
  kind: string;
  name: string;
  object: KubeObject;
  /** The labels its pods get. */
  labels: Record<string, string>;
}

/**
 * Every pod template of a namespace. Controller-made ReplicaSets and Pods (live clusters only)
 * are left out: they carry their controller's template labels, so they would add nothing but
 * differences between a cluster and its manifests.
 */
export function podSourcesOf(namespace: NamespaceInventory): PodSource[] {
  const sources: PodSource[] = namespace.workloads.map((workload) => ({
    kind: workload.kind,
    name: workload.name,
    object: workload.object,
    labels: podLabelsOf(workload),
  }));
  for (const replicaSet of objectsOf(namespace, 'ReplicaSet')) {
    if (hasController(replicaSet)) continue;
    const template = (replicaSet.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template;
    sources.push({ kind: 'ReplicaSet', name: replicaSet.metadata.name, object: replicaSet, labels: template?.metadata?.labels ?? {} });
  }
  return sources;
}

/** The `name`s of a list of local object references (`imagePullSecrets`), ignoring malformed entries. */
function referencedNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) => (entry && typeof entry === 'object' ? (entry as { name?: unknown }).name : undefined))
    .filter((name): name is string => typeof name === 'string' && name !== '');
}

/** The imagePullSecrets a workload's pods use: the pod spec's and its ServiceAccount's (the kubelet uses both). */
export interface PullSecretRefs {
  accountName: string;
  fromPod: string[];
  fromAccount: string[];
  /** Both lists, without repeats, pod spec first. */
  names: string[];
}

export function pullSecretRefsOf(workload: Workload, namespace: NamespaceInventory): PullSecretRefs {
  const accountName = serviceAccountNameOf(workload);
  const account = objectsOf(namespace, 'ServiceAccount').find((candidate) => candidate.metadata.name === accountName);
  const fromPod = referencedNames(workload.template.spec.imagePullSecrets);
  const fromAccount = referencedNames(account?.imagePullSecrets);
  return { accountName, fromPod, fromAccount, names: [...new Set([...fromPod, ...fromAccount])] };
}

/**
 * A capability as the container runtime reads it: containerd and CRI-O upper-case names and add
 * the `CAP_` prefix when it is missing, so `cap_sys_admin`, `CAP_SYS_ADMIN` and `sys_admin` are one
 * capability, and they match `ALL` without regard to case (`all` is ALL). They match ALL before
 * any prefixing, so `CAP_ALL` is not ALL to them but an unknown capability, and stays one here.
 */
export function normaliseCapability(capability: string): string {
  const name = capability.trim().toUpperCase();
  return name === 'CAP_ALL' ? name : name.replace(/^CAP_/, '');
}

/** A container's added and dropped capabilities, normalised and without repeats; malformed entries are ignored. */
export function capabilitiesOf(container: Container): { add: string[]; drop: string[] } {
  const capabilities = container.securityContext?.capabilities;
  const normalised = (list: unknown) =>
    Array.isArray(list)
      ? [...new Set(list.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map(normaliseCapability))]
      : [];
  return { add: normalised(capabilities?.add), drop: normalised(capabilities?.drop) };
}

/**
 * What to say of a Secret a namespace's pods name but the namespace does not hold, in words that
 * follow its name. Another namespace's Secret of that name is a mistake wherever the objects come
 * from (Secrets are not shared across namespaces): a failure. Otherwise it depends on the origin:
 * a cluster that lacks it lacks it (a failure), while manifests seldom hold Secrets, which are
 * created apart from them (by hand, from a vault, by an install Job): a warning to make sure of it.
 */
export function missingSecretNote(
  inventory: Inventory,
  namespace: NamespaceInventory,
  name: string,
): { status: 'warn' | 'fail'; text: string; absentFromFiles: boolean } {
  const holders = (secretHolders(inventory).get(name) ?? []).filter((other) => other !== namespace.name);
  if (holders.length > 0)
    return {
      status: 'fail',
      text: `does not exist in the namespace (namespace ${holders.join(', ')} has one of that name, and pods cannot use another namespace's Secrets)`,
      absentFromFiles: false,
    };
  if (inventory.origin === 'files') return { status: 'warn', text: 'is not in these manifests', absentFromFiles: true };
  return { status: 'fail', text: 'does not exist in the namespace', absentFromFiles: false };
}

/**
 * Which namespaces hold a Secret of each name, in inventory order: built once per inventory, so
 * a missing Secret is not looked for by scanning every namespace (quadratic at 1,000 namespaces).
 */
const secretHolders = oncePer((inventory: Inventory): Map<string, string[]> => {
  const holders = new Map<string, string[]>();
  for (const namespace of inventory.namespaces.values()) {
    for (const secret of objectsOf(namespace, 'Secret')) {
      const list = holders.get(secret.metadata.name);
      if (!list) holders.set(secret.metadata.name, [namespace.name]);
      else if (list.at(-1) !== namespace.name) list.push(namespace.name);
    }
  }
  return holders;
});

/** A container that names its image. */
export type ImageContainer = Container & { image: string };

/** A workload's app and init containers that name an image, in order: what the image checks grade. */
export function imageContainersOf(workload: Workload): ImageContainer[] {
  return containersOf(workload, { includeInit: true }).filter((container): container is ImageContainer => Boolean(container.image));
}

/** The images of a workload's app and init containers, in order (containers without an image are skipped). */
export function imagesOf(workload: Workload): string[] {
  return imageContainersOf(workload).map((container) => container.image);
}

/** A container's volume mount (the structural Container type leaves mounts untyped). */
export interface VolumeMount {
  name: string;
  mountPath?: string;
  readOnly?: boolean;
}

export function volumeMountsOf(container: Container): VolumeMount[] {
  const mounts = (container as { volumeMounts?: unknown }).volumeMounts;
  if (!Array.isArray(mounts)) return [];
  return mounts.filter((mount): mount is VolumeMount => typeof (mount as VolumeMount | null)?.name === 'string');
}

/**
 * LimitRanges that give containers default requests or limits. The API server derives a
 * Container item's `default` from `max` and its `defaultRequest` from `default` or `min`, so any
 * of the four means admission fills in resources for a container that declares none.
 */
export function limitRangesWithContainerDefaults(namespace: NamespaceInventory): KubeObject[] {
  return objectsOf(namespace, 'LimitRange').filter((range) => {
    const items = range.spec?.limits ?? [];
    return items.some(
      (item) =>
        item.type === 'Container' &&
        [item.default, item.defaultRequest, item.max, item.min].some((values) => values && Object.keys(values).length > 0),
    );
  });
}

/** The first of `keys` set to a non-blank value in any of `maps` (keys in order of preference), with its value. */
export function firstSetKey(
  keys: readonly string[],
  ...maps: (Record<string, string> | undefined)[]
): { key: string; value: string } | undefined {
  for (const key of keys) {
    for (const map of maps) {
      const value = map?.[key];
      if (typeof value === 'string' && value.trim() !== '') return { key, value };
    }
  }
  return undefined;
}
