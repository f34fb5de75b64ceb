import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor } from '../../check-testing';
import { podRestarts } from './pod-restarts';

function pod(name: string, restarts: number[], extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'fixture', ...extra },
    spec: { containers: restarts.map((_, index) => ({ name: `c${index}`, image: 'gcr.io/distroless/static:nonroot' })) },
    status: {
      phase: 'Running',
      containerStatuses: restarts.map((restartCount, index) => ({
        name: `c${index}`,
        ready: true,
        restartCount,
        lastState: restartCount > 0 ? { terminated: { reason: 'OOMKilled', exitCode: 137 } } : {},
      })),
    },
  };
}

describe('pod-restarts', () => {
  it('is not applicable to pod manifests, which carry no live state', () => {
    const manifest = pod('api', [20]);
    delete manifest.status;
    expect(findingsFor(podRestarts, [manifest])).toEqual([]);
  });

  it('warns above the warning threshold and fails above the failure threshold', () => {
    const status = (restarts: number[]) => findingsFor(podRestarts, [pod('api', restarts)]).map((finding) => finding.status);
    expect(status([3])).toEqual(['pass']);
    expect(status([4])).toEqual(['warn']);
    expect(status([10])).toEqual(['warn']);
    expect(status([11])).toEqual(['fail']);
    expect(status([0, 12])).toEqual(['fail']);
  });

  it('names each restarting container and why it last stopped', () => {
    const [finding] = findingsFor(podRestarts, [pod('api', [0, 5, 14])]);
    expect(finding?.message).toBe(
      'container c1 restarted 5 times (last exit: OOMKilled, code 137); container c2 restarted 14 times (last exit: OOMKilled, code 137)',
    );
  });

  it('reads its thresholds from the configuration', () => {
    const config = { restartWarnThreshold: 0, restartFailThreshold: 1 };
    expect(findingsFor(podRestarts, [pod('api', [2])], 'fixture', config).map((finding) => finding.status)).toEqual(['fail']);
  });

  it('names the Deployment behind a pod, through its ReplicaSet or the pod-template-hash when the ReplicaSet was not read', () => {
    const owned = pod('api-7d9c-xk2', [5], {
      labels: { 'pod-template-hash': '7d9c' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'api-7d9c', controller: true }],
    });
    expect(findingsFor(podRestarts, [owned])[0]?.owner).toEqual({ kind: 'Deployment', name: 'api', namespace: 'fixture' });
    const replicaSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'api-7d9c', namespace: 'fixture', ownerReferences: [{ kind: 'Deployment', name: 'storefront', controller: true }] },
    };
    expect(findingsFor(podRestarts, [owned, replicaSet])[0]?.owner).toEqual({
      kind: 'Deployment',
      name: 'storefront',
      namespace: 'fixture',
    });
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'report-28911', namespace: 'fixture', ownerReferences: [{ kind: 'CronJob', name: 'report', controller: true }] },
    };
    const jobPod = pod('report-28911-abcde', [5], { ownerReferences: [{ kind: 'Job', name: 'report-28911', controller: true }] });
    expect(findingsFor(podRestarts, [jobPod, job])[0]?.owner).toEqual({ kind: 'CronJob', name: 'report', namespace: 'fixture' });
    const statefulPod = pod('db-0', [5], { ownerReferences: [{ kind: 'StatefulSet', name: 'db', controller: true }] });
    expect(findingsFor(podRestarts, [statefulPod])[0]?.owner).toEqual({ kind: 'StatefulSet', name: 'db', namespace: 'fixture' });
    expect(findingsFor(podRestarts, [pod('bare', [5])])[0]?.owner).toBeUndefined();
  });
});
