import { describe, expect, it } from 'vitest';
import { findingsFor, workloadFixture } from '../../check-testing';
import { procMountDefault } from './proc-mount-default';

describe('proc-mount-default', () => {
  it('passes an unset procMount and Default alike (the API server fills in Default)', () => {
    const unset = findingsFor(procMountDefault, [workloadFixture({ containers: [{ name: 'api' }] })]);
    const written = findingsFor(procMountDefault, [
      workloadFixture({ containers: [{ name: 'api', securityContext: { procMount: 'Default' } }] }),
    ]);
    expect(written).toEqual(unset);
    expect(unset[0]?.status).toBe('pass');
  });

  it('fails Unmasked on an init container', () => {
    const workload = workloadFixture({
      hostUsers: false,
      initContainers: [{ name: 'build', securityContext: { procMount: 'Unmasked' } }],
      containers: [{ name: 'api' }],
    });
    expect(findingsFor(procMountDefault, [workload])[0]?.message).toBe(
      'beyond the baseline Pod Security profile: container build sets procMount: Unmasked',
    );
  });
});
