import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
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

  const onlyCredential = [deployment('registry.example.com/payments/api:1.4.2', { imagePullSecrets: [{ name: 'reg' }] })];

  it('warns, offline, of a pull secret the manifests do not hold: Secrets are made apart from them', () => {
    const findings = findingsFor(pullSecretExists, onlyCredential);
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      [
        'warn',
        'imagePullSecret reg (named by the pod spec) is not in these manifests; make sure it exists in the namespace (without it, registry.example.com is pulled from without credentials)',
      ],
    ]);
  });

  it('fails, in a cluster, when the only credential for a private registry does not exist', () => {
    const findings = findingsFor(pullSecretExists, onlyCredential, 'fixture', {}, 'live');
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      [
        'fail',
        'imagePullSecret reg (named by the pod spec) does not exist in the namespace, so registry.example.com is pulled from without credentials',
      ],
    ]);
  });

  it('fails, offline too, when the pull secret is in another namespace', () => {
    const elsewhere = { ...registrySecret('reg'), metadata: { name: 'reg', namespace: 'build' } };
    const findings = findingsFor(pullSecretExists, [...onlyCredential, elsewhere]);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain("namespace build has one of that name, and pods cannot use another namespace's Secrets");
  });
});
