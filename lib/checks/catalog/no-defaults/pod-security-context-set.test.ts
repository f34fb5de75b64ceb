import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { podSecurityContextSet } from './pod-security-context-set';

function pod(podContext: string, containerContext: string) {
  return `
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: fixture }
spec:
  ${podContext}
  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      ${containerContext}
`;
}

const statusOf = (yaml: string) => findingsFor(podSecurityContextSet, yaml).map((finding) => finding.status);

describe('pod-security-context-set', () => {
  it('treats securityContext: {} (what the API server stores) as no securityContext', () => {
    expect(statusOf(pod('', ''))).toEqual(['fail']);
    expect(statusOf(pod('securityContext: {}', ''))).toEqual(['fail']);
    expect(statusOf(pod('securityContext: {}', 'securityContext: {}'))).toEqual(['fail']);
    expect(statusOf(pod('securityContext: { capabilities: {} }', ''))).toEqual(['fail']);
  });

  it('passes a setting on the pod or on the container', () => {
    expect(statusOf(pod('securityContext: { runAsNonRoot: true }', ''))).toEqual(['pass']);
    expect(statusOf(pod('securityContext: {}', 'securityContext: { readOnlyRootFilesystem: true }'))).toEqual(['pass']);
    // An explicit false is a decision, not a default left alone.
    expect(statusOf(pod('', 'securityContext: { privileged: false }'))).toEqual(['pass']);
  });
});
