import { describe, expect, it } from 'vitest';
import { FieldLocator, fieldSegments } from './field-location';

const TEXT = `apiVersion: v1
kind: ConfigMap
metadata: { name: other }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: proxy
          image: envoy
        - name: api
          image: app
          securityContext:
            privileged: true
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: { name: in-list }
    spec: { hostNetwork: true }
`;

describe('FieldLocator', () => {
  const locator = new FieldLocator(TEXT);
  const deployment = { line: 5, column: 1 };

  it('finds a field by its path, list indexes included', () => {
    expect(locator.locate(deployment, 'spec.template.spec.containers[1].securityContext.privileged')).toEqual({ line: 19, column: 13 });
    expect(locator.locate(deployment, 'spec.template.spec.hostNetwork')).toEqual({ line: 12, column: 7 });
  });

  it('falls back to the deepest part the file writes: the container that sets no securityContext', () => {
    expect(locator.locate(deployment, 'spec.template.spec.containers[0].securityContext.privileged')).toEqual({ line: 14, column: 11 });
  });

  it('locates nothing it cannot vouch for: another document, a List item, a path it does not write at all', () => {
    expect(locator.locate({ line: 4, column: 1 }, 'spec')).toBeUndefined();
    expect(locator.locate({ line: 21, column: 1 }, 'spec.hostNetwork')).toBeUndefined();
    expect(locator.locate(deployment, 'status.replicas')).toBeUndefined();
    expect(locator.locate(deployment, 'not a path!')).toBeUndefined();
  });

  it('reads paths as the checks write them', () => {
    expect(fieldSegments('spec.template.spec.containers[0].securityContext')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'securityContext',
    ]);
    expect(fieldSegments('metadata.labels["app.kubernetes.io/name"]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(fieldSegments('metadata.labels["a\\"]b"]')).toEqual(['metadata', 'labels', 'a"]b']);
    expect(fieldSegments('spec..x')).toBeUndefined();
    expect(fieldSegments('')).toBeUndefined();
  });
});
