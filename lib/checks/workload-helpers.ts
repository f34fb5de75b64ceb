/** Small helpers the checks share: walking containers, matching selectors, naming objects. */
import { type Inventory, type NamespaceInventory, objectsOf, type Workload } from '../inventory';
import type { Container, KubeObject, LabelSelector, ObjectRef, ResourceRequirements } from '../k8s/objects';
import { refOf } from '../k8s/objects';
import type { ObjectFinding } from './types';

/** App containers and init containers of a workload, each with a label for messages. */
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
export function podOwner(pod: KubeObject, namespace: NamespaceInventory): ObjectRef | undefined {
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
export function referencedNames(list: unknown): string[] {
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

/** The images of a workload's app and init containers, in order (containers without an image are skipped). */
export function imagesOf(workload: Workload): string[] {
  return containersOf(workload, { includeInit: true }).flatMap((container) => (container.image ? [container.image] : []));
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

interface NetworkPolicySpec {
  podSelector?: LabelSelector | null;
  policyTypes?: string[] | null;
  ingress?: unknown[] | null;
  egress?: unknown[] | null;
}

export function networkPolicySpecOf(policy: KubeObject): NetworkPolicySpec {
  return (policy.spec ?? {}) as NetworkPolicySpec;
}

/**
 * The directions a NetworkPolicy isolates, as the API server defaults them: the listed
 * policyTypes; when the list is absent or empty, Ingress, plus Egress if it has egress rules.
 */
export function policyTypesOf(policy: KubeObject): ('Ingress' | 'Egress')[] {
  const spec = networkPolicySpecOf(policy);
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
    return (['Ingress', 'Egress'] as const).filter((type) => spec.policyTypes?.includes(type));
  }
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Does a NetworkPolicy select pods with these labels? `podSelector: {}` (or none at all) selects every pod of its namespace. */
export function policySelectsPods(policy: KubeObject, labels: Record<string, string> | undefined): boolean {
  return selectorMatches(networkPolicySpecOf(policy).podSelector ?? {}, labels);
}

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  apiGroups?: string[] | null;
  resources?: string[] | null;
  verbs?: string[] | null;
  resourceNames?: string[] | null;
}

export interface RbacSubject {
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface RoleRef {
  kind?: string;
  name?: string;
}

export const rulesOf = (role: KubeObject): PolicyRule[] => (role.rules as PolicyRule[] | null | undefined) ?? [];

export const roleRefOf = (binding: KubeObject): RoleRef => (binding.roleRef as RoleRef | null | undefined) ?? {};

export const subjectsOf = (binding: KubeObject): RbacSubject[] => (binding.subjects as RbacSubject[] | null | undefined) ?? [];

export function describeSubject(subject: RbacSubject): string {
  return `${subject.kind ?? 'subject'} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name ?? '?'}`;
}

const READ_VERBS = ['get', 'list', 'watch'];
const WRITE_VERBS = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const POD_ACCESS = ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'];

/**
 * The default ClusterRoles every cluster has, for snapshots that do not carry them (a live
 * cluster lists the real ones, which win). Abridged from Kubernetes' bootstrap policy to the
 * rules the RBAC checks weigh; none of them uses a wildcard but cluster-admin.
 */
export const BUILT_IN_CLUSTER_ROLE_RULES: Readonly<Record<string, readonly PolicyRule[]>> = {
  'cluster-admin': [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  admin: [
    { apiGroups: [''], resources: [...POD_ACCESS, 'secrets', 'services/proxy'], verbs: READ_VERBS },
    { apiGroups: [''], resources: ['pods', ...POD_ACCESS], verbs: WRITE_VERBS },
    { apiGroups: [''], resources: ['configmaps', 'secrets', 'serviceaccounts', 'services', 'persistentvolumeclaims'], verbs: WRITE_VERBS },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ_VERBS, ...WRITE_VERBS] },
  ],
  edit: [
    { apiGroups: [''], resources: [...POD_ACCESS, 'secrets', 'services/proxy'], verbs: READ_VERBS },
    { apiGroups: [''], resources: ['pods', ...POD_ACCESS], verbs: WRITE_VERBS },
    { apiGroups: [''], resources: ['configmaps', 'secrets', 'serviceaccounts', 'services', 'persistentvolumeclaims'], verbs: WRITE_VERBS },
  ],
  view: [
    { apiGroups: [''], resources: ['pods', 'pods/log', 'configmaps', 'services', 'endpoints', 'serviceaccounts'], verbs: READ_VERBS },
    { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: READ_VERBS },
  ],
};

/**
 * The rules a binding's roleRef grants: its Role in the namespace, the ClusterRole the inventory
 * holds, or a built-in ClusterRole. Undefined when the role cannot be seen (it cannot be graded).
 */
export function rulesOfRoleRef(ref: RoleRef, namespace: NamespaceInventory, inventory: Inventory): readonly PolicyRule[] | undefined {
  if (!ref.name) return undefined;
  if (ref.kind === 'Role') {
    const role = objectsOf(namespace, 'Role').find((candidate) => candidate.metadata.name === ref.name);
    return role ? rulesOf(role) : undefined;
  }
  if (ref.kind !== 'ClusterRole') return undefined;
  const clusterRole = (inventory.clusterScoped.get('ClusterRole') ?? []).find((candidate) => candidate.metadata.name === ref.name);
  if (clusterRole) return rulesOf(clusterRole);
  return Object.hasOwn(BUILT_IN_CLUSTER_ROLE_RULES, ref.name) ? BUILT_IN_CLUSTER_ROLE_RULES[ref.name] : undefined;
}

/**
 * Does a rule allow `verb` on `resource` (`secrets`, `pods/exec`) of an API group, as the RBAC
 * authorizer matches: `*` matches anything, `*` + `/exec` any resource's exec subresource; a
 * resource name followed by a slash and `*` is not a pattern to Kubernetes.
 */
export function ruleAllows(rule: PolicyRule, apiGroup: string, resource: string, verb: string): boolean {
  const groups = rule.apiGroups ?? [];
  const verbs = rule.verbs ?? [];
  if (!groups.includes('*') && !groups.includes(apiGroup)) return false;
  if (!verbs.includes('*') && !verbs.includes(verb)) return false;
  const slash = resource.indexOf('/');
  const subresource = slash >= 0 ? resource.slice(slash + 1) : '';
  return (rule.resources ?? []).some(
    (candidate) => candidate === '*' || candidate === resource || (subresource !== '' && candidate === `*/${subresource}`),
  );
}

/** What a set of rules is judged to grant, in words that follow "grants" (e.g. "get, list on every Secret"). */
export interface GrantAssessment {
  status: ObjectFinding['status'];
  detail: string;
}

const STATUS_ORDER: Record<ObjectFinding['status'], number> = { pass: 0, warn: 1, fail: 2 };

/** Groups every ServiceAccount belongs to; a namespace's own group is `system:serviceaccounts:<namespace>`. */
const ALL_ACCOUNT_GROUPS = new Set(['system:serviceaccounts', 'system:authenticated']);

/**
 * Findings for what bindings grant in a namespace. Each RoleBinding whose role can be seen is
 * graded. ClusterRoleBindings are cluster-level, so they land on the namespace's ServiceAccounts
 * they reach: by name, or through a group (then on every account, the always-present `default`
 * one included, and only when they grant something).
 */
export function rbacGrantFindings(
  namespace: NamespaceInventory,
  inventory: Inventory,
  assess: (rules: readonly PolicyRule[]) => GrantAssessment,
): ObjectFinding[] {
  const findings: ObjectFinding[] = [];
  for (const binding of objectsOf(namespace, 'RoleBinding')) {
    const ref = roleRefOf(binding);
    const rules = rulesOfRoleRef(ref, namespace, inventory);
    if (!rules) continue;
    const { status, detail } = assess(rules);
    const role = `${ref.kind} ${ref.name}`;
    if (status === 'pass') {
      findings.push(passFinding(binding, `${role} grants ${detail}`));
    } else {
      const subjects = subjectsOf(binding).map(describeSubject);
      findings.push(
        failFinding(binding, `${role} grants ${detail} to ${subjects.length > 0 ? subjects.join(', ') : 'no subject yet'}`, status),
      );
    }
  }

  const accounts = new Set(['default', ...objectsOf(namespace, 'ServiceAccount').map((account) => account.metadata.name)]);
  const byAccount = new Map<string, { status: ObjectFinding['status']; parts: string[] }>();
  for (const binding of inventory.clusterScoped.get('ClusterRoleBinding') ?? []) {
    const ref = roleRefOf(binding);
    if (ref.kind !== 'ClusterRole') continue;
    const named = subjectsOf(binding)
      .filter((subject) => subject.kind === 'ServiceAccount' && subject.namespace === namespace.name && subject.name)
      .map((subject) => subject.name as string);
    const viaGroup = subjectsOf(binding).some(
      (subject) =>
        subject.kind === 'Group' &&
        subject.name !== undefined &&
        (ALL_ACCOUNT_GROUPS.has(subject.name) || subject.name === `system:serviceaccounts:${namespace.name}`),
    );
    if (named.length === 0 && !viaGroup) continue;
    const rules = rulesOfRoleRef(ref, namespace, inventory);
    if (!rules) continue;
    const { status, detail } = assess(rules);
    // Groups reach every account, so only a grant that matters is worth a finding on each.
    const reached = status !== 'pass' && viaGroup ? [...accounts, ...named] : named;
    for (const name of reached) {
      const entry = byAccount.get(name) ?? { status: 'pass', parts: [] };
      if (STATUS_ORDER[status] > STATUS_ORDER[entry.status]) entry.status = status;
      entry.parts.push(`ClusterRoleBinding ${binding.metadata.name} (ClusterRole ${ref.name}) grants ${detail}`);
      byAccount.set(name, entry);
    }
  }
  for (const [name, { status, parts }] of [...byAccount].sort(([a], [b]) => a.localeCompare(b))) {
    const account = objectsOf(namespace, 'ServiceAccount').find((candidate) => candidate.metadata.name === name) ?? {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: namespace.name },
    };
    findings.push({ object: refOf(account), status, message: `cluster-wide: ${[...new Set(parts)].join('; ')}` });
  }
  return findings;
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
