/**
 * The inventory: every Kubernetes object Shipshape read from one cluster (or snapshot),
 * grouped by namespace and kind so that a namespace's objects are one lookup away.
 * Pure: built from plain objects, shared by the web app, the CLI and the tests.
 */

import { CLUSTER_SCOPED_KINDS, isWorkloadKind, type KnownKind, WORKLOAD_KINDS, type WorkloadKind } from './k8s/kinds';
import type { KubeObject, ObjectOf, PodTemplate, SecretSummary } from './k8s/objects';

/** Why a kind could not be read. */
export type AccessGapReason = 'forbidden' | 'unavailable';

/** A kind Shipshape could not read, cluster-wide (`namespace` unset) or in one namespace. */
export interface AccessGap {
  kind: string;
  namespace?: string;
  reason: AccessGapReason;
  message: string;
}

/** A workload with the pod template it runs, whatever its kind. */
export interface Workload {
  kind: WorkloadKind;
  name: string;
  namespace: string;
  object: KubeObject;
  template: PodTemplate;
  /** Desired replicas, for kinds that have them (Deployment, StatefulSet). */
  replicas?: number;
}

export interface NamespaceInventory {
  name: string;
  /** The Namespace object itself, when it was read. */
  namespaceObject?: KubeObject;
  /** Objects of this namespace by kind. */
  byKind: ReadonlyMap<string, readonly KubeObject[]>;
  /** Controllers and bare Pods with their pod templates; Pods owned by a controller are not repeated here. */
  workloads: readonly Workload[];
}

/**
 * Where an inventory was read. `live`: a cluster's API, so an object it lacks does not exist.
 * `files`: manifests (the demo, a snapshot folder, the CLI), which rarely hold everything a
 * namespace has: Secrets above all are created apart from them.
 */
export type InventoryOrigin = 'live' | 'files';

export interface Inventory {
  origin: InventoryOrigin;
  namespaces: ReadonlyMap<string, NamespaceInventory>;
  /** Cluster-scoped objects by kind (ClusterRole, ClusterRoleBinding, Namespace, …). */
  clusterScoped: ReadonlyMap<string, readonly KubeObject[]>;
  /** Kinds that could not be read, so checks that need them are marked not evaluated. */
  accessGaps: readonly AccessGap[];
  /**
   * Go-live reviews (ReadinessReview objects) by the namespace they were written in, whether or
   * not it was read: kept apart from `byKind` because no check grades them; their accepted risks
   * are waivers (lib/checks/waivers/reviews.ts).
   */
  reviews?: ReadonlyMap<string, readonly KubeObject[]>;
}

/** Namespaces that belong to Kubernetes itself and are not graded by default. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const SECRET_VALUE_FIELDS = ['data', 'stringData'] as const;

/**
 * Reduce a Secret to what Shipshape may hold: metadata, type, key names and, for registry
 * pull secrets, the registry host names. The values never go further than this function.
 */
export function redactSecret(secret: KubeObject): SecretSummary {
  const keys = new Set<string>();
  for (const field of SECRET_VALUE_FIELDS) {
    const values = secret[field];
    if (values && typeof values === 'object') for (const key of Object.keys(values)) keys.add(key);
  }
  const type = typeof secret.type === 'string' ? secret.type : undefined;
  const summary: SecretSummary = {
    apiVersion: secret.apiVersion,
    kind: 'Secret',
    metadata: stripServerNoise(secret.metadata),
    dataKeys: [...keys].sort(),
  };
  if (type) summary.type = type;
  const hosts = registryHostsOf(secret, type);
  if (hosts) summary.registryHosts = hosts;
  return summary;
}

