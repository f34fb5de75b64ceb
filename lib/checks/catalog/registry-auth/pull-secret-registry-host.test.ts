import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { pullSecretRegistryHost } from './pull-secret-registry-host';

/** Base64 of a dockerconfigjson with one fixture credential per host. */
function dockerConfig(...hosts: string[]): string {
  const auths = Object.fromEntries(hosts.map((host) => [host, { auth: 'Zml4dHVyZTpub3QtYS1yZWFsLXRva2Vu' }]));
  return btoa(JSON.stringify({ auths }));
}

function deployment(image: string): KubeObject {
  return workloadFixture({ imagePullSecrets: [{ name: 'reg' }], containers: [{ name: 'api', image }] });
}

function secret(config: string, type = 'kubernetes.io/dockerconfigjson'): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'reg', namespace: 'fixture' }, type, data: { '.dockerconfigjson': config } };
}

describe('pull-secret-registry-host', () => {
  it('matches the registry host including its port and never echoes secret data', () => {
    const config = dockerConfig('registry.example.com');
    const findings = findingsFor(pullSecretRegistryHost, [deployment('registry.example.com:5000/payments/api:1.4.2'), secret(config)]);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('registry.example.com:5000');
    expect(findings[0]?.message).not.toContain(config);
    expect(findings[0]?.message).not.toContain('Zml4dHVyZTpub3QtYS1yZWFsLXRva2Vu');
  });

  it('normalises https:// and path forms of the host, as docker login writes them', () => {
    const findings = findingsFor(pullSecretRegistryHost, [
      deployment('registry.example.com/payments/api:1.4.2'),
      secret(dockerConfig('https://registry.example.com/v2/')),
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['pass']);
  });

  it('fails a pull secret that holds no registry at all', () => {
    const findings = findingsFor(pullSecretRegistryHost, [deployment('registry.example.com/payments/api:1.4.2'), secret(dockerConfig())]);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('reg has no registry');
  });

  it('is not applicable for public images or when no usable pull secret exists', () => {
    expect(findingsFor(pullSecretRegistryHost, [deployment('ghcr.io/example/api:1.4.2'), secret(dockerConfig('ghcr.io'))])).toEqual([]);
    expect(findingsFor(pullSecretRegistryHost, [deployment('registry.example.com/payments/api:1.4.2')])).toEqual([]);
    expect(
      findingsFor(pullSecretRegistryHost, [
        deployment('registry.example.com/payments/api:1.4.2'),
        secret(dockerConfig('x.example.com'), 'Opaque'),
      ]),
    ).toEqual([]);
  });
});
