import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { namespacePodSecurity } from './namespace-pod-security';

const POD = `
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: fixture }
spec:
  containers: [{ name: api, image: registry.example.com/api:1.4.2 }]
`;

function namespace(labels: string) {
  return `---
apiVersion: v1
kind: Namespace
metadata:
  name: fixture
  labels: { kubernetes.io/metadata.name: fixture${labels} }
`;
}

describe('namespace-pod-security', () => {
  it('fails when no Namespace manifest is there: kubectl create namespace adds no label either', () => {
    expect(findingsFor(namespacePodSecurity, POD).map((finding) => finding.status)).toEqual(['fail']);
  });

  it('passes baseline and fails a level that does not exist', () => {
    expect(findingsFor(namespacePodSecurity, POD + namespace(', pod-security.kubernetes.io/enforce: baseline'))[0]?.status).toBe('pass');
    const typo = findingsFor(namespacePodSecurity, POD + namespace(', pod-security.kubernetes.io/enforce: restricetd'));
    expect(typo[0]?.status).toBe('fail');
    expect(typo[0]?.message).toContain('restricetd');
  });

  it('is not applicable to a namespace without workloads', () => {
    expect(findingsFor(namespacePodSecurity, namespace(''))).toEqual([]);
  });
});
