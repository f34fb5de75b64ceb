import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../k8s/objects';
import { reduceObject, StringPool } from './reduce-object';

const pod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web', tier: 'front' }, managedFields: [{ manager: 'kubelet' }], selfLink: '/x' },
  spec: { containers: [{ name: 'main', image: 'registry.example/web:1.2.3' }], nodeSelector: { disk: 'ssd' } },
  status: {
    phase: 'Running',
    podIP: '10.0.0.1',
    hostIPs: [{ ip: '192.168.0.1' }],
    qosClass: 'Burstable',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }],
    containerStatuses: [
      { name: 'main', ready: true, restartCount: 2, imageID: 'sha256:abc', containerID: 'containerd://1', state: { running: {} } },
    ],
  },
});

describe('reduceObject', () => {
  it('keeps of a Pod’s status only what the live-health checks read', () => {
    const reduced = reduceObject(pod('web-1'), new StringPool());
    expect(reduced.status).toEqual({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'main', ready: true, restartCount: 2, state: { running: {} } }],
    });
    expect(reduced.metadata.managedFields).toBeUndefined();
    expect(reduced.metadata.selfLink).toBeUndefined();
    expect(reduced.spec).toEqual(pod('web-1').spec);
  });

  it('drops the status of kinds no check reads it of, and keeps a workload’s', () => {
    const service: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { selector: { app: 'web' } },
      status: { loadBalancer: {} },
    };
    expect(reduceObject(service, new StringPool()).status).toBeUndefined();
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {},
      status: { availableReplicas: 2 },
    };
    expect(reduceObject(deployment, new StringPool()).status).toEqual({ availableReplicas: 2 });
  });

  it('shares repeated strings through one pool, and leaves the input as it was', () => {
    const pool = new StringPool();
    const input = pod('web-1');
    const before = structuredClone(input);
    for (let index = 0; index < 100; index += 1) reduceObject(pod(`web-${index}`), pool);
    reduceObject(input, pool);
    expect(input).toEqual(before);
    // Image, label keys and values, container name, namespace, kind, apiVersion, nodeSelector: one entry each, not one per Pod.
    expect(pool.size).toBeLessThan(15);
  });

  it('is bounded: a full pool starts again rather than growing', () => {
    const pool = new StringPool(10);
    for (let index = 0; index < 50; index += 1) pool.intern(`name-${index}`);
    expect(pool.size).toBeLessThanOrEqual(10);
    const long = 'x'.repeat(1_000);
    pool.intern(long);
    expect(pool.size).toBeLessThanOrEqual(10);
  });
});
