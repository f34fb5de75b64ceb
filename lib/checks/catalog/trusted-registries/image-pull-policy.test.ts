import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { imagePullPolicy } from './image-pull-policy';

function pod(image: string, policy?: string) {
  return `
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: fixture }
spec:
  containers:
    - name: api
      image: ${image}
${policy ? `      imagePullPolicy: ${policy}` : ''}
`;
}

const statusOf = (yaml: string) => findingsFor(imagePullPolicy, yaml).map((finding) => finding.status);

describe('image-pull-policy', () => {
  it('grades the policy the API server would default, so an unset one never fails', () => {
    expect(statusOf(pod('registry.example.com/api'))).toEqual(['pass']);
    expect(statusOf(pod('registry.example.com/api:latest'))).toEqual(['pass']);
    expect(statusOf(pod('registry.example.com/api:1.4.2'))).toEqual(['pass']);
  });

  it('grades a manifest and the object read back from the cluster alike', () => {
    // As stored: the server wrote the default it chose into the object.
    expect(statusOf(pod('registry.example.com/api:latest', 'Always'))).toEqual(statusOf(pod('registry.example.com/api:latest')));
    expect(statusOf(pod('registry.example.com/api:1.4.2', 'IfNotPresent'))).toEqual(statusOf(pod('registry.example.com/api:1.4.2')));
  });

  it('fails IfNotPresent on a moving tag, but not on a digest-pinned latest', () => {
    expect(statusOf(pod('registry.example.com/api', 'IfNotPresent'))).toEqual(['fail']);
    expect(
      statusOf(
        pod('registry.example.com/api:latest@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1', 'IfNotPresent'),
      ),
    ).toEqual(['pass']);
  });

  it('accepts Always on a version tag', () => {
    expect(statusOf(pod('registry.example.com/api:1.4.2', 'Always'))).toEqual(['pass']);
  });
});
