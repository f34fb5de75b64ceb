import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor } from '../../check-testing';
import { podCrashLooping } from './pod-crash-looping';
import { podsNotReady } from './pods-not-ready';
import { podsPending } from './pods-pending';

function pod(status: Record<string, unknown> | undefined, metadata: Partial<KubeObject['metadata']> = {}): KubeObject {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-0', namespace: 'fixture', ...metadata },
    spec: { containers: [{ name: 'api', image: 'gcr.io/distroless/static:nonroot' }] },
  };
  if (status) object.status = status;
  return object;
}

const waiting = (reason: string, message?: string) => ({
  name: 'api',
  ready: false,
  restartCount: 0,
  state: { waiting: message ? { reason, message } : { reason } },
});

describe('pods-pending', () => {
  it('puts the scheduler’s reason and message in the finding', () => {
    const [finding] = findingsFor(podsPending, [
      pod({
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' },
        ],
      }),
    ]);
    expect(finding).toMatchObject({
      status: 'fail',
      message: 'pending, not scheduled (Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.)',
    });
  });

  it('warns on a scheduled pod still starting, and fails one whose container cannot start', () => {
    const scheduled = [{ type: 'PodScheduled', status: 'True' }];
    const starting = findingsFor(podsPending, [
      pod({ phase: 'Pending', conditions: scheduled, containerStatuses: [waiting('ContainerCreating')] }),
    ]);
    expect(starting[0]).toMatchObject({ status: 'warn', message: 'pending on its node: container api ContainerCreating' });
    const pulling = findingsFor(podsPending, [
      pod({ phase: 'Pending', conditions: scheduled, containerStatuses: [waiting('ErrImagePull')] }),
    ]);
    expect(pulling[0]?.status).toBe('fail');
  });

  it('passes running pods and is not applicable without live state', () => {
    expect(findingsFor(podsPending, [pod({ phase: 'Running' })])[0]?.status).toBe('pass');
    expect(findingsFor(podsPending, [pod(undefined)])).toEqual([]);
  });
});

describe('pod-crash-looping', () => {
  it('fails containers waiting in a failure state, init containers included, with the kubelet’s message', () => {
    const [finding] = findingsFor(podCrashLooping, [
      pod({
        phase: 'Pending',
        initContainerStatuses: [{ ...waiting('CreateContainerConfigError', 'secret "db-credentials" not found'), name: 'migrate' }],
        containerStatuses: [waiting('PodInitializing')],
      }),
    ]);
    expect(finding).toMatchObject({
      status: 'fail',
      message: 'container migrate is waiting in CreateContainerConfigError: secret "db-credentials" not found',
    });
  });

  it('does not mistake a container being created for a failure, and trims long messages', () => {
    expect(findingsFor(podCrashLooping, [pod({ phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] })])[0]?.status).toBe(
      'pass',
    );
    const [long] = findingsFor(podCrashLooping, [pod({ phase: 'Running', containerStatuses: [waiting('ErrImagePull', 'x'.repeat(500))] })]);
    expect(long?.message.length).toBeLessThan(260);
  });

  it('is not applicable to a pod that has no container statuses yet', () => {
    expect(findingsFor(podCrashLooping, [pod({ phase: 'Pending' })])).toEqual([]);
  });
});

describe('pods-not-ready', () => {
  it('fails a running pod that is not ready, naming the unready containers', () => {
    const [finding] = findingsFor(podsNotReady, [
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
        containerStatuses: [{ name: 'api', ready: false, restartCount: 0, state: { running: {} } }],
      }),
    ]);
    expect(finding).toMatchObject({ status: 'fail', message: 'running but not ready: container api not ready' });
  });

  it('falls back to the condition reason (a readiness gate, say)', () => {
    const [finding] = findingsFor(podsNotReady, [
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady' }],
        containerStatuses: [{ name: 'api', ready: true, restartCount: 0 }],
      }),
    ]);
    expect(finding?.message).toBe('running but not ready: ReadinessGatesNotReady');
  });

  it('leaves pending, finished and terminating pods alone', () => {
    const unready = { conditions: [{ type: 'Ready', status: 'False' }] };
    expect(findingsFor(podsNotReady, [pod({ phase: 'Pending', ...unready })])).toEqual([]);
    expect(findingsFor(podsNotReady, [pod({ phase: 'Succeeded', ...unready })])).toEqual([]);
    expect(findingsFor(podsNotReady, [pod({ phase: 'Running', ...unready }, { deletionTimestamp: '2025-01-01T00:00:00Z' })])).toEqual([]);
  });
});
