import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { podsCoveredByNetworkPolicy } from './pods-covered-by-network-policy';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api, tier: backend } }
    spec:
      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;

function policy(spec: string) {
  return `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: policy, namespace: fixture }
spec:
${spec}`;
}

const statusOf = (yaml: string) => findingsFor(podsCoveredByNetworkPolicy, yaml).map((finding) => finding.status);

describe('pods-covered-by-network-policy', () => {
  it('counts podSelector: {} (or no podSelector) as covering every pod', () => {
    expect(statusOf(DEPLOYMENT + policy('  podSelector: {}'))).toEqual(['pass']);
    expect(statusOf(DEPLOYMENT + policy('  policyTypes: [Ingress]'))).toEqual(['pass']);
  });

  it('matches label selectors, expressions included', () => {
    expect(statusOf(DEPLOYMENT + policy('  podSelector: { matchExpressions: [{ key: tier, operator: In, values: [backend] }] }'))).toEqual([
      'pass',
    ]);
    expect(statusOf(DEPLOYMENT + policy('  podSelector: { matchLabels: { app: web } }'))).toEqual(['fail']);
  });

  it('defaults policyTypes as the API server does', () => {
    // Empty or absent policyTypes mean Ingress (plus Egress with egress rules).
    expect(statusOf(DEPLOYMENT + policy('  podSelector: {}\n  policyTypes: []\n  egress: [{}]'))).toEqual(['pass']);
    // An explicit Egress-only policy leaves inbound traffic open.
    expect(statusOf(DEPLOYMENT + policy('  podSelector: {}\n  policyTypes: [Egress]'))).toEqual(['warn']);
  });

  it('grades a live cluster like its manifests: controller-made ReplicaSets and Pods are not workloads', () => {
    const live = `${DEPLOYMENT}---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: api-5d8f, namespace: fixture, ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: api, uid: u1, controller: true }] }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api, tier: backend } }
    spec:
      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
---
apiVersion: v1
kind: Pod
metadata: { name: api-5d8f-x2k9p, namespace: fixture, labels: { app: api, tier: backend }, ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: api-5d8f, uid: u2, controller: true }] }
spec:
  containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;
    expect(statusOf(live + policy('  podSelector: {}\n  policyTypes: [Ingress]'))).toEqual(['pass']);
    expect(statusOf(live)).toEqual(['fail']);
  });

  it('has nothing to grade without workloads', () => {
    expect(statusOf(policy('  podSelector: {}').replace('---\n', ''))).toEqual([]);
  });
});
