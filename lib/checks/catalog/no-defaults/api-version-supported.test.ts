import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { apiVersionSupported } from './api-version-supported';

const deployment = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;

const findings = (yaml: string, kubernetesVersion = '1.37') => findingsFor(apiVersionSupported, yaml, 'fixture', { kubernetesVersion });

describe('api-version-supported', () => {
  it('fails a removed version, naming when it went and what replaces it', () => {
    const [finding] = findings(deployment('extensions/v1beta1'));
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toBe(
      'extensions/v1beta1 Deployment is no longer served since Kubernetes 1.16, so a 1.37 API server rejects it; use apps/v1 (spec.selector is required in apps/v1: write the template labels as the selector)',
    );
  });

  it('warns on a version the target still serves but has deprecated, and passes it before the deprecation', () => {
    expect(findings(deployment('apps/v1beta2'), '1.12')[0]).toMatchObject({
      status: 'warn',
      message: 'apps/v1beta2 Deployment is deprecated since Kubernetes 1.9 and no longer served from 1.16; use apps/v1',
    });
    expect(findings(deployment('apps/v1beta2'), '1.8')[0]).toMatchObject({
      status: 'pass',
      message: 'apps/v1beta2 is served in Kubernetes 1.8 (deprecated from 1.9)',
    });
  });

  it('passes a current version', () => {
    expect(findings(deployment('apps/v1'))).toEqual([
      {
        object: { kind: 'Deployment', name: 'api', namespace: 'fixture' },
        status: 'pass',
        message: 'apps/v1 is served in Kubernetes 1.37',
      },
    ]);
  });

  it('does not judge a group it does not know (a custom resource that reuses a kind name), so alone it is not applicable', () => {
    expect(findings(deployment('example.com/v1'))).toEqual([]);
  });

  it('grades the cluster-scoped RBAC a namespace relies on, there', () => {
    const yaml = `apiVersion: rbac.authorization.k8s.io/v1beta1
kind: ClusterRole
metadata: { name: reader }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: read, namespace: fixture }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader }
subjects: [{ kind: ServiceAccount, name: api, namespace: fixture }]
---
apiVersion: rbac.authorization.k8s.io/v1beta1
kind: ClusterRole
metadata: { name: unrelated }
rules: []
`;
    expect(findings(yaml).map((finding) => `${finding.object.kind}/${finding.object.name}: ${finding.status}`)).toEqual([
      'RoleBinding/read: pass',
      'ClusterRole/reader: fail',
    ]);
  });

  it('leaves out what the cluster makes itself, so a live read and its manifests grade the same objects', () => {
    const made = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-5d8f7c9b4
  namespace: fixture
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: api, uid: 1, controller: true }]
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: fixture }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: kube-root-ca.crt, namespace: fixture }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: "system:basic-user", labels: { kubernetes.io/bootstrapping: rbac-defaults } }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:basic-user" }
subjects: [{ kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io }]
`;
    expect(findings(made)).toEqual([]);
    expect(findings(`${made}---\n${deployment('apps/v1')}`).map((finding) => `${finding.object.kind}/${finding.object.name}`)).toEqual([
      'Deployment/api',
    ]);
  });
});
