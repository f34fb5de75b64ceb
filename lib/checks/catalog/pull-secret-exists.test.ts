import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../k8s/objects';
import { findingsFor, workloadFixture } from '../check-testing';
import { pullSecretExists } from './pull-secret-exists';

function deployment(image: string, pod: Record<string, unknown> = {}): KubeObject {
  return workloadFixture({ containers: [{ name: 'api', image }], ...pod });
}

const registrySecret = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'fixture' },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': 'e30=' },
});

describe('pull-secret-exists', () => {
  it('is not applicable when nothing names a pull secret', () => {
    expect(findingsFor(pullSecretExists, [deployment('registry.example.com/payments/api:1.4.2')])).toEqual([]);
  });

  it('finds pull secrets attached to the ServiceAccount, not only to the pod', () => {
    const findings = findingsFor(pullSecretExists, [
      deployment('registry.example.com/payments/api:1.4.2', { serviceAccountName: 'api' }),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'fixture' }, imagePullSecrets: [{ name: 'reg' }] },
      registrySecret('reg'),
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['pass']);
  });

  it('only warns when another named pull secret exists', () => {
    const findings = findingsFor(pullSecretExists, [
      deployment('registry.example.com/payments/api:1.4.2', { imagePullSecrets: [{ name: 'reg' }, { name: 'old-reg' }] }),
      registrySecret('reg'),
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['warn']);
    expect(findings[0]?.message).toContain('old-reg (named by the pod spec)');
  });
});
