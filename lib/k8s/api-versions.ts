/**
 * Kubernetes API versions: which ones Kubernetes deprecated and stopped serving, and what the old
 * versions defaulted differently. Pure data and comparisons, shared by the checks and the sources.
 *
 * Sources: the Deprecated API Migration Guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/) for the releases that stopped
 * serving each version and its replacement, and the `prerelease-lifecycle-gen` tags of k8s.io/api
 * v0.37.2 (`zz_generated.prerelease-lifecycle.go`: APILifecycleDeprecated / APILifecycleRemoved)
 * for the release that deprecated it. Versions no longer in k8s.io/api (autoscaling/v2beta1 and
 * v2beta2, the PodSecurityPolicy betas, rbac v1alpha1) use the deprecation the API server itself
 * announced ("… is deprecated in v1.23+, unavailable in v1.26+").
 */

/** A Kubernetes minor release, e.g. 1.37. */
export interface KubernetesVersion {
  major: number;
  minor: number;
}

/**
 * The release Shipshape grades against when neither the configuration file nor a live API server
 * names one: the release of the control plane the tests run (k8s.io/kubernetes v1.37).
 */
export const DEFAULT_KUBERNETES_VERSION = '1.37';

/**
 * `1.37`, `v1.37.2`, `1.37.2-eks-abc`; also the `/version` fields `major: "1"`, `minor: "37+"`
 * that managed clusters send (GKE and EKS add a `+`). Undefined when it is not a version.
 */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const match = /^v?(\d{1,3})\.(\d{1,3})\+?(?:\.\d{1,4})?(?:[-+][0-9A-Za-z.-]{0,80})?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function formatKubernetesVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}

/** Negative when `a` is older than `b`, zero when the same minor release, positive when newer. */
export function compareKubernetesVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** One API version of one kind that Kubernetes deprecated and then stopped serving. */
export interface DeprecatedApiVersion {
  apiVersion: string;
  kind: string;
  /** The release that deprecated it (`1.8`). */
  deprecatedIn: string;
  /** The first release that no longer serves it (`1.16`). */
  removedIn: string;
  /** What to write instead (`apps/v1`), or a sentence when there is no like-for-like replacement. */
  replacement: string;
  /** What changes on migrating, when the guide calls it out. */
  note?: string;
}

const entries = (
  apiVersion: string,
  kinds: readonly string[],
  deprecatedIn: string,
  removedIn: string,
  replacement: string,
  note?: string,
): DeprecatedApiVersion[] =>
  kinds.map((kind) => {
    const entry: DeprecatedApiVersion = { apiVersion, kind, deprecatedIn, removedIn, replacement };
    if (note) entry.note = note;
    return entry;
  });

const SELECTOR_NOTE = 'spec.selector is required in apps/v1: write the template labels as the selector';

