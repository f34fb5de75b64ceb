import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { policyTargetsPods } from './policy-targets-pods';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: registry.example.com/api:1.4.2 }]
`;

function networkPolicy(podSelector: string) {
  return `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: policy, namespace: fixture }
spec:
  ${podSelector}
  policyTypes: [Ingress]
`;
}

function pdb(selector: string) {
  return `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api, namespace: fixture }
spec:
  maxUnavailable: 1
  ${selector}
`;
}

const statusOf = (yaml: string) => findingsFor(policyTargetsPods, yaml).map((finding) => finding.status);

describe('policy-targets-pods', () => {
  it('never flags podSelector: {}, which selects every pod, even in a namespace without pods yet', () => {
    expect(statusOf(DEPLOYMENT + networkPolicy('podSelector: {}'))).toEqual(['pass']);
    expect(statusOf(networkPolicy('podSelector: {}'))).toEqual(['pass']);
    // An absent podSelector is stored as {}.
    expect(statusOf(DEPLOYMENT + networkPolicy(''))).toEqual(['pass']);
  });

  it('fails a NetworkPolicy whose non-empty podSelector matches no pod template', () => {
    expect(statusOf(DEPLOYMENT + networkPolicy('podSelector: { matchLabels: { app: api-v2 } }'))).toEqual(['fail']);
  });

  it('reads a PDB selector as policy/v1 does: {} selects all pods, none selects none', () => {
    expect(statusOf(DEPLOYMENT + pdb('selector: {}'))).toEqual(['pass']);
    expect(statusOf(DEPLOYMENT + pdb(''))).toEqual(['fail']);
  });

  it('leaves an HPA on a kind it cannot read (an Argo Rollout) alone', () => {
    const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api, namespace: fixture }
spec:
  scaleTargetRef: { apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: api }
  minReplicas: 2
  maxReplicas: 4
`;
    expect(findingsFor(policyTargetsPods, DEPLOYMENT + hpa)).toEqual([]);
  });

  it('fails a policy/v1beta1 budget with an empty selector, which selected no pods in that version', () => {
    const old = pdb('selector: {}').replace('apiVersion: policy/v1', 'apiVersion: policy/v1beta1');
    const budget = findingsFor(policyTargetsPods, DEPLOYMENT + old).find((finding) => finding.object.kind === 'PodDisruptionBudget');
    expect(budget).toMatchObject({
      status: 'fail',
      message: 'has an empty selector, which policy/v1beta1 reads as selecting no pods (policy/v1 reads it as every pod)',
    });
  });
});
