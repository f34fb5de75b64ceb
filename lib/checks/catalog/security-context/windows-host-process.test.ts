import { describe, expect, it } from 'vitest';
import { findingsFor, workloadFixture } from '../../check-testing';
import { windowsHostProcess } from './windows-host-process';

describe('windows-host-process', () => {
  it('fails a container that sets hostProcess, naming it, and passes an explicit false', () => {
    const workload = workloadFixture({
      hostNetwork: true,
      initContainers: [{ name: 'setup', securityContext: { windowsOptions: { hostProcess: true } } }],
      containers: [{ name: 'agent', securityContext: { windowsOptions: { hostProcess: false } } }],
    });
    expect(findingsFor(windowsHostProcess, [workload])[0]?.message).toBe(
      'beyond the baseline Pod Security profile: container setup sets hostProcess: true',
    );
  });

  it('passes a Windows pod whose windowsOptions name only a user', () => {
    const workload = workloadFixture({
      securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } },
      containers: [{ name: 'iis' }],
    });
    expect(findingsFor(windowsHostProcess, [workload])[0]?.status).toBe('pass');
  });
});
