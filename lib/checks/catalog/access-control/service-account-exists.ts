import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { manifestFix } from '../../helpers/fixes';
import { subjectsOf } from '../../helpers/rbac';
import { serviceAccountNameOf } from '../../helpers/workloads';
import type { Check, JsonObject, ObjectFinding } from '../../types';

/** The missing ServiceAccounts to create: one manifest, or a List of them. */
function accountsFix(names: readonly string[], namespace: string) {
  const accounts = [...new Set(names)].map((name) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace },
    automountServiceAccountToken: false,
  }));
  const note = 'Creates the ServiceAccount the object names, without a mounted API token; grant it only what the app needs.';
  return manifestFix(accounts.length === 1 ? (accounts[0] as JsonObject) : { apiVersion: 'v1', kind: 'List', items: accounts }, note);
}

export const serviceAccountExists: Check = {
  id: 'service-account-exists',
  title: 'Referenced ServiceAccounts exist',
  principle: 'access-control',
  severity: 'blocking',
  targets: [...WORKLOAD_KINDS, 'RoleBinding'],
  reads: [...WORKLOAD_KINDS, 'ServiceAccount', 'RoleBinding'],
  rationale:
    'The API server rejects every pod whose ServiceAccount does not exist, so the workload never starts; a RoleBinding naming a missing account is a standing grant to whoever creates that name later.',
  remediation: {
    summary:
      'Create the ServiceAccount in the same namespace (next to the workload in the same manifests), or fix the name in the pod spec or binding.',
    snippet: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
automountServiceAccountToken: false
---
# in the pod template
spec:
  serviceAccountName: api`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  fixes: true,
  evaluate({ namespace }) {
    // Every namespace has a `default` ServiceAccount, even when the manifests do not list it.
    const accounts = new Set(['default', ...objectsOf(namespace, 'ServiceAccount').map((account) => account.metadata.name)]);
    const findings: ObjectFinding[] = namespace.workloads.map((workload) => {
      const name = serviceAccountNameOf(workload);
      if (accounts.has(name)) return passFinding(workload.object, `runs as ServiceAccount ${name}, which exists`);
      return {
        ...failFinding(workload.object, `runs as ServiceAccount ${name}, which does not exist in ${namespace.name}: its pods are rejected`),
        ...accountsFix([name], namespace.name),
      };
    });
    for (const binding of objectsOf(namespace, 'RoleBinding')) {
      // A subject without a namespace means the binding's own; accounts of other namespaces are not judged here.
      const named = subjectsOf(binding)
        .filter((subject) => subject.kind === 'ServiceAccount' && subject.name && (subject.namespace ?? namespace.name) === namespace.name)
        .map((subject) => subject.name as string);
      if (named.length === 0) continue;
      const missing = named.filter((name) => !accounts.has(name));
      findings.push(
        missing.length === 0
          ? passFinding(binding, `binds existing ServiceAccount ${named.join(', ')}`)
          : {
              ...failFinding(
                binding,
                `binds ServiceAccount ${missing.join(', ')}, which does not exist: whoever creates ${missing.length === 1 ? 'it' : 'them'} later gets the grant`,
                'warn',
              ),
              ...accountsFix(missing, namespace.name),
            },
      );
    }
    return findings;
  },
};
