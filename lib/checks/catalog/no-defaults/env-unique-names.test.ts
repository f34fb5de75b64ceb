import { describe, expect, it } from 'vitest';
import { findingsFor, workloadFixture } from '../../check-testing';
import { duplicateEnvNames, envUniqueNames } from './env-unique-names';

describe('env-unique-names', () => {
  it('names each repeated variable once, in the order it repeats, and ignores malformed entries', () => {
    expect(duplicateEnvNames([{ name: 'B' }, { name: 'A' }, { name: 'A' }, { name: 'B' }, { name: 'A' }, null, { value: 'x' }])).toEqual([
      'A',
      'B',
    ]);
    expect(duplicateEnvNames(undefined)).toEqual([]);
  });

  it('checks init containers too, each against its own list', () => {
    const workload = workloadFixture({
      initContainers: [{ name: 'migrate', env: [{ name: 'DSN' }, { name: 'DSN' }] }],
      containers: [{ name: 'api', env: [{ name: 'DSN' }] }],
    });
    expect(findingsFor(envUniqueNames, [workload])[0]?.message).toBe(
      'sets environment variables more than once: container migrate repeats DSN',
    );
  });

  it('says that envFrom was not compared rather than passing it silently', () => {
    const workload = workloadFixture({
      containers: [{ name: 'api', envFrom: [{ secretRef: { name: 'api-env' } }], env: [{ name: 'PORT' }] }],
    });
    const [finding] = findingsFor(envUniqueNames, [workload]);
    expect(finding?.status).toBe('pass');
    expect(finding?.message).toBe(
      'every env name appears once per container (envFrom of api not compared: its keys are known only when the pod starts)',
    );
  });
});
