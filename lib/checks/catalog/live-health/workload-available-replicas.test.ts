import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor } from '../../check-testing';
import { workloadAvailableReplicas } from './workload-available-replicas';

function workload(kind: string, replicas: number | undefined, status: Record<string, unknown> | undefined, generation = 1): KubeObject {
  const object: KubeObject = {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'api', namespace: 'fixture', generation },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: { containers: [{ name: 'api', image: 'gcr.io/distroless/static:nonroot' }] },
      },
    },
  };
  if (status) object.status = status;
  return object;
}

const findings = (object: KubeObject) => findingsFor(workloadAvailableReplicas, [object]);

describe('workload-available-replicas', () => {
  it('is not applicable without live state (a manifest, or a status not yet written)', () => {
    expect(findings(workload('Deployment', 3, undefined))).toEqual([]);
    expect(findings(workload('Deployment', 3, {}))).toEqual([]);
  });

  it('fails a settled Deployment short of replicas, counting an omitted availableReplicas as 0', () => {
    expect(
      findings(workload('Deployment', 3, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 1 }))[0],
    ).toMatchObject({
      status: 'fail',
      message: '1 of 3 replicas available',
    });
    expect(findings(workload('Deployment', undefined, { observedGeneration: 1, replicas: 1, updatedReplicas: 1 }))[0]).toMatchObject({
      status: 'fail',
      message: '0 of 1 replicas available',
    });
  });

  it('warns during a rollout, but fails one the controller reports stuck', () => {
    const rolling = { observedGeneration: 2, replicas: 4, updatedReplicas: 2, availableReplicas: 2 };
    expect(findings(workload('Deployment', 3, rolling, 2))[0]?.status).toBe('warn');
    expect(findings(workload('Deployment', 3, { observedGeneration: 1, availableReplicas: 2, updatedReplicas: 3 }, 2))[0]?.message).toBe(
      '2 of 3 replicas available while the controller has not caught up with the latest change',
    );
    const stuck = { ...rolling, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] };
    expect(findings(workload('Deployment', 3, stuck, 2))[0]).toMatchObject({
      status: 'fail',
      message: '2 of 3 replicas available; rollout stuck: ProgressDeadlineExceeded',
    });
  });

  it('reads StatefulSet and DaemonSet counts', () => {
    expect(
      findings(workload('StatefulSet', 3, { observedGeneration: 1, replicas: 3, readyReplicas: 3, availableReplicas: 3 }))[0]?.status,
    ).toBe('pass');
    expect(findings(workload('StatefulSet', 3, { observedGeneration: 1, replicas: 3, readyReplicas: 2 }))[0]?.message).toBe(
      '2 of 3 replicas available',
    );
    expect(
      findings(
        workload('DaemonSet', undefined, {
          observedGeneration: 1,
          desiredNumberScheduled: 4,
          numberAvailable: 3,
          updatedNumberScheduled: 4,
        }),
      )[0],
    ).toMatchObject({ status: 'fail', message: '3 of 4 scheduled pods available' });
    expect(findings(workload('DaemonSet', undefined, { observedGeneration: 1, desiredNumberScheduled: 0 }))[0]?.status).toBe('pass');
  });
});
