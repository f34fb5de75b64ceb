import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { namespaceSingleEnvironment } from './namespace-single-environment';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture, labels: { environment: production } }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api, environment: production } }
    spec:
      containers: [{ name: api, image: registry.example.com/api:1.4.2 }]
`;

describe('namespace-single-environment', () => {
  it('is not applicable when nothing carries an environment label', () => {
    const yaml = DEPLOYMENT.replace(/environment: production/g, 'tier: backend');
    expect(findingsFor(namespaceSingleEnvironment, yaml)).toEqual([]);
  });

  it('ignores objects made by controllers and by Kubernetes, which only a live cluster has', () => {
    // A ReplicaSet left from an earlier rollout still carries the old template's labels.
    const live = `${DEPLOYMENT}---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-5d8f7c9b4
  namespace: fixture
  labels: { app: api, environment: staging, pod-template-hash: 5d8f7c9b4 }
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: api, uid: 1, controller: true }]
spec:
  selector: { matchLabels: { app: api, pod-template-hash: 5d8f7c9b4 } }
  template:
    metadata: { labels: { app: api, environment: staging, pod-template-hash: 5d8f7c9b4 } }
    spec:
      containers: [{ name: api, image: registry.example.com/api:1.4.1 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: kube-root-ca.crt, namespace: fixture }
data: { ca.crt: fixture }
`;
    expect(findingsFor(namespaceSingleEnvironment, live)).toEqual(findingsFor(namespaceSingleEnvironment, DEPLOYMENT));
    expect(findingsFor(namespaceSingleEnvironment, live)[0]?.status).toBe('pass');
  });

  it('reads a CronJob’s job template labels', () => {
    const yaml = `${DEPLOYMENT}---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: fixture }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata: { labels: { env: dev } }
        spec:
          restartPolicy: OnFailure
          containers: [{ name: report, image: registry.example.com/report:1.0.0 }]
`;
    const findings = findingsFor(namespaceSingleEnvironment, yaml);
    expect(findings[0]?.status).toBe('fail');
    expect(findings[0]?.message).toContain('development (CronJob report)');
  });
});