/** Read only the host names out of a dockerconfigjson / dockercfg Secret. */
function registryHostsOf(secret: KubeObject, type: string | undefined): string[] | undefined {
  const key =
    type === 'kubernetes.io/dockerconfigjson' ? '.dockerconfigjson' : type === 'kubernetes.io/dockercfg' ? '.dockercfg' : undefined;
  if (!key) return undefined;
  const data = secret.data as Record<string, unknown> | undefined;
  const stringData = secret.stringData as Record<string, unknown> | undefined;
  let text: string | undefined;
  if (typeof stringData?.[key] === 'string') text = stringData[key] as string;
  else if (typeof data?.[key] === 'string') text = decodeBase64(data[key] as string);
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const auths = key === '.dockerconfigjson' ? parsed.auths : parsed;
    if (!auths || typeof auths !== 'object') return [];
    const hosts = Object.keys(auths)
      .map(normaliseRegistryHost)
      .filter((host) => host !== undefined);
    return [...new Set(hosts)].sort();
  } catch {
    return [];
  }
}

/**
 * A registry as pages may show it: a DNS name (labels may be `*`, as the kubelet matches
 * `*.example.com`) or IPv4 address, or a bracketed IPv6 one, and an optional port.
 */
const REGISTRY_HOST =
  /^(?:(?:\*|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.(?:\*|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?))*|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/**
 * `https://index.docker.io/v1/` → `docker.io`; `registry.example.com:5000/path` →
 * `registry.example.com:5000`. Userinfo (`robot:password@`) is credentials and is cut off;
 * whatever is then not a plain host[:port] is dropped (undefined), never shown.
 */
export function normaliseRegistryHost(entry: string): string | undefined {
  const withoutScheme = entry.trim().replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const authority = withoutScheme.split(/[/?#]/)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.length === 0 || host.length > 253 || !REGISTRY_HOST.test(host)) return undefined;
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}

/** Drop fields that are bulky and never graded: managedFields and kubectl's last-applied copy. */
function stripServerNoise<T extends KubeObject['metadata']>(metadata: T): T {
  const { managedFields: _managed, ...rest } = metadata as T & { managedFields?: unknown };
  const kept: KubeObject['metadata'] = { ...rest, name: metadata.name };
  const annotations = metadata.annotations;
  if (annotations && Object.hasOwn(annotations, LAST_APPLIED)) {
    const { [LAST_APPLIED]: _lastApplied, ...otherAnnotations } = annotations;
    kept.annotations = otherAnnotations;
  }
  return kept as T;
}

/** Already reduced (admission is idempotent: the live source admits each page as it arrives). */
function isSecretSummary(secret: KubeObject): boolean {
  return Array.isArray(secret.dataKeys) && secret.data === undefined && secret.stringData === undefined;
}

/** Normalise one object as it enters the inventory: strip noise, redact Secrets. */
export function admitObject(object: KubeObject): KubeObject {
  if (object.kind === 'Secret') return isSecretSummary(object) ? object : redactSecret(object);
  return { ...object, metadata: stripServerNoise(object.metadata) };
}

function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const spec = object.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  switch (object.kind) {
    case 'Pod':
      return { metadata: object.metadata, spec: spec as unknown as PodTemplate['spec'] };
    case 'CronJob': {
      const jobTemplate = spec.jobTemplate as { spec?: { template?: PodTemplate } } | undefined;
      return jobTemplate?.spec?.template;
    }
    default:
      return spec.template as PodTemplate | undefined;
  }
}

function isControlledPod(object: KubeObject): boolean {
  return object.kind === 'Pod' && (object.metadata.ownerReferences ?? []).some((owner) => owner.controller);
}

function isControlledJob(object: KubeObject): boolean {
  return object.kind === 'Job' && (object.metadata.ownerReferences ?? []).some((owner) => owner.kind === 'CronJob');
}

export function workloadOf(object: KubeObject): Workload | undefined {
  const kind = object.kind;
  if (!isWorkloadKind(kind)) return undefined;
  if (isControlledPod(object) || isControlledJob(object)) return undefined;
  const template = podTemplateOf(object);
  if (!template?.spec || !Array.isArray(template.spec.containers)) return undefined;
  const workload: Workload = {
    kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace ?? 'default',
    object,
    template,
  };
  if (object.kind === 'Deployment' || object.kind === 'StatefulSet') {
    const replicas = (object.spec as { replicas?: number }).replicas;
    // The API server defaults an unset replicas to 1; a snapshot may omit it.
    workload.replicas = typeof replicas === 'number' ? replicas : 1;
  }
  return workload;
}

export interface BuildInventoryOptions {
  /** `files` when unset. */
  origin?: InventoryOrigin;
}

/**
 * Group admitted objects into an inventory. Objects without a namespace that are not
 * cluster-scoped land in `default`, as `kubectl apply` would put them.
 */
export function buildInventory(
  objects: readonly KubeObject[],
  accessGaps: readonly AccessGap[] = [],
  options: BuildInventoryOptions = {},
): Inventory {
  const clusterScoped = new Map<string, KubeObject[]>();
  const byNamespace = new Map<string, Map<string, KubeObject[]>>();
  const namespaceObjects = new Map<string, KubeObject>();

  const bucket = (namespace: string) => {
    let kinds = byNamespace.get(namespace);
    if (!kinds) {
      kinds = new Map();
      byNamespace.set(namespace, kinds);
    }
    return kinds;
  };

  const reviews = new Map<string, KubeObject[]>();
  for (const raw of objects) {
    const object = admitObject(raw);
    if (object.kind === 'ReadinessReview') {
      pushTo(reviews, object.metadata.namespace ?? 'default', object);
      continue;
    }
    if (CLUSTER_SCOPED_KINDS.has(object.kind)) {
      pushTo(clusterScoped, object.kind, object);
      if (object.kind === 'Namespace') {
        namespaceObjects.set(object.metadata.name, object);
        bucket(object.metadata.name);
      }
      continue;
    }
    const namespace = object.metadata.namespace ?? 'default';
    pushTo(bucket(namespace), object.kind, object);
  }

  const namespaces = new Map<string, NamespaceInventory>();
  for (const name of [...byNamespace.keys()].sort()) {
    const byKind = byNamespace.get(name) ?? new Map<string, KubeObject[]>();
    const workloads: Workload[] = [];
    for (const kind of WORKLOAD_KINDS) {
      for (const object of byKind.get(kind) ?? []) {
        const workload = workloadOf(object);
        if (workload) workloads.push(workload);
      }
    }
    const entry: NamespaceInventory = { name, byKind, workloads };
    const namespaceObject = namespaceObjects.get(name);
    if (namespaceObject) entry.namespaceObject = namespaceObject;
    namespaces.set(name, entry);
  }
  const inventory: Inventory = { origin: options.origin ?? 'files', namespaces, clusterScoped, accessGaps };
  if (reviews.size > 0) inventory.reviews = reviews;
  return inventory;
}

function pushTo(map: Map<string, KubeObject[]>, key: string, object: KubeObject) {
  const list = map.get(key);
  if (list) list.push(object);
  else map.set(key, [object]);
}

/** Objects of one kind in a namespace (empty when none). */
export function objectsOf<Kind extends KnownKind>(namespace: NamespaceInventory, kind: Kind): readonly ObjectOf<Kind>[] {
  // The one cast: admission (lib/k8s/admission-schema.ts) has checked these fields' types.
  return (namespace.byKind.get(kind) ?? []) as readonly ObjectOf<Kind>[];
}

/** The access gap, if any, that prevents reading `kind` in `namespace`. */
export function accessGapFor(inventory: Inventory, kind: string, namespace: string): AccessGap | undefined {
  return inventory.accessGaps.find((gap) => gap.kind === kind && (gap.namespace === undefined || gap.namespace === namespace));
}

function decodeBase64(value: string): string {
  try {
    return atob(value);
  } catch {
    return '';
  }
}
