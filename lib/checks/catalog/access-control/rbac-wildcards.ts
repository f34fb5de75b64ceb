import { objectsOf } from '../../../inventory';
import type { KubeObject } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import {
  clusterBindingGrantFindings,
  describeRoleRef,
  type GrantAssessment,
  type PolicyRule,
  roleRefOf,
  rulesOf,
  rulesOfRoleRef,
} from '../../helpers/rbac';
import type { Check, ObjectFinding } from '../../types';

/** The wildcards in a set of rules: `*` verbs or resources fail, an `*` API group alone only warns. */
export function wildcardsIn(rules: readonly PolicyRule[]): { status: ObjectFinding['status']; wildcards: string[] } {
  const failing = new Set<string>();
  const warning = new Set<string>();
  for (const rule of rules) {
    if ((rule.verbs ?? []).includes('*')) failing.add('verbs "*"');
    for (const resource of rule.resources ?? []) if (resource.includes('*')) failing.add(`resources "${resource}"`);
    if ((rule.apiGroups ?? []).includes('*')) warning.add('apiGroups "*"');
  }
  const status = failing.size > 0 ? 'fail' : warning.size > 0 ? 'warn' : 'pass';
  return { status, wildcards: [...failing, ...warning] };
}

/** The wildcards of a set of rules as a grant a ClusterRoleBinding makes. */
function wildcardGrant(rules: readonly PolicyRule[]): GrantAssessment {
  const { status, wildcards } = wildcardsIn(rules);
  if (status === 'pass') return { status, detail: 'explicitly named verbs, resources and API groups' };
  return { status, detail: `wildcards: ${wildcards.join(', ')}` };
}

function finding(object: KubeObject, subject: string, rules: readonly PolicyRule[]): ObjectFinding {
  const { status, wildcards } = wildcardsIn(rules);
  if (status === 'pass') return passFinding(object, `${subject} names its verbs, resources and API groups explicitly`);
  if (status === 'warn')
    return failFinding(object, `${subject} allows ${wildcards.join(', ')}: every API group, including ones installed later`, 'warn');
  return failFinding(object, `${subject} uses wildcards: ${wildcards.join(', ')}`);
}

export const rbacWildcards: Check = {
  id: 'rbac-wildcards',
  title: 'Roles name what they allow, without wildcards',
  principle: 'access-control',
  severity: 'major',
  targets: ['Role', 'RoleBinding', 'ServiceAccount'],
  reads: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'],
  rationale:
    'A "*" in verbs or resources grants everything, including resources and verbs added later (secrets, escalate, impersonate): least privilege means listing what the account needs.',
  remediation: {
    summary: 'Replace wildcards with the explicit API groups, resources and verbs the account uses (kubectl auth can-i --list helps).',
    snippet: `rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "watch", "patch"]
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list"]`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  evaluate({ namespace, inventory }) {
    const roleFindings = objectsOf(namespace, 'Role').map((role) => finding(role, 'role', rulesOf(role)));
    // Bindings to a Role are graded through the Role; bindings to a ClusterRole bring its rules (aggregated ones
    // included) into the namespace.
    const bindingFindings = objectsOf(namespace, 'RoleBinding').flatMap((binding) => {
      const roleRef = roleRefOf(binding);
      if (roleRef.kind !== 'ClusterRole') return [];
      // The inventory's ClusterRole, else a built-in one (every live cluster has them); an unknown one cannot be graded.
      const rules = rulesOfRoleRef(roleRef, namespace, inventory);
      if (!rules) return [];
      return [finding(binding, `bound ${describeRoleRef(roleRef, inventory)}`, rules)];
    });
    // ClusterRoleBindings hold in every namespace: they are graded on the accounts of this one they reach.
    return [...roleFindings, ...bindingFindings, ...clusterBindingGrantFindings(namespace, inventory, wildcardGrant)];
  },
};
