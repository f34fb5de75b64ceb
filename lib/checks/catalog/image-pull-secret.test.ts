import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../k8s/objects';
import { findingsFor } from '../check-testing';
import { imagePullSecret } from './image-pull-secret';

// {"auths":{"registry.example.com":{"auth":"…"}}}, a fixture credential.
const DOCKERCONFIG = 'eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJhdXRoIjoiWm1sNGRIVnlaVHB1YjNRdFlTMXlaV0ZzTFhSdmEyVnUifX19';

function deployment(image: string, pod: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'fixture' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }], ...pod } },
    },
  };
}

function secret(name: string, type: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'fixture' }, type, data };
}

function run(objects: KubeObject[]) {
  return findingsFor(imagePullSecret, objects);
}

describe('image-pull-secret', () => {
  it('is not applicable when every image comes from a public registry', () => {
    expect(run([deployment('nginx:1.27'), deployment('ghcr.io/example/proxy:0.9.1')])).toEqual([]);
  });

  it('uses the default ServiceAccount when the pod names none', () => {
    const findings = run([
      deployment('registry.example.com/payments/api:1.4.2'),
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: 'fixture' },
        imagePullSecrets: [{ name: 'reg' }],
      },
      secret('reg', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': DOCKERCONFIG }),
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['pass']);
    expect(findings[0]?.message).toContain('ServiceAccount default');
  });

  it('warns when the pull secret is not a registry credential', () => {
    const findings = run([
      deployment('registry.example.com/payments/api:1.4.2', { imagePullSecrets: [{ name: 'reg' }] }),
      secret('reg', 'Opaque', { token: 'bm90LWEtc2VjcmV0' }),
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['warn']);
    expect(findings[0]?.message).toContain('not of type kubernetes.io/dockerconfigjson');
  });

  it('matches the registry host including its port and never echoes secret data', () => {
    const findings = run([
      deployment('registry.example.com:5000/payments/api:1.4.2', { imagePullSecrets: [{ name: 'reg' }] }),
      secret('reg', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': DOCKERCONFIG }),
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['warn']);
    expect(findings[0]?.message).toContain('registry.example.com:5000');
    expect(findings[0]?.message).not.toContain(DOCKERCONFIG);
  });
});
