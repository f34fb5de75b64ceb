/**
 * Reading Roles and bindings: their rules (aggregated ClusterRoles included), role references and
 * subjects, and what bindings grant in a namespace.
 */
import { type Inventory, type NamespaceInventory, objectsOf } from '../../inventory';
import type { KubeObject, LabelSelector } from '../../k8s/objects';
import { refOf } from '../../k8s/objects';
import { selectorMatches } from '../../k8s/selectors';
import { failFinding, passFinding } from '../findings';
import type { ObjectFinding } from '../types';

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

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];

/** A role's rules, each list reduced to its strings: a malformed rule grants nothing rather than breaking a check. */
export const rulesOf = (role: KubeObject): PolicyRule[] =>
  (Array.isArray(role.rules) ? role.rules : [])
    .filter((rule): rule is Record<string, unknown> => rule !== null && typeof rule === 'object')
    .map((rule) => ({
      apiGroups: stringsOf(rule.apiGroups),
      resources: stringsOf(rule.resources),
      verbs: stringsOf(rule.verbs),
      resourceNames: stringsOf(rule.resourceNames),
    }));

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

/** The built-in ClusterRoles that aggregate others, and the label each gathers them by (Kubernetes' bootstrap policy). */
const BUILT_IN_AGGREGATION_LABELS: Readonly<Record<string, string>> = {
  admin: 'rbac.authorization.k8s.io/aggregate-to-admin',
  edit: 'rbac.authorization.k8s.io/aggregate-to-edit',
  view: 'rbac.authorization.k8s.io/aggregate-to-view',
};

function clusterRoleNamed(inventory: Inventory, name: string): KubeObject | undefined {
  return (inventory.clusterScoped.get('ClusterRole') ?? []).find((candidate) => candidate.metadata.name === name);
}

/** The selectors of a ClusterRole's aggregationRule (none when it aggregates nothing). */
function aggregationSelectorsOf(role: KubeObject | undefined, name: string): LabelSelector[] {
  if (!role) {
    const label = Object.hasOwn(BUILT_IN_AGGREGATION_LABELS, name) ? BUILT_IN_AGGREGATION_LABELS[name] : undefined;
    return label ? [{ matchLabels: { [label]: 'true' } }] : [];
  }
  const selectors = (role.aggregationRule as { clusterRoleSelectors?: unknown } | null | undefined)?.clusterRoleSelectors;
  return Array.isArray(selectors)
    ? selectors.filter((selector): selector is LabelSelector => selector !== null && typeof selector === 'object')
    : [];
}

const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

/** The labels the built-in ClusterRoles carry in every cluster, which aggregation selectors may match. */
const BUILT_IN_CLUSTER_ROLE_LABELS: Readonly<Record<string, Record<string, string>>> = {
  'cluster-admin': BOOTSTRAP_LABEL,
  admin: BOOTSTRAP_LABEL,
  edit: { ...BOOTSTRAP_LABEL, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
  view: { ...BOOTSTRAP_LABEL, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
};

/** The ClusterRoles an aggregationRule may gather: the inventory's, and the built-in ones it does not hold, as a cluster has them. */
function aggregationCandidates(inventory: Inventory): KubeObject[] {
  const held = inventory.clusterScoped.get('ClusterRole') ?? [];
  const builtIns = Object.entries(BUILT_IN_CLUSTER_ROLE_LABELS)
    .filter(([name]) => !held.some((role) => role.metadata.name === name))
    .map(([name, labels]): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels } }));
  return [...held, ...builtIns];
}

/** What one ClusterRole grants: its rules and, for an aggregated role, the names it gathers. */
export interface ClusterRoleGrant {
  rules: readonly PolicyRule[];
  /** ClusterRoles of the inventory whose rules an aggregationRule adds, however deep. */
  aggregates: readonly string[];
}

/**
 * The rules of a ClusterRole: the inventory's, else a built-in one, plus, when it has an
 * aggregationRule, the rules of every ClusterRole whose labels one of its selectors matches (an
 * empty selector matches them all, as Kubernetes' aggregation controller reads it), themselves
 * aggregated. A cluster's controller has already written that union into `rules`; manifests
 * usually leave them empty, so the union is made here and both grade alike. Undefined when the
 * role is neither in the inventory nor built in.
 */