/** Every deprecated-and-removed API version Shipshape knows, by the release that stopped serving it. */
export const DEPRECATED_API_VERSIONS: readonly DeprecatedApiVersion[] = [
  // Removed in 1.16
  ...entries('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.8', '1.16', 'apps/v1', SELECTOR_NOTE),
  ...entries('apps/v1beta1', ['Deployment', 'StatefulSet', 'ControllerRevision'], '1.8', '1.16', 'apps/v1', SELECTOR_NOTE),
  ...entries('apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], '1.9', '1.16', 'apps/v1'),
  ...entries('extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', 'networking.k8s.io/v1'),
  ...entries('extensions/v1beta1', ['PodSecurityPolicy'], '1.11', '1.16', 'policy/v1beta1'),
  // Removed in 1.22
  ...entries(
    'extensions/v1beta1',
    ['Ingress'],
    '1.14',
    '1.22',
    'networking.k8s.io/v1',
    'backends become service.name and service.port, and every path needs a pathType',
  ),
  ...entries(
    'networking.k8s.io/v1beta1',
    ['Ingress'],
    '1.19',
    '1.22',
    'networking.k8s.io/v1',
    'backends become service.name and service.port, and every path needs a pathType',
  ),
  ...entries('networking.k8s.io/v1beta1', ['IngressClass'], '1.19', '1.22', 'networking.k8s.io/v1'),
  ...entries(
    'rbac.authorization.k8s.io/v1beta1',
    ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
    '1.17',
    '1.22',
    'rbac.authorization.k8s.io/v1',
  ),
  ...entries(
    'rbac.authorization.k8s.io/v1alpha1',
    ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
    '1.17',
    '1.22',
    'rbac.authorization.k8s.io/v1',
  ),
  ...entries('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1'),
  ...entries('storage.k8s.io/v1beta1', ['StorageClass', 'VolumeAttachment', 'CSIDriver'], '1.19', '1.22', 'storage.k8s.io/v1'),
  ...entries('storage.k8s.io/v1beta1', ['CSINode'], '1.17', '1.22', 'storage.k8s.io/v1'),
  ...entries(
    'admissionregistration.k8s.io/v1beta1',
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    '1.16',
    '1.22',
    'admissionregistration.k8s.io/v1',
    'failurePolicy now defaults to Fail and timeoutSeconds to 10; sideEffects and admissionReviewVersions are required',
  ),
  ...entries(
    'apiextensions.k8s.io/v1beta1',
    ['CustomResourceDefinition'],
    '1.16',
    '1.22',
    'apiextensions.k8s.io/v1',
    'spec.scope is required and every version needs a structural schema',
  ),
  ...entries('apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', 'apiregistration.k8s.io/v1'),
  ...entries('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', 'certificates.k8s.io/v1'),
  ...entries('coordination.k8s.io/v1beta1', ['Lease'], '1.19', '1.22', 'coordination.k8s.io/v1'),
  // Removed in 1.25
  ...entries('batch/v1beta1', ['CronJob'], '1.21', '1.25', 'batch/v1'),
  ...entries(
    'policy/v1beta1',
    ['PodDisruptionBudget'],
    '1.21',
    '1.25',
    'policy/v1',
    'an empty selector ({}) selects every pod of the namespace in policy/v1, none in policy/v1beta1',
  ),
  ...entries(
    'policy/v1beta1',
    ['PodSecurityPolicy'],
    '1.21',
    '1.25',
    'Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce)',
  ),
  ...entries('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', 'autoscaling/v2'),
  ...entries('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', 'discovery.k8s.io/v1'),
  ...entries('events.k8s.io/v1beta1', ['Event'], '1.22', '1.25', 'events.k8s.io/v1'),
  ...entries('node.k8s.io/v1beta1', ['RuntimeClass'], '1.22', '1.25', 'node.k8s.io/v1'),
  // Removed in 1.26, 1.27, 1.29, 1.32
  ...entries('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', 'autoscaling/v2'),
  ...entries(
    'flowcontrol.apiserver.k8s.io/v1beta1',
    ['FlowSchema', 'PriorityLevelConfiguration'],
    '1.23',
    '1.26',
    'flowcontrol.apiserver.k8s.io/v1',
  ),
  ...entries('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', 'storage.k8s.io/v1'),
  ...entries(
    'flowcontrol.apiserver.k8s.io/v1beta2',
    ['FlowSchema', 'PriorityLevelConfiguration'],
    '1.26',
    '1.29',
    'flowcontrol.apiserver.k8s.io/v1',
  ),
  ...entries(
    'flowcontrol.apiserver.k8s.io/v1beta3',
    ['FlowSchema', 'PriorityLevelConfiguration'],
    '1.29',
    '1.32',
    'flowcontrol.apiserver.k8s.io/v1',
  ),
  ...entries(
    'admissionregistration.k8s.io/v1beta1',
    ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    '1.31',
    '1.34',
    'admissionregistration.k8s.io/v1',
  ),
];

/** The stable versions each kind Shipshape reads is served at today. */
const CURRENT_API_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  Namespace: ['v1'],
  Pod: ['v1'],
  Service: ['v1'],
  ServiceAccount: ['v1'],
  Secret: ['v1'],
  ConfigMap: ['v1'],
  ResourceQuota: ['v1'],
  LimitRange: ['v1'],
  Deployment: ['apps/v1'],
  StatefulSet: ['apps/v1'],
  DaemonSet: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1'],
  Ingress: ['networking.k8s.io/v1'],
  NetworkPolicy: ['networking.k8s.io/v1'],
  PodDisruptionBudget: ['policy/v1'],
  HorizontalPodAutoscaler: ['autoscaling/v1', 'autoscaling/v2'],
  Role: ['rbac.authorization.k8s.io/v1'],
  RoleBinding: ['rbac.authorization.k8s.io/v1'],
  ClusterRole: ['rbac.authorization.k8s.io/v1'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io/v1'],
  PriorityClass: ['scheduling.k8s.io/v1'],
  StorageClass: ['storage.k8s.io/v1'],
  IngressClass: ['networking.k8s.io/v1'],
};

const BY_KEY = new Map(DEPRECATED_API_VERSIONS.map((entry) => [`${entry.apiVersion} ${entry.kind}`, entry]));

/**
 * How one object's API version stands in the targeted release. `removed`: no API server of that
 * release accepts it. `deprecated`: still served, going away. `served`: a current version, or a
 * deprecated one the target predates. `unknown`: a group or version this table does not know
 * (custom resources, typos), which Shipshape does not judge.
 */
export type ApiVersionStanding =
  | { state: 'removed'; entry: DeprecatedApiVersion }
  | { state: 'deprecated'; entry: DeprecatedApiVersion }
  | { state: 'served'; entry?: DeprecatedApiVersion }
  | { state: 'unknown' };

export function apiVersionStanding(apiVersion: string, kind: string, target: KubernetesVersion): ApiVersionStanding {
  const entry = BY_KEY.get(`${apiVersion} ${kind}`);
  if (entry) {
    const removed = parseKubernetesVersion(entry.removedIn) as KubernetesVersion;
    const deprecated = parseKubernetesVersion(entry.deprecatedIn) as KubernetesVersion;
    if (compareKubernetesVersions(target, removed) >= 0) return { state: 'removed', entry };
    if (compareKubernetesVersions(target, deprecated) >= 0) return { state: 'deprecated', entry };
    return { state: 'served', entry };
  }
  return CURRENT_API_VERSIONS[kind]?.includes(apiVersion) ? { state: 'served' } : { state: 'unknown' };
}

// What the old versions defaulted differently (the migration guide's "notable changes").

/**
 * Where a workload's own API version filled in spec.selector from the pod template labels when the
 * manifest left it out: extensions/v1beta1 and apps/v1beta1. apps/v1beta2 and apps/v1 require it.
 */
export function selectorDefaultedFromTemplate(apiVersion: string, kind: string): boolean {
  if (apiVersion === 'extensions/v1beta1') return kind === 'Deployment' || kind === 'DaemonSet' || kind === 'ReplicaSet';
  if (apiVersion === 'apps/v1beta1') return kind === 'Deployment' || kind === 'StatefulSet';
  return false;
}

/** A Deployment's rolling-update defaults in its own API version: 1 and 1 in extensions/v1beta1, else 25 % and 25 %. */
export function rollingUpdateDefaults(apiVersion: string): { maxUnavailable: number | string; maxSurge: number | string } {
  return apiVersion === 'extensions/v1beta1' ? { maxUnavailable: 1, maxSurge: 1 } : { maxUnavailable: '25%', maxSurge: '25%' };
}

/** The updateStrategy type a DaemonSet or StatefulSet gets when it names none: OnDelete in extensions/v1beta1 (DaemonSet) and apps/v1beta1 (StatefulSet). */
export function defaultUpdateStrategyType(apiVersion: string, kind: string): 'OnDelete' | 'RollingUpdate' {
  if (kind === 'DaemonSet' && apiVersion === 'extensions/v1beta1') return 'OnDelete';
  if (kind === 'StatefulSet' && apiVersion === 'apps/v1beta1') return 'OnDelete';
  return 'RollingUpdate';
}

/** policy/v1beta1 read an empty PodDisruptionBudget selector ({}) as selecting no pods; policy/v1 reads it as all of them. */
export function emptyBudgetSelectorSelectsNothing(apiVersion: string): boolean {
  return apiVersion === 'policy/v1beta1';
}
