/** Reading Roles and bindings: their rules, role references and subjects, and what bindings grant in a namespace. */
import { type Inventory, type NamespaceInventory, objectsOf } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import { refOf } from '../k8s/objects';
import type { ObjectFinding } from './types';
import { failFinding, passFinding } from './workload-helpers';

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

/** Groups every ServiceAccount belongs to; a namespace's own group is `system:serviceaccounts:<namespace>`. */
const ALL_ACCOUNT_GROUPS = new Set(['system:serviceaccounts', 'system:authenticated']);

/** Does a (ClusterRole)Binding reach every ServiceAccount of the namespace, through a group they all belong to? */
export function bindsEveryAccountOf(binding: KubeObject, namespaceName: string): boolean {
  return subjectsOf(binding).some(
    (subject) =>
      subject.kind === 'Group' &&
      subject.name !== undefined &&
      (ALL_ACCOUNT_GROUPS.has(subject.name) || subject.name === `system:serviceaccounts:${namespaceName}`),
  );
}

/** The ServiceAccounts of the namespace a binding names as subjects (with their namespace, as a ClusterRoleBinding must). */
export function accountsNamedBy(binding: KubeObject, namespaceName: string): string[] {
  return subjectsOf(binding)
    .filter((subject) => subject.kind === 'ServiceAccount' && subject.namespace === namespaceName && subject.name)
    .map((subject) => subject.name as string);
}

/** The namespace's ServiceAccount of that name, or a stand-in when the inventory does not hold it. */
export function serviceAccountOf(namespace: NamespaceInventory, name: string): KubeObject {
  return (
    objectsOf(namespace, 'ServiceAccount').find((candidate) => candidate.metadata.name === name) ?? {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: namespace.name },
    }
  );
}

const READ_VERBS = ['get', 'list', 'watch'];
const WRITE_VERBS = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const POD_ACCESS = ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'];

/**
 * The default ClusterRoles every cluster has, for snapshots that do not carry them (a live
 * cluster lists the real ones, which win). Abridged from Kubernetes' bootstrap policy to the
 * rules the RBAC checks weigh; none of them uses a wildcard but cluster-admin.
 */
const BUILT_IN_CLUSTER_ROLE_RULES: Readonly<Record<string, readonly PolicyRule[]>> = {
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
    const named = accountsNamedBy(binding, namespace.name);
    const viaGroup = bindsEveryAccountOf(binding, namespace.name);
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
    findings.push({ object: refOf(serviceAccountOf(namespace, name)), status, message: `cluster-wide: ${[...new Set(parts)].join('; ')}` });
  }
  return findings;
}
