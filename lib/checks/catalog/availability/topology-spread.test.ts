import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { topologySpread } from './topology-spread';

function deployment(replicas: number, podSpec = '') {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api, tier: web } }
    spec:
${podSpec}      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;
}

const status = (yaml: string) => findingsFor(topologySpread, yaml).map((finding) => finding.status);

describe('topology-spread', () => {
  it('is not applicable to a single replica: there is nothing to spread', () => {
    expect(status(deployment(1))).toEqual([]);
  });

  it('passes a spread constraint or anti-affinity that selects the pods themselves', () => {
    const spread = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: api } } }
`;
    const required = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector: { matchExpressions: [{ key: app, operator: In, values: [api] }] }
`;
    expect(status(deployment(3, spread))).toEqual(['pass']);
    expect(status(deployment(3, required))).toEqual(['pass']);
  });

  it('warns when the rule would not spread these replicas', () => {
    // Selects another app's pods.
    const otherApp = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: db } } }
`;
    // No selector: the scheduler counts no pods, so the constraint never binds.
    const noSelector = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway }
`;
    // A node label that is not a failure domain.
    const otherKey = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: node.kubernetes.io/instance-type, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: api } } }
`;
    expect(status(deployment(3, otherApp))).toEqual(['warn']);
    expect(status(deployment(3, noSelector))).toEqual(['warn']);
    expect(status(deployment(3, otherKey))).toEqual(['warn']);
    expect(status(deployment(3))).toEqual(['warn']);
  });
});
