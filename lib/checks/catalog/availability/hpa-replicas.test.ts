import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { hpaReplicas } from './hpa-replicas';

function hpa(fields: string) {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api, namespace: fixture }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
${fields}
`;
}

const findings = (yaml: string) => findingsFor(hpaReplicas, yaml);

describe('hpa-replicas', () => {
  it('grades an absent minReplicas exactly like the 1 the API server fills in', () => {
    const manifest = findings(hpa('  maxReplicas: 5'));
    const live = findings(hpa('  minReplicas: 1\n  maxReplicas: 5'));
    expect(manifest).toEqual(live);
    expect(manifest[0]).toMatchObject({ status: 'fail', message: 'minReplicas 1 lets it scale down to a single pod for Deployment api' });
  });

  it('warns when the autoscaler cannot scale up, and fails a floor below two', () => {
    expect(findings(hpa('  minReplicas: 3\n  maxReplicas: 3'))[0]?.status).toBe('warn');
    expect(findings(hpa('  minReplicas: 0\n  maxReplicas: 1'))[0]?.message).toContain('scale down to nothing');
    expect(findings(hpa('  minReplicas: 2\n  maxReplicas: 6'))[0]).toMatchObject({
      status: 'pass',
      message: 'scales between 2 and 6 replicas for Deployment api',
    });
  });

  it('is not applicable without autoscalers', () => {
    expect(findings('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: fixture }\n')).toEqual([]);
  });
});
