import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { pullSecretType } from './pull-secret-type';

function deployment(image: string, pullSecret: string): KubeObject {
  return workloadFixture({ imagePullSecrets: [{ name: pullSecret }], containers: [{ name: 'api', image }] });
}

function secret(name: string, type: string | undefined): KubeObject {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'fixture' },
    data: { token: 'bm90LWEtc2VjcmV0' },
  };
  if (type) object.type = type;
  return object;
}

describe('pull-secret-type', () => {
  it('accepts the legacy dockercfg type', () => {
    const findings = findingsFor(pullSecretType, [
      deployment('registry.example.com/payments/api:1.4.2', 'reg'),
      secret('reg', 'kubernetes.io/dockercfg'),
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['pass']);
  });

  it('reads a Secret without a type as Opaque, as the API server stores it, and never echoes its data', () => {
    const findings = findingsFor(pullSecretType, [deployment('registry.example.com/payments/api:1.4.2', 'reg'), secret('reg', undefined)]);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('reg is of type Opaque');
    expect(findings[0]?.message).not.toContain('bm90LWEtc2VjcmV0');
    const typed = findingsFor(pullSecretType, [deployment('registry.example.com/payments/api:1.4.2', 'reg'), secret('reg', 'Opaque')]);
    expect(typed).toEqual(findings);
  });

  it('only warns when the images are public', () => {
    const findings = findingsFor(pullSecretType, [deployment('ghcr.io/example/api:1.4.2', 'reg'), secret('reg', 'Opaque')]);
    expect(findings.map((finding) => finding.status)).toEqual(['warn']);
  });

  it('leaves a missing Secret to pull-secret-exists', () => {
    expect(findingsFor(pullSecretType, [deployment('registry.example.com/payments/api:1.4.2', 'reg')])).toEqual([]);
  });
});
