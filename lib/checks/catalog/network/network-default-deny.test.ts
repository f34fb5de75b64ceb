import { describe, expect, it } from 'vitest';
import { selectorMatches } from '../../../k8s/selectors';
import { findingsFor } from '../../check-testing';
import { networkDefaultDeny } from './network-default-deny';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api, tier: backend } }
    spec:
      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;

function policy(spec: string, name = 'policy') {
  return `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: fixture }
spec:
${spec}`;
}

function evaluate(yaml: string) {
  return findingsFor(networkDefaultDeny, yaml);
}

describe('network-default-deny', () => {
  it('understands podSelector: {} as selecting every pod', () => {
    expect(selectorMatches({}, { app: 'api', tier: 'backend' })).toBe(true);
    expect(selectorMatches({}, undefined)).toBe(true);
    const findings = evaluate(DEPLOYMENT + policy('  podSelector: {}\n  policyTypes: [Ingress]'));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.status).toBe('pass');
    expect(findings[0]?.object).toEqual({ kind: 'Namespace', name: 'fixture' });
  });

  it('implies Ingress when policyTypes is absent, and accepts ingress: []', () => {
    expect(evaluate(DEPLOYMENT + policy('  podSelector: {}'))[0]?.status).toBe('pass');
    expect(evaluate(DEPLOYMENT + policy('  podSelector: {}\n  ingress: []'))[0]?.status).toBe('pass');
    expect(evaluate(DEPLOYMENT + policy('  podSelector: { matchLabels: {}, matchExpressions: [] }'))[0]?.status).toBe('pass');
  });

  it('defaults policyTypes as the API server does: an empty list or a missing podSelector still deny ingress', () => {
    expect(evaluate(DEPLOYMENT + policy('  podSelector: {}\n  policyTypes: []'))[0]?.status).toBe('pass');
    expect(evaluate(DEPLOYMENT + policy('  policyTypes: [Ingress]'))[0]?.status).toBe('pass');
    // Egress rules add Egress to the defaulted types; Ingress stays, with no rule, so still denied.
    expect(evaluate(DEPLOYMENT + policy('  podSelector: {}\n  egress: [{ to: [{ podSelector: {} }] }]'))[0]?.status).toBe('pass');
  });

  it('warns when no policy is a default deny of inbound traffic', () => {
    // Selects only some pods.
    expect(evaluate(DEPLOYMENT + policy('  podSelector: { matchLabels: { app: api } }\n  policyTypes: [Ingress]'))[0]?.status).toBe('warn');
    // An empty ingress rule allows everything.
    expect(evaluate(DEPLOYMENT + policy('  podSelector: {}\n  ingress: [{}]'))[0]?.status).toBe('warn');
    // Denies egress only.
    expect(evaluate(DEPLOYMENT + policy('  podSelector: {}\n  policyTypes: [Egress]'))[0]?.status).toBe('warn');
  });

  it('passes on a deny-all covering ingress and egress', () => {
    expect(evaluate(DEPLOYMENT + policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]'))[0]?.status).toBe('pass');
  });

  it('fails with workloads and no policy, and has nothing to grade without either', () => {
    expect(evaluate(DEPLOYMENT)[0]?.status).toBe('fail');
    expect(evaluate('apiVersion: v1\nkind: Namespace\nmetadata: { name: fixture }\n')).toEqual([]);
  });
});
