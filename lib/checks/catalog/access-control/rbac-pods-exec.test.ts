import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { podShellAccess, rbacPodsExec } from './rbac-pods-exec';

describe('rbac-pods-exec', () => {
  it('matches resources as the RBAC authorizer does', () => {
    expect(podShellAccess([{ apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }]).status).toBe('fail');
    expect(podShellAccess([{ apiGroups: [''], resources: ['*/exec'], verbs: ['*'] }]).status).toBe('fail');
    expect(podShellAccess([{ apiGroups: ['*'], resources: ['*'], verbs: ['create'] }]).status).toBe('fail');
    // `pods/*` is not a pattern to Kubernetes, and pods/log is not a shell.
    expect(podShellAccess([{ apiGroups: [''], resources: ['pods/*', 'pods/log'], verbs: ['create', 'get'] }]).status).toBe('pass');
    expect(podShellAccess([{ apiGroups: ['apps'], resources: ['pods/exec'], verbs: ['create'] }]).status).toBe('pass');
    expect(podShellAccess([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }]).status).toBe('warn');
  });

  it('fails accounts given the built-in edit role cluster-wide', () => {
    const yaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ci-edit }
subjects: [{ kind: ServiceAccount, name: ci, namespace: fixture }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: fixture }
`;
    const findings = findingsFor(rbacPodsExec, yaml);
    expect(findings.map((finding) => [finding.object.kind, finding.object.name, finding.status])).toEqual([
      ['ServiceAccount', 'ci', 'fail'],
    ]);
    expect(findings[0]?.message).toContain('ClusterRoleBinding ci-edit (ClusterRole edit) grants create on pods/exec, pods/attach');
  });
});
