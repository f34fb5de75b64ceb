import { type Inventory, type NamespaceInventory, objectsOf } from '../../../inventory';
import type { KubeObject } from '../../../k8s/objects';
import { isClusterProvided } from '../../../k8s/semantics';
import { failFinding, passFinding } from '../../findings';
import {
  accountsNamedBy,
  bindsEveryAccountOf,
  describeRoleRef,
  describeSubject,
  grantsEverything,
  roleRefOf,
  rulesOfRoleRef,
  serviceAccountOf,
  subjectsOf,
} from '../../helpers/rbac';
import type { Check } from '../../types';

const CLUSTER_ADMIN = 'cluster-admin';

/**
 * What a binding's role amounts to: `named` for cluster-admin itself, `equivalent` for a role
 * whose rules (aggregated ones included) grant every verb on every resource in every API group,
 * `unseen` for a role the inventory does not hold, `no` otherwise.
 */
function adminGrant(binding: KubeObject, namespace: NamespaceInventory, inventory: Inventory): 'named' | 'equivalent' | 'unseen' | 'no' {
  const ref = roleRefOf(binding);
  if (ref.kind === 'ClusterRole' && ref.name === CLUSTER_ADMIN) return 'named';
  const rules = rulesOfRoleRef(ref, namespace, inventory);
  if (!rules) return 'unseen';
  return grantsEverything(rules) ? 'equivalent' : 'no';
}

export const rbacClusterAdmin: Check = {
  id: 'rbac-cluster-admin',
  title: 'No account of the namespace is cluster-admin, by any name',
  principle: 'access-control',
  severity: 'blocking',
  targets: ['RoleBinding', 'ServiceAccount'],
  reads: ['RoleBinding', 'Role', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'],
  rationale:
    'cluster-admin, or any role granting every verb on every resource in every API group, can do anything to any object: a service account holding it turns any compromise of its pods into control of the cluster (or, through a RoleBinding, of the whole namespace).',
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
      const grant = adminGrant(binding, namespace, inventory);
      const role = describeRoleRef(roleRefOf(binding), inventory);
      if (grant === 'no') return passFinding(binding, `${role} does not grant cluster-admin`);
      if (grant === 'unseen')
        return passFinding(binding, `${role} is not among the objects read, so only its name was judged: not cluster-admin`);
      const subjects = subjectsOf(binding).map(describeSubject);
      const what =
        grant === 'named'
          ? 'cluster-admin'
          : `every verb on every resource in every API group (cluster-admin in all but name) through ${role}`;
      return failFinding(binding, `grants ${what} in the namespace to ${subjects.length > 0 ? subjects.join(', ') : 'no subject yet'}`);
    });

    // Service accounts of this namespace made cluster-admin cluster-wide, by name or through a group they all belong to:
    // a ClusterRoleBinding is graded on the accounts it reaches, whose pods would hand the cluster over.
    const adminBindings = (inventory.clusterScoped.get('ClusterRoleBinding') ?? [])
      .filter(
        (binding) =>
          roleRefOf(binding).kind === 'ClusterRole' &&
          (bindsEveryAccountOf(binding, namespace.name) || accountsNamedBy(binding, namespace.name).length > 0),
      )
      .flatMap((binding) => {
        const grant = adminGrant(binding, namespace, inventory);
        if (grant !== 'named' && grant !== 'equivalent') return [];
        const name = binding.metadata.name;
        return [
          {
            binding,
            label: grant === 'named' ? name : `${name} (${describeRoleRef(roleRefOf(binding), inventory)}: every verb on every resource)`,
          },
        ];
      });
    const bindingsFor = (serviceAccount: string) =>
      adminBindings
        .filter(
          ({ binding }) =>
            bindsEveryAccountOf(binding, namespace.name) || accountsNamedBy(binding, namespace.name).includes(serviceAccount),
        )
        .map(({ label }) => label);

    // The `default` account exists in every namespace; a cluster lists it and manifests rarely do. It is graded only
    // when a binding reaches it, so that both grade alike.
    const accounts = new Map<string, KubeObject>(
      objectsOf(namespace, 'ServiceAccount')
        .filter((account) => !isClusterProvided(account))
        .map((account) => [account.metadata.name, account]),
    );
    for (const { binding } of adminBindings) {
      // A binding may name an account the inventory does not hold.
      for (const name of accountsNamedBy(binding, namespace.name)) {
        if (!accounts.has(name)) accounts.set(name, serviceAccountOf(namespace, name));
      }
      if (bindsEveryAccountOf(binding, namespace.name) && !accounts.has('default')) {
        accounts.set('default', serviceAccountOf(namespace, 'default'));
      }
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
