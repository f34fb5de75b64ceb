import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { serviceAccountExists } from './service-account-exists';

function deployment(account: string) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      ${account}
      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;
}

function binding(subject: string) {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: binding, namespace: fixture }
subjects: [${subject}]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
`;
}

const evaluate = (yaml: string) => findingsFor(serviceAccountExists, yaml).map((finding) => [finding.object.kind, finding.status]);

describe('service-account-exists', () => {
  it('treats the default ServiceAccount as always there, listed or not (a live cluster lists it)', () => {
    expect(evaluate(deployment(''))).toEqual([['Deployment', 'pass']]);
    const live = `${deployment('serviceAccountName: default')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: { name: default, namespace: fixture }\n`;
    expect(evaluate(live)).toEqual([['Deployment', 'pass']]);
  });

  it('reads the legacy serviceAccount field', () => {
    expect(evaluate(deployment('serviceAccount: ghost'))).toEqual([['Deployment', 'fail']]);
  });

  it('takes a subject without a namespace as the binding’s, and leaves other namespaces alone', () => {
    expect(evaluate(binding('{ kind: ServiceAccount, name: ghost }'))).toEqual([['RoleBinding', 'warn']]);
    expect(evaluate(binding('{ kind: ServiceAccount, name: ghost, namespace: elsewhere }'))).toEqual([]);
    expect(evaluate(binding('{ kind: Group, name: developers, apiGroup: rbac.authorization.k8s.io }'))).toEqual([]);
  });
});
