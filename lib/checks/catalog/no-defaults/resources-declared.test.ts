import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { resourcesDeclared } from './resources-declared';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: fixture }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      containers:
        - name: worker
          image: registry.example.com/worker:2.3.1
          resources: {}
        - name: proxy
          image: registry.example.com/proxy:1.0.0
          resources: { requests: { cpu: 50m } }
`;

function limitRange(item: string) {
  return `---
apiVersion: v1
kind: LimitRange
metadata: { name: limits, namespace: fixture }
spec:
  limits:
    - ${item}
`;
}

const statusOf = (yaml: string) => findingsFor(resourcesDeclared, yaml).map((finding) => finding.status);

describe('resources-declared', () => {
  it('names only the container that declares nothing', () => {
    const findings = findingsFor(resourcesDeclared, DEPLOYMENT);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('container worker declares');
    expect(findings[0]?.message).not.toContain('proxy');
  });

  it('counts a Container max or min as a default, as the API server derives one from them', () => {
    expect(statusOf(DEPLOYMENT + limitRange('{ type: Container, max: { memory: 1Gi } }'))).toEqual(['pass']);
    expect(statusOf(DEPLOYMENT + limitRange('{ type: Container, min: { cpu: 10m } }'))).toEqual(['pass']);
  });

  it('does not count a Pod or PersistentVolumeClaim limit, which fills in nothing for containers', () => {
    expect(statusOf(DEPLOYMENT + limitRange('{ type: Pod, max: { memory: 4Gi } }'))).toEqual(['fail']);
    expect(statusOf(DEPLOYMENT + limitRange('{ type: PersistentVolumeClaim, max: { storage: 10Gi } }'))).toEqual(['fail']);
  });
});
