import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { rbacSecretsAccess, secretReadAccess } from './rbac-secrets-access';

function evaluate(yaml: string, namespace = 'fixture') {
  return findingsFor(rbacSecretsAccess, yaml, namespace).map((finding) => [finding.object.kind, finding.object.name, finding.status]);
}

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: app, namespace: fixture }\n';

const SECRET_READER = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-reader }
rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]
`;

function clusterRoleBinding(subject: string, role = 'secret-reader') {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: readers }
subjects: [${subject}]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
`;
}

describe('rbac-secrets-access', () => {
  it('reads rules as the RBAC authorizer does', () => {
    expect(secretReadAccess([{ apiGroups: ['*'], resources: ['*'], verbs: ['get'] }]).status).toBe('fail');
    expect(secretReadAccess([{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }]).status).toBe('fail');
    // Secrets live in the core group: a wildcard over apps resources does not reach them.
    expect(secretReadAccess([{ apiGroups: ['apps'], resources: ['*'], verbs: ['*'] }]).status).toBe('pass');
    // Writing is not reading.
    expect(secretReadAccess([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }]).status).toBe('pass');
    expect(secretReadAccess([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] }])).toEqual({
      status: 'pass',
      detail: 'read access only to the Secrets it names (tls)',
    });
  });

  it('attributes a ClusterRoleBinding to the namespace of its ServiceAccount subjects only', () => {
    const yaml = SA + SECRET_READER + clusterRoleBinding('{ kind: ServiceAccount, name: app, namespace: fixture }');
    expect(evaluate(yaml)).toEqual([['ServiceAccount', 'app', 'fail']]);
    const elsewhere = `${SA}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: { name: app, namespace: other }\n${SECRET_READER}${clusterRoleBinding('{ kind: ServiceAccount, name: app, namespace: other }')}`;
    expect(evaluate(elsewhere)).toEqual([]);
    expect(evaluate(elsewhere, 'other')).toEqual([['ServiceAccount', 'app', 'fail']]);
  });

  it('lands a grant to every service account on each account of the namespace, default included', () => {
    const yaml =
      SA + SECRET_READER + clusterRoleBinding('{ kind: Group, name: "system:serviceaccounts", apiGroup: rbac.authorization.k8s.io }');
    expect(evaluate(yaml)).toEqual([
      ['ServiceAccount', 'app', 'fail'],
      ['ServiceAccount', 'default', 'fail'],
    ]);
  });

  it('grades a live cluster like its manifests: built-in bindings to everyone grant nothing here', () => {
    // What every cluster has: system:basic-user bound to all authenticated users, and the default ServiceAccount.
    const live = `${SA}---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: fixture }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: "system:basic-user" }
rules: [{ apiGroups: [authorization.k8s.io], resources: [selfsubjectaccessreviews, selfsubjectrulesreviews], verbs: [create] }]
${clusterRoleBinding('{ kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io }', '"system:basic-user"')}`;
    expect(evaluate(live)).toEqual([]);
    expect(evaluate(SA)).toEqual([]);
  });

  it('knows the built-in roles a snapshot does not carry, and skips roles it cannot see', () => {
    const binding = (kind: string, name: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${name}, namespace: fixture }
subjects: [{ kind: ServiceAccount, name: app }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${name} }
`;
    expect(evaluate(binding('ClusterRole', 'admin'))).toEqual([['RoleBinding', 'admin', 'fail']]);
    expect(evaluate(binding('ClusterRole', 'cluster-admin'))).toEqual([['RoleBinding', 'cluster-admin', 'fail']]);
    expect(evaluate(binding('ClusterRole', 'view'))).toEqual([['RoleBinding', 'view', 'pass']]);
    expect(evaluate(binding('ClusterRole', 'team-reader'))).toEqual([]);
    expect(evaluate(binding('Role', 'missing'))).toEqual([]);
  });
});
