import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import type { Check } from '../../types';
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

const EVERYTHING = '{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }';

function clusterRole(name: string, rules: string, extra = '') {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ${name}${extra} }
rules: [${rules}]
`;
}

function aggregated(name: string, selector: string) {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ${name} }
aggregationRule: { clusterRoleSelectors: [${selector}] }
rules: []
`;
}

const APP_SUBJECT = '{ kind: ServiceAccount, name: app, namespace: fixture }';

describe('rbac-cluster-admin: cluster-admin in all but name', () => {
  it('fails a * ClusterRole bound cluster-wide, on the account it reaches', () => {
    const yaml = SA + clusterRole('superuser', EVERYTHING) + clusterRoleBinding(APP_SUBJECT, 'superuser');
    const findings = findingsFor(rbacClusterAdmin, yaml);
    expect(findings.map((finding) => [finding.object.name, finding.status, finding.message])).toEqual([
      ['app', 'fail', 'is cluster-admin through ClusterRoleBinding admins (ClusterRole superuser: every verb on every resource)'],
    ]);
  });

  it('fails a * Role or ClusterRole bound by a RoleBinding', () => {
    const role = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: everything, namespace: fixture }
rules: [${EVERYTHING}]
`;
    const [finding] = findingsFor(rbacClusterAdmin, roleBinding('Role', 'everything') + role);
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toBe(
      'grants every verb on every resource in every API group (cluster-admin in all but name) through Role everything in the namespace to ServiceAccount fixture/app',
    );
    expect(evaluate(rbacClusterAdmin, roleBinding('ClusterRole', 'superuser') + clusterRole('superuser', EVERYTHING))).toEqual([
      ['RoleBinding', 'binding', 'fail'],
    ]);
  });

  it('adds up rules: every verb, escalate, bind and impersonate included, on * resources of * groups', () => {
    const split = (verbs: string) =>
      `{ apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch] }, { apiGroups: ["*"], resources: ["*"], verbs: [${verbs}] }`;
    const bound = (rules: string) => evaluate(rbacClusterAdmin, roleBinding('ClusterRole', 'split') + clusterRole('split', rules));
    expect(bound(split('create, update, patch, delete, deletecollection, escalate, bind, impersonate'))).toEqual([
      ['RoleBinding', 'binding', 'fail'],
    ]);
    // Without impersonate, or on named objects only, or on listed groups only, it is not everything.
    expect(bound(split('create, update, patch, delete, deletecollection, escalate, bind'))).toEqual([['RoleBinding', 'binding', 'pass']]);
    expect(bound('{ apiGroups: ["*"], resources: ["*"], resourceNames: [one], verbs: ["*"] }')).toEqual([
      ['RoleBinding', 'binding', 'pass'],
    ]);
    expect(bound('{ apiGroups: ["", apps, batch], resources: ["*"], verbs: ["*"] }')).toEqual([['RoleBinding', 'binding', 'pass']]);
  });

  it('unions an aggregated ClusterRole with the roles its selectors match, as the aggregation controller does', () => {
    const parts =
      clusterRole('ops-read', '{ apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch] }', ', labels: { ops/aggregate: "true" }') +
      clusterRole('ops-write', EVERYTHING, ', labels: { ops/aggregate: "true" }');
    const yaml = SA + aggregated('ops', '{ matchLabels: { ops/aggregate: "true" } }') + parts + clusterRoleBinding(APP_SUBJECT, 'ops');
    const findings = findingsFor(rbacClusterAdmin, yaml);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('ClusterRole ops (aggregating ops-read, ops-write)');
    // A selector matching nothing aggregates nothing.
    const unmatched = SA + aggregated('ops', '{ matchLabels: { ops/aggregate: "no" } }') + parts + clusterRoleBinding(APP_SUBJECT, 'ops');
    expect(evaluate(rbacClusterAdmin, unmatched)).toEqual([['ServiceAccount', 'app', 'pass']]);
  });

  it('reads an empty selector as Kubernetes does: it aggregates every ClusterRole, cluster-admin included', () => {
    const yaml = SA + aggregated('anything', '{}') + clusterRoleBinding(APP_SUBJECT, 'anything');
    expect(evaluate(rbacClusterAdmin, yaml)).toEqual([['ServiceAccount', 'app', 'fail']]);
  });

  it('aggregates into the built-in roles a snapshot does not carry', () => {
    // A CRD's role labelled to join edit: every account bound to edit gets it.
    const crdRole = clusterRole('crd-everything', EVERYTHING, ', labels: { rbac.authorization.k8s.io/aggregate-to-edit: "true" }');
    expect(evaluate(rbacClusterAdmin, roleBinding('ClusterRole', 'admin') + crdRole)).toEqual([['RoleBinding', 'binding', 'fail']]);
    expect(evaluate(rbacClusterAdmin, roleBinding('ClusterRole', 'view') + crdRole)).toEqual([['RoleBinding', 'binding', 'pass']]);
  });

  it('grades a cluster like its manifests: the controller has written the aggregated rules', () => {
    const parts = clusterRole('ops-all', EVERYTHING, ', labels: { ops/aggregate: "true" }');
    const manifest = SA + aggregated('ops', '{ matchLabels: { ops/aggregate: "true" } }') + parts + clusterRoleBinding(APP_SUBJECT, 'ops');
    const stored = manifest.replace('rules: []', `rules: [${EVERYTHING}]`);
    expect(evaluate(rbacClusterAdmin, stored)).toEqual(evaluate(rbacClusterAdmin, manifest));
  });

  it('says when a bound role is not among the objects read', () => {
    const [finding] = findingsFor(rbacClusterAdmin, roleBinding('ClusterRole', 'team-deployer'));
    expect(finding).toMatchObject({ status: 'pass', message: expect.stringContaining('is not among the objects read') });
  });
});

describe('rbac-wildcards', () => {
  it('reads ClusterRoleBindings: a wildcard role bound cluster-wide lands on the accounts it reaches', () => {
    const yaml = SA + clusterRole('ci', '{ apiGroups: [apps], resources: ["*"], verbs: ["*"] }') + clusterRoleBinding(APP_SUBJECT, 'ci');
    const findings = findingsFor(rbacWildcards, yaml);
    expect(findings.map((finding) => [finding.object.name, finding.status, finding.message])).toEqual([
      ['app', 'fail', 'cluster-wide: ClusterRoleBinding admins (ClusterRole ci) grants wildcards: verbs "*", resources "*"'],
    ]);
    const named =
      SA + clusterRole('reader', '{ apiGroups: [""], resources: [pods], verbs: [get] }') + clusterRoleBinding(APP_SUBJECT, 'reader');
    expect(evaluate(rbacWildcards, named)).toEqual([['ServiceAccount', 'app', 'pass']]);
  });

  it('grades Roles and RoleBindings to ClusterRoles as before', () => {
    const yaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: deployer, namespace: fixture }
rules: [{ apiGroups: [apps], resources: ["*"], verbs: ["*"] }]
${clusterRole('everything-reader', '{ apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch] }')}${roleBinding('ClusterRole', 'everything-reader')}`;
    expect(evaluate(rbacWildcards, yaml)).toEqual([
      ['Role', 'deployer', 'fail'],
      ['RoleBinding', 'binding', 'fail'],
    ]);
  });

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
