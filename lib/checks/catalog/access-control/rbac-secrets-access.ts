import { type GrantAssessment, type PolicyRule, rbacGrantFindings, ruleAllows } from '../../helpers/rbac';
import type { Check } from '../../types';

const READ_VERBS = ['get', 'list', 'watch'] as const;

/** Read access to Secrets in a set of rules: on all of them fails, on Secrets named in resourceNames passes. */
export function secretReadAccess(rules: readonly PolicyRule[]): GrantAssessment {
  const unrestricted = new Set<string>();
  const named = new Set<string>();
  for (const rule of rules) {
    for (const verb of READ_VERBS) {
      if (!ruleAllows(rule, '', 'secrets', verb)) continue;
      const names = rule.resourceNames ?? [];
      if (names.length === 0) unrestricted.add(verb);
      else for (const name of names) named.add(name);
    }
  }
  if (unrestricted.size > 0) return { status: 'fail', detail: `${[...unrestricted].join(', ')} on all Secrets` };
  if (named.size > 0) return { status: 'pass', detail: `read access only to the Secrets it names (${[...named].join(', ')})` };
  return { status: 'pass', detail: 'no read access to Secrets' };
}

export const rbacSecretsAccess: Check = {
  id: 'rbac-secrets-access',
  title: 'No account can read every Secret',
  principle: 'access-control',
  severity: 'major',
  targets: ['RoleBinding', 'ServiceAccount'],
  reads: ['RoleBinding', 'Role', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'],
  rationale:
    'get, list or watch on secrets hands over every credential of the namespace (through a ClusterRoleBinding, of every namespace): database passwords, API keys and other accounts’ tokens. Pods that need a Secret should mount it, not read it through the API.',
  remediation: {
    summary:
      'Mount the Secrets a workload needs as volumes or env instead; if an account must read Secrets through the API, grant get on the named Secrets only (resourceNames).',
    snippet: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read-tls-certificate
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    resourceNames: ["api-tls"]
    verbs: ["get"]`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
  evaluate({ namespace, inventory }) {
    return rbacGrantFindings(namespace, inventory, secretReadAccess);
  },
};
