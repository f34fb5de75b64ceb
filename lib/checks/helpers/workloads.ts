/** Small helpers the checks share: walking containers, matching selectors, naming objects. */
import { type Inventory, type NamespaceInventory, objectsOf, type Workload } from '../../inventory';
import type { Container, KubeObject, LabelSelector, ResourceRequirements } from '../../k8s/objects';
import { refOf } from '../../k8s/objects';
import type { ObjectFinding } from '../types';

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

/** Findings for a workload from the list of its containers that break a rule. */
export function workloadFinding(
  workload: Workload,
  offending: string[],
  messages: { pass: string; fail: (names: string) => string },
  failStatus: 'fail' | 'warn' = 'fail',
): ObjectFinding {
  if (offending.length === 0) return { object: refOf(workload.object), status: 'pass', message: messages.pass };
  return { object: refOf(workload.object), status: failStatus, message: messages.fail(offending.join(', ')) };
}

export function passFinding(object: KubeObject, message: string): ObjectFinding {
  return { object: refOf(object), status: 'pass', message };
}

export function failFinding(object: KubeObject, message: string, status: 'fail' | 'warn' = 'fail'): ObjectFinding {
  return { object: refOf(object), status, message };
}

/** Does a label selector select these labels? An empty selector selects everything. */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const value = have[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

/** Does a label selector have no terms (`{}`, or no selector at all)? */
export function isEmptySelector(selector: LabelSelector | null | undefined): boolean {
  return Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0;
}

/** A Service-style selector (plain map): empty or missing selects nothing. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return selectorMatches({ matchLabels: selector }, labels);
}

export function podLabelsOf(workload: Workload): Record<string, string> {
  return workload.template.metadata?.labels ?? {};
}

/** Workloads that serve traffic continuously (and so need probes, replicas and budgets). */
export function isLongRunning(workload: Workload): boolean {
  return workload.kind === 'Deployment' || workload.kind === 'StatefulSet' || workload.kind === 'DaemonSet' || workload.kind === 'Pod';
}

/** The Namespace object that namespace-level findings attach to (synthesised when it was not read). */
export function namespaceSubject(namespace: NamespaceInventory): KubeObject {
  return namespace.namespaceObject ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name } };
}

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
  const holders = [...inventory.namespaces.values()]
    .filter((other) => other.name !== namespace.name && objectsOf(other, 'Secret').some((secret) => secret.metadata.name === name))
    .map((other) => other.name);
  if (holders.length > 0)
    return {
      status: 'fail',
      text: `does not exist in the namespace (namespace ${holders.join(', ')} has one of that name, and pods cannot use another namespace's Secrets)`,
      absentFromFiles: false,
    };
  if (inventory.origin === 'files') return { status: 'warn', text: 'is not in these manifests', absentFromFiles: true };
  return { status: 'fail', text: 'does not exist in the namespace', absentFromFiles: false };
}

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

interface LimitRangeItem {
  type?: string;
  default?: Record<string, unknown>;
  defaultRequest?: Record<string, unknown>;
  max?: Record<string, unknown>;
  min?: Record<string, unknown>;
}

/**
 * LimitRanges that give containers default requests or limits. The API server derives a
 * Container item's `default` from `max` and its `defaultRequest` from `default` or `min`, so any
 * of the four means admission fills in resources for a container that declares none.
 */
export function limitRangesWithContainerDefaults(namespace: NamespaceInventory): KubeObject[] {
  return objectsOf(namespace, 'LimitRange').filter((range) => {
    const items = (range.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? [];
    return items.some(
      (item) =>
        item.type === 'Container' &&
        [item.default, item.defaultRequest, item.max, item.min].some((values) => values && Object.keys(values).length > 0),
    );
  });
}

/** A label selector as people write it on the command line: `app=api, tier in (web,api), !legacy`. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else parts.push(`!${expression.key}`);
  }
  return parts.length > 0 ? parts.join(', ') : '{}';
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