export function clusterRoleGrant(name: string, inventory: Inventory): ClusterRoleGrant | undefined {
  // Inventories are not changed once built, and every RBAC check asks for the same roles in every namespace.
  let grants = GRANT_CACHE.get(inventory);
  if (!grants) {
    grants = new Map();
    GRANT_CACHE.set(inventory, grants);
  }
  if (!grants.has(name)) grants.set(name, computeClusterRoleGrant(name, inventory));
  return grants.get(name);
}

const GRANT_CACHE = new WeakMap<Inventory, Map<string, ClusterRoleGrant | undefined>>();

function computeClusterRoleGrant(name: string, inventory: Inventory): ClusterRoleGrant | undefined {
  const seen = new Set<string>();
  const aggregates: string[] = [];
  const candidates = aggregationCandidates(inventory);
  const gather = (roleName: string): PolicyRule[] | undefined => {
    seen.add(roleName);
    const role = clusterRoleNamed(inventory, roleName);
    let rules: PolicyRule[];
    if (role) rules = rulesOf(role);
    else if (Object.hasOwn(BUILT_IN_CLUSTER_ROLE_RULES, roleName)) rules = [...(BUILT_IN_CLUSTER_ROLE_RULES[roleName] ?? [])];
    else return undefined;
    const selectors = aggregationSelectorsOf(role, roleName);
    if (selectors.length === 0) return rules;
    for (const candidate of candidates) {
      const candidateName = candidate.metadata.name;
      if (seen.has(candidateName) || !selectors.some((selector) => selectorMatches(selector, candidate.metadata.labels))) continue;
      // The built-in roles gathering each other (admin, edit, view) go without saying.
      if (clusterRoleNamed(inventory, candidateName)) aggregates.push(candidateName);
      rules.push(...(gather(candidateName) ?? []));
    }
    return rules;
  };
  const rules = gather(name);
  return rules ? { rules, aggregates } : undefined;
}

/**
 * The rules a binding's roleRef grants: its Role in the namespace, or a ClusterRole (see
 * clusterRoleGrant). Undefined when the role cannot be seen (it cannot be graded).
 */
export function rulesOfRoleRef(ref: RoleRef, namespace: NamespaceInventory, inventory: Inventory): readonly PolicyRule[] | undefined {
  if (!ref.name) return undefined;
  if (ref.kind === 'Role') {
    const role = objectsOf(namespace, 'Role').find((candidate) => candidate.metadata.name === ref.name);
    return role ? rulesOf(role) : undefined;
  }
  if (ref.kind !== 'ClusterRole') return undefined;
  return clusterRoleGrant(ref.name, inventory)?.rules;
}

/** A roleRef in words: `Role deployer`, `ClusterRole ops (aggregating ops-read, ops-write)`. */
export function describeRoleRef(ref: RoleRef, inventory: Inventory): string {
  const role = `${ref.kind ?? 'role'} ${ref.name ?? '?'}`;
  if (ref.kind !== 'ClusterRole' || !ref.name) return role;
  const aggregates = clusterRoleGrant(ref.name, inventory)?.aggregates ?? [];
  return aggregates.length > 0 ? `${role} (aggregating ${aggregates.join(', ')})` : role;
}

/**
 * Verbs that, all granted on every resource of every API group, amount to cluster-admin though
 * `*` is not written: every verb Kubernetes' own resources take, with escalate, bind and
 * impersonate, which hand over any verb left out.
 */
const EVERY_VERB = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate'];

/**
 * Do these rules, together, grant every verb on every resource in every API group (cluster-admin,
 * by whatever name)? Only rules with `*` groups and `*` resources, and no resourceNames, reach
 * every resource; between them they must allow `*` or every verb of EVERY_VERB.
 */
