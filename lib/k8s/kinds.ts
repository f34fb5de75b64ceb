/**
 * The one table of the kinds Shipshape reads: where the API serves each (the version a 1.25+
 * cluster serves it at, and its plural), whether it lives in a namespace, and whether it is a
 * workload whose pod template is graded. The loader, the live reader, the checks' `reads` and
 * `targets` and the inventory all derive from it, so a kind is added in one place and a misspelt
 * kind fails to compile.
 */

export interface KindInfo {
  kind: string;
  /** `v1` for the core group, else `group/version`. */
  apiVersion: string;
  plural: string;
  namespaced: boolean;
  /** A workload: a controller or bare Pod with a pod template the checks grade. */
  workload: boolean;
  /**
   * Served by Shipshape's own CustomResourceDefinition (deploy/crd/), which a cluster has only
   * once someone installs it: never graded by a check, and read apart from the built-in kinds.
   */
  custom?: true;
}

// Namespace first (the reader lists it before the rest), then in the order the live reader lists
// kinds; workloads keep the order the inventory walks them in.
export const KINDS = [
  { kind: 'Namespace', apiVersion: 'v1', plural: 'namespaces', namespaced: false, workload: false },
  { kind: 'Deployment', apiVersion: 'apps/v1', plural: 'deployments', namespaced: true, workload: true },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', plural: 'statefulsets', namespaced: true, workload: true },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true, workload: true },
  // A ReplicaSet is read for its owner chain and its own template, but the workload is its Deployment.
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', plural: 'replicasets', namespaced: true, workload: false },
  { kind: 'Job', apiVersion: 'batch/v1', plural: 'jobs', namespaced: true, workload: true },
  { kind: 'CronJob', apiVersion: 'batch/v1', plural: 'cronjobs', namespaced: true, workload: true },
  { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true, workload: true },
  { kind: 'Service', apiVersion: 'v1', plural: 'services', namespaced: true, workload: false },
  { kind: 'ServiceAccount', apiVersion: 'v1', plural: 'serviceaccounts', namespaced: true, workload: false },
  { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', namespaced: true, workload: false },
  // Secrets: the checks need type, key names and pull-secret registry hosts. Each object is
  // reduced to exactly that (admitObject → redactSecret) the moment it arrives.
  { kind: 'Secret', apiVersion: 'v1', plural: 'secrets', namespaced: true, workload: false },
  { kind: 'ResourceQuota', apiVersion: 'v1', plural: 'resourcequotas', namespaced: true, workload: false },
  { kind: 'LimitRange', apiVersion: 'v1', plural: 'limitranges', namespaced: true, workload: false },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true, workload: false },
  { kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', plural: 'networkpolicies', namespaced: true, workload: false },
  { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', plural: 'poddisruptionbudgets', namespaced: true, workload: false },
  {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
    workload: false,
  },
  { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'roles', namespaced: true, workload: false },
  { kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'rolebindings', namespaced: true, workload: false },
  { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'clusterroles', namespaced: false, workload: false },
  {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
    namespaced: false,
    workload: false,
  },
  // Go-live reviews (lib/review): their accepted risks are waivers; no check grades them.
  {
    kind: 'ReadinessReview',
    apiVersion: 'reviews.shipshape.dev/v1alpha1',
    plural: 'readinessreviews',
    namespaced: true,
    workload: false,
    custom: true,
  },
] as const satisfies readonly KindInfo[];

type KindEntry = (typeof KINDS)[number];

/** A kind Shipshape reads; anything else in a snapshot is counted and ignored. */
export type KnownKind = KindEntry['kind'];

/** The workload kinds whose pod templates Shipshape grades. */
export type WorkloadKind = Extract<KindEntry, { workload: true }>['kind'];

/** Kinds Shipshape reads, in the table's order. */
export const KNOWN_KINDS: readonly KnownKind[] = KINDS.map((entry) => entry.kind);

export const WORKLOAD_KINDS: readonly WorkloadKind[] = KINDS.flatMap((entry) => (entry.workload ? [entry.kind] : []));

/** Kinds that live outside namespaces (Namespace, ClusterRole, ClusterRoleBinding). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set(KINDS.flatMap((entry) => (entry.namespaced ? [] : [entry.kind])));

/** Kinds served by Shipshape's own CustomResourceDefinitions (ReadinessReview). */
export const CUSTOM_KINDS: ReadonlySet<string> = new Set(KINDS.flatMap((entry) => ('custom' in entry ? [entry.kind] : [])));

const BY_KIND: ReadonlyMap<string, KindEntry> = new Map(KINDS.map((entry) => [entry.kind, entry]));

export function isKnownKind(kind: string): kind is KnownKind {
  return BY_KIND.has(kind);
}

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return BY_KIND.get(kind)?.workload === true;
}

/** The table's row for a kind. */
export function kindInfo(kind: KnownKind): KindInfo {
  // Every KnownKind has a row: the type is derived from the table.
  return BY_KIND.get(kind) as KindInfo;
}
