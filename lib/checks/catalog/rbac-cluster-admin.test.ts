import { describe, expect, it } from 'vitest';
import { findingsFor } from '../check-testing';
import type { Check } from '../types';
import { rbacClusterAdmin } from './rbac-cluster-admin';
import { rbacWildcards } from './rbac-wildcards';

function evaluate(check: Check, yaml: string) {
  return findingsFor(check, yaml).map((finding) => [finding.object.kind, finding.object.name, finding.status]);
}

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: app, namespace: fixture }\n';

function clusterRoleBinding(subject: string, role = 'cluster-admin') {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: admins }
subjects: [${subject}]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
`;
}

function roleBinding(kind: string, name: string) {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: binding, namespace: fixture }
subjects: [{ kind: ServiceAccount, name: app, namespace: fixture }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${name} }
`;
}

describe('rbac-cluster-admin', () => {
  it('fails an account of another namespace only there', () => {
    const yaml = SA + clusterRoleBinding('{ kind: ServiceAccount, name: app, namespace: elsewhere }');
    expect(evaluate(rbacClusterAdmin, yaml)).toEqual([['ServiceAccount', 'app', 'pass']]);
  });

  it('fails accounts made cluster-admin through the service-account group', () => {
    const yaml = SA + clusterRoleBinding('{ kind: Group, name: "system:serviceaccounts:fixture", apiGroup: rbac.authorization.k8s.io }');
    // The group holds the namespace's default account too, which exists whether or not the manifests list it.
    expect(evaluate(rbacClusterAdmin, yaml)).toEqual([
      ['ServiceAccount', 'app', 'fail'],
      ['ServiceAccount', 'default', 'fail'],
    ]);
  });

  it('fails every account when cluster-admin is bound to system:authenticated, which service accounts belong to', () => {
    const yaml = SA + clusterRoleBinding('{ kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io }');
    expect(evaluate(rbacClusterAdmin, yaml)).toEqual([
      ['ServiceAccount', 'app', 'fail'],
      ['ServiceAccount', 'default', 'fail'],
    ]);
  });

  it('grades the default account only when a binding reaches it, whether or not it is listed (a cluster lists it, manifests rarely do)', () => {
    const listedDefault = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: default, namespace: fixture }\n---\n';
    expect(evaluate(rbacClusterAdmin, listedDefault + SA)).toEqual(evaluate(rbacClusterAdmin, SA));
    expect(evaluate(rbacClusterAdmin, listedDefault)).toEqual([]);
  });

  it('reports a cluster-admin account the inventory does not list', () => {
    const yaml = SA + clusterRoleBinding('{ kind: ServiceAccount, name: default, namespace: fixture }');
    expect(evaluate(rbacClusterAdmin, yaml)).toEqual([
      ['ServiceAccount', 'app', 'pass'],
      ['ServiceAccount', 'default', 'fail'],
    ]);
  });

  it('has nothing to grade without accounts or bindings', () => {
    expect(evaluate(rbacClusterAdmin, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: fixture }\n')).toEqual([]);
  });
});

describe('rbac-wildcards', () => {
  it('fails a RoleBinding to cluster-admin even when the snapshot lacks cluster roles', () => {
    expect(evaluate(rbacWildcards, roleBinding('ClusterRole', 'cluster-admin'))).toEqual([['RoleBinding', 'binding', 'fail']]);
  });

  it('does not grade a binding to a ClusterRole it cannot see', () => {
    expect(evaluate(rbacWildcards, roleBinding('ClusterRole', 'team-deployer'))).toEqual([]);
  });

  it('grades the built-in ClusterRoles a snapshot does not carry, as a live cluster would', () => {
    expect(evaluate(rbacWildcards, roleBinding('ClusterRole', 'edit'))).toEqual([['RoleBinding', 'binding', 'pass']]);
  });

  it('grades a Role, not the bindings to it', () => {
    const role = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: fixture }
rules: [{ apiGroups: [""], resources: ["pods/*"], verbs: ["get"] }]
`;
    expect(evaluate(rbacWildcards, roleBinding('Role', 'reader') + role)).toEqual([['Role', 'reader', 'fail']]);
  });
});
