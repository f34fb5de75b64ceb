import { type GrantAssessment, type PolicyRule, rbacGrantFindings, ruleAllows } from '../../helpers/rbac';
import type { Check } from '../../types';

const SUBRESOURCES = ['pods/exec', 'pods/attach'] as const;

/**
 * Shell access to pods in a set of rules: `create` on pods/exec or pods/attach fails; `get` alone
 * warns, because a WebSocket exec is a GET and clusters before Kubernetes 1.35 authorize it as one.
 */
export function podShellAccess(rules: readonly PolicyRule[]): GrantAssessment {
  const create = SUBRESOURCES.filter((resource) => rules.some((rule) => ruleAllows(rule, '', resource, 'create')));
  if (create.length > 0) return { status: 'fail', detail: `create on ${create.join(', ')} (a shell in any pod)` };
  const get = SUBRESOURCES.filter((resource) => rules.some((rule) => ruleAllows(rule, '', resource, 'get')));
  if (get.length > 0)
    return { status: 'warn', detail: `get on ${get.join(', ')} (enough for exec over WebSocket on clusters before Kubernetes 1.35)` };
  return { status: 'pass', detail: 'no exec or attach into pods' };
}

export const rbacPodsExec: Check = {
  id: 'rbac-pods-exec',
  title: 'No account can exec into pods',
  principle: 'access-control',
  severity: 'major',
  targets: ['RoleBinding', 'ServiceAccount'],
  reads: ['RoleBinding', 'Role', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'],
  rationale:
    'pods/exec and pods/attach open a shell inside running containers, with their mounted Secrets, tokens and network reach; an account holding them is as powerful as every workload it can reach, and what it does there leaves no trace in the API.',
  remediation: {
    summary:
      'Remove pods/exec and pods/attach from roles that accounts and CI use; give people time-boxed access through a separate break-glass role bound only when needed.',
    snippet: `rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list", "watch"]`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  evaluate({ namespace, inventory }) {
    return rbacGrantFindings(namespace, inventory, podShellAccess);
  },
};
