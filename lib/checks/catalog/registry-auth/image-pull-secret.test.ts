import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { imagePullSecret } from './image-pull-secret';

function deployment(image: string, pod: Record<string, unknown> = {}): KubeObject {
  return workloadFixture({ containers: [{ name: 'api', image }], ...pod });
}

function run(objects: KubeObject[]) {
  return findingsFor(imagePullSecret, objects);
}

describe('image-pull-secret', () => {
  it('is not applicable when every image comes from a public registry', () => {
    expect(run([deployment('nginx:1.27'), deployment('ghcr.io/example/proxy:0.9.1')])).toEqual([]);
  });

  it('treats k8s.gcr.io, the Kubernetes project’s former registry, as public (the guestbook example pulls redis from it)', () => {
    expect(run([deployment('k8s.gcr.io/redis:e2e')])).toEqual([]);
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
    ]);
    expect(findings.map((finding) => finding.status)).toEqual(['pass']);
    expect(findings[0]?.message).toContain('ServiceAccount default');
  });

  it('fails a private image with no pull secret on the pod or its ServiceAccount', () => {
    const findings = run([deployment('registry.example.com/payments/api:1.4.2')]);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('ServiceAccount default');
  });

  it('leaves whether the named Secret exists, its type and hosts to the pull-secret-* checks', () => {
    const findings = run([deployment('registry.example.com/payments/api:1.4.2', { imagePullSecrets: [{ name: 'missing' }] })]);
    expect(findings.map((finding) => finding.status)).toEqual(['pass']);
  });
});
