import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { ephemeralStorage } from './ephemeral-storage';

function deployment(container: string, volumes: string) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: gcr.io/distroless/static:nonroot
${container}
      volumes: ${volumes}
`;
}

const READ_ONLY = '          securityContext: { readOnlyRootFilesystem: true }';
const statusOf = (yaml: string) => findingsFor(ephemeralStorage, yaml).map((finding) => finding.status);

describe('ephemeral-storage', () => {
  it('ignores memory-backed and read-only mounted emptyDirs', () => {
    const mounts = `${READ_ONLY}\n          volumeMounts: [{ name: run, mountPath: /run }, { name: seed, mountPath: /seed, readOnly: true }]`;
    expect(statusOf(deployment(mounts, '[{ name: run, emptyDir: { medium: Memory } }, { name: seed, emptyDir: {} }]'))).toEqual(['pass']);
  });

  it('fails an unbounded emptyDir the container writes to, unless the container has a limit', () => {
    const mounts = `${READ_ONLY}\n          volumeMounts: [{ name: work, mountPath: /work }]`;
    expect(statusOf(deployment(mounts, '[{ name: work, emptyDir: {} }]'))).toEqual(['fail']);
    const limited = `${mounts}\n          resources: { limits: { ephemeral-storage: 2Gi } }`;
    expect(statusOf(deployment(limited, '[{ name: work, emptyDir: {} }]'))).toEqual(['pass']);
  });

  it('reads resources: {} and securityContext: {} (added by the API server) as absent', () => {
    const live = '          securityContext: {}\n          resources: {}';
    expect(statusOf(deployment(live, '[]'))).toEqual(statusOf(deployment('', '[]')));
    expect(statusOf(deployment(live, '[]'))).toEqual(['warn']);
  });
});
