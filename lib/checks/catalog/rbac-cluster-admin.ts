import { objectsOf } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import type { Check } from '../types';
import { failFinding, isClusterProvided, passFinding } from '../workload-helpers';

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

interface Binding extends KubeObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: Subject[] | null;
}

const CLUSTER_ADMIN = 'cluster-admin';

function bindsClusterAdmin(binding: KubeObject): boolean {
  const roleRef = (binding as Binding).roleRef;
  return roleRef?.kind === 'ClusterRole' && roleRef.name === CLUSTER_ADMIN;
}

const subjectsOf = (binding: KubeObject): Subject[] => (binding as Binding).subjects ?? [];

function describeSubject(subject: Subject): string {
  return `${subject.kind ?? 'subject'} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name ?? '?'}`;
}

export const rbacClusterAdmin: Check = {
  id: 'rbac-cluster-admin',
  title: 'No account of the namespace is cluster-admin',
  principle: 'access-control',
  severity: 'blocking',
  targets: ['RoleBinding', 'ServiceAccount'],
  reads: ['RoleBinding', 'ClusterRoleBinding', 'ServiceAccount'],
  rationale:
    'cluster-admin can do anything to any object: a service account holding it turns any compromise of its pods into control of the cluster (or, through a RoleBinding, of the whole namespace).',
  remediation: {
    summary: 'Replace the cluster-admin binding with a Role listing only the resources and verbs the account uses, bound in its namespace.',
    snippet: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: payments
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployer
  namespace: payments
subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: payments
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  evaluate({ namespace, inventory }) {
    const findings = objectsOf(namespace, 'RoleBinding').map((binding) => {
      if (!bindsClusterAdmin(binding)) return passFinding(binding, 'does not grant cluster-admin');
      const subjects = subjectsOf(binding).map(describeSubject);
      return failFinding(
        binding,
        `grants cluster-admin in the namespace to ${subjects.length > 0 ? subjects.join(', ') : 'no subject yet'}`,
      );
    });

    // Service accounts of this namespace made cluster-admin cluster-wide, by name or through a group they all belong to.
    const adminBindings = (inventory.clusterScoped.get('ClusterRoleBinding') ?? []).filter(bindsClusterAdmin);
    const accountGroups = new Set(['system:serviceaccounts', `system:serviceaccounts:${namespace.name}`, 'system:authenticated']);
    const reachesEveryAccount = (binding: KubeObject) =>
      subjectsOf(binding).some((subject) => subject.kind === 'Group' && subject.name !== undefined && accountGroups.has(subject.name));
    const bindingsFor = (serviceAccount: string) =>
      adminBindings
        .filter(
          (binding) =>
            reachesEveryAccount(binding) ||
            subjectsOf(binding).some(
              (subject) => subject.kind === 'ServiceAccount' && subject.name === serviceAccount && subject.namespace === namespace.name,
            ),
        )
        .map((binding) => binding.metadata.name);

    const listed = objectsOf(namespace, 'ServiceAccount');
    const accountNamed = (name: string): KubeObject =>
      listed.find((account) => account.metadata.name === name) ?? {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name, namespace: namespace.name },
      };
    // The `default` account exists in every namespace; a cluster lists it and manifests rarely do. It is graded only
    // when a binding reaches it, so that both grade alike.
    const accounts = new Map<string, KubeObject>(
      listed.filter((account) => !isClusterProvided(account)).map((account) => [account.metadata.name, account]),
    );
    for (const binding of adminBindings) {
      for (const subject of subjectsOf(binding)) {
        // A binding may name an account the inventory does not hold.
        if (subject.kind === 'ServiceAccount' && subject.namespace === namespace.name && subject.name && !accounts.has(subject.name))
          accounts.set(subject.name, accountNamed(subject.name));
      }
      if (reachesEveryAccount(binding) && !accounts.has('default')) accounts.set('default', accountNamed('default'));
    }
    for (const account of accounts.values()) {
      const bindings = bindingsFor(account.metadata.name);
      findings.push(
        bindings.length > 0
          ? failFinding(account, `is cluster-admin through ClusterRoleBinding ${bindings.join(', ')}`)
          : passFinding(account, 'no ClusterRoleBinding makes it cluster-admin'),
      );
    }
    return findings;
  },
};
