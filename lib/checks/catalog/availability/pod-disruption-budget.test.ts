import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import type { Check } from '../../types';
import { podDisruptionBudget } from './pod-disruption-budget';
import { replicasMinimum } from './replicas-minimum';

function deployment(replicas: number | undefined) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;
}

function pdb(name: string, budget: string, selector = '{ matchLabels: { app: api } }') {
  return `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${name}, namespace: fixture }
spec:
  ${budget}
  selector: ${selector}
`;
}

function hpa(minReplicas: number) {
  return `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api, namespace: fixture }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
  minReplicas: ${minReplicas}
  maxReplicas: 10
`;
}

function evaluate(check: Check, yaml: string) {
  return findingsFor(check, yaml);
}

const status = (yaml: string) => evaluate(podDisruptionBudget, yaml).map((finding) => finding.status);

describe('pod-disruption-budget', () => {
  it('grades replicated workloads, and single replicas only when a budget covers them', () => {
    expect(status(deployment(1))).toEqual([]);
    expect(status(deployment(undefined))).toEqual([]);
    expect(status(deployment(0) + pdb('api', 'minAvailable: 1'))).toEqual([]);
    expect(status(deployment(1) + hpa(2))).toEqual(['fail']);
    // The autoscaler owns the count: at minReplicas 1 there is nothing to budget.
    expect(status(deployment(3) + hpa(1))).toEqual([]);
  });

  it('fails budgets that allow no disruption', () => {
    expect(status(deployment(3) + pdb('api', 'maxUnavailable: 0'))).toEqual(['fail']);
    expect(status(deployment(3) + pdb('api', 'maxUnavailable: "0%"'))).toEqual(['fail']);
    expect(status(deployment(3) + pdb('api', 'minAvailable: 3'))).toEqual(['fail']);
    expect(status(deployment(3) + pdb('api', 'minAvailable: "100%"'))).toEqual(['fail']);
    // 90% of 2 rounds up to 2.
    expect(status(deployment(2) + pdb('api', 'minAvailable: "90%"'))).toEqual(['fail']);
    // At the autoscaler's floor of 2, minAvailable 2 lets nothing go.
    expect(status(deployment(5) + hpa(2) + pdb('api', 'minAvailable: 2'))).toEqual(['fail']);
  });

  it('fails a single replica whose budget blocks every drain (the common minAvailable: 1 chart default)', () => {
    const [finding] = evaluate(podDisruptionBudget, deployment(1) + pdb('api', 'minAvailable: 1'));
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toBe(
      'PodDisruptionBudget api has minAvailable: 1 with 1 replica, so it allows no disruption and blocks node drains',
    );
    expect(status(deployment(1) + pdb('api', 'maxUnavailable: 1'))).toEqual(['pass']);
  });

  it('passes on budgets that let one pod go', () => {
    expect(status(deployment(3) + pdb('api', 'maxUnavailable: 1'))).toEqual(['pass']);
    expect(status(deployment(3) + pdb('api', 'maxUnavailable: "10%"'))).toEqual(['pass']);
    expect(status(deployment(4) + pdb('api', 'minAvailable: "50%"'))).toEqual(['pass']);
    expect(status(deployment(3) + pdb('all', 'maxUnavailable: 1', '{}'))).toEqual(['pass']);
  });

  it('fails when two budgets cover the same pods (eviction refuses them, so drains stall)', () => {
    expect(status(deployment(3) + pdb('a', 'maxUnavailable: 1') + pdb('b', 'minAvailable: 1'))).toEqual(['fail']);
  });

  it('fails when no budget selects the pods', () => {
    expect(status(deployment(3) + pdb('other', 'maxUnavailable: 1', '{ matchLabels: { app: other } }'))).toEqual(['fail']);
  });
});

describe('replicas-minimum', () => {
  const findings = (yaml: string) => evaluate(replicasMinimum, yaml);

  it('counts the HorizontalPodAutoscaler floor when one targets the workload', () => {
    expect(findings(deployment(undefined) + hpa(2))[0]?.status).toBe('pass');
    const [scaledDown] = findings(deployment(3) + hpa(1));
    expect(scaledDown?.status).toBe('fail');
    expect(scaledDown?.message).toContain('minReplicas 1');
  });

  it('defaults an unset replicas to 1', () => {
    expect(findings(deployment(undefined))[0]?.message).toBe('1 replica: a node drain or crash takes it down');
  });

  it('reads an empty selector as its own API version does: every pod in policy/v1, none in policy/v1beta1', () => {
    const budget = pdb('api', 'maxUnavailable: 1', '{}');
    expect(findingsFor(podDisruptionBudget, deployment(3) + budget).map((finding) => finding.status)).toEqual(['pass']);
    const old = budget.replace('apiVersion: policy/v1', 'apiVersion: policy/v1beta1');
    expect(findingsFor(podDisruptionBudget, deployment(3) + old)).toMatchObject([
      { status: 'fail', message: 'no PodDisruptionBudget selects its pods' },
    ]);
  });
});