export function grantsEverything(rules: readonly PolicyRule[]): boolean {
  const verbs = new Set<string>();
  for (const rule of rules) {
    if (!(rule.apiGroups ?? []).includes('*') || !(rule.resources ?? []).includes('*') || (rule.resourceNames ?? []).length > 0) continue;
    for (const verb of rule.verbs ?? []) verbs.add(verb);
  }
  return verbs.has('*') || EVERY_VERB.every((verb) => verbs.has(verb));
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

/** What a binding grants: how to say it, and how it is judged. Undefined when its role cannot be seen. */
function assessBinding(
  binding: KubeObject,
  namespace: NamespaceInventory,
  inventory: Inventory,
  assess: (rules: readonly PolicyRule[]) => GrantAssessment,
): (GrantAssessment & { role: string }) | undefined {
  const ref = roleRefOf(binding);
  const rules = rulesOfRoleRef(ref, namespace, inventory);
  if (!rules) return undefined;
  return { ...assess(rules), role: describeRoleRef(ref, inventory) };
}

/** Findings on the namespace's RoleBindings whose role can be seen, for what each grants in the namespace. */
export function roleBindingGrantFindings(
  namespace: NamespaceInventory,
  inventory: Inventory,
  assess: (rules: readonly PolicyRule[]) => GrantAssessment,
): ObjectFinding[] {
  return objectsOf(namespace, 'RoleBinding').flatMap((binding) => {
    const grant = assessBinding(binding, namespace, inventory, assess);
    if (!grant) return [];
    if (grant.status === 'pass') return [passFinding(binding, `${grant.role} grants ${grant.detail}`)];
    const subjects = subjectsOf(binding).map(describeSubject);
    return [
      failFinding(
        binding,
        `${grant.role} grants ${grant.detail} to ${subjects.length > 0 ? subjects.join(', ') : 'no subject yet'}`,
        grant.status,
      ),
    ];
  });
}

/**
 * Findings for what ClusterRoleBindings grant the namespace's ServiceAccounts. A ClusterRoleBinding
 * belongs to no namespace, but it holds wherever its subjects are: it lands on each account of
 * this namespace it reaches, by name or through a group (then on every account, the always-present
 * `default` one included, and only when it grants something), so that the namespace whose pods
 * would hand over the grant is the one whose checklist shows it. Its other subjects (users,
 * groups of people) are in no namespace and are graded in none.
 */
export function clusterBindingGrantFindings(
  namespace: NamespaceInventory,
  inventory: Inventory,
  assess: (rules: readonly PolicyRule[]) => GrantAssessment,
): ObjectFinding[] {
  const accounts = new Set(['default', ...objectsOf(namespace, 'ServiceAccount').map((account) => account.metadata.name)]);
  const byAccount = new Map<string, { status: ObjectFinding['status']; parts: string[] }>();
  for (const binding of inventory.clusterScoped.get('ClusterRoleBinding') ?? []) {
    if (roleRefOf(binding).kind !== 'ClusterRole') continue;
    const named = accountsNamedBy(binding, namespace.name);
    const viaGroup = bindsEveryAccountOf(binding, namespace.name);
    if (named.length === 0 && !viaGroup) continue;
    const grant = assessBinding(binding, namespace, inventory, assess);
    if (!grant) continue;
    // Groups reach every account, so only a grant that matters is worth a finding on each.
    const reached = grant.status !== 'pass' && viaGroup ? [...accounts, ...named] : named;
    for (const name of reached) {
      const entry = byAccount.get(name) ?? { status: 'pass', parts: [] };
      if (STATUS_ORDER[grant.status] > STATUS_ORDER[entry.status]) entry.status = grant.status;
      entry.parts.push(`ClusterRoleBinding ${binding.metadata.name} (${grant.role}) grants ${grant.detail}`);
      byAccount.set(name, entry);
    }
  }
  return [...byAccount]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { status, parts }]) => ({
      object: refOf(serviceAccountOf(namespace, name)),
      status,
      message: `cluster-wide: ${[...new Set(parts)].join('; ')}`,
    }));
}

/** Findings for what every binding grants in a namespace: its RoleBindings, and ClusterRoleBindings on its accounts. */
export function rbacGrantFindings(
  namespace: NamespaceInventory,
  inventory: Inventory,
  assess: (rules: readonly PolicyRule[]) => GrantAssessment,
): ObjectFinding[] {
  return [...roleBindingGrantFindings(namespace, inventory, assess), ...clusterBindingGrantFindings(namespace, inventory, assess)];
}
