import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import type { CheckConfig } from '../../config/settings';
import { requiredMetadata } from './required-metadata';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: fixture
  labels: { cost-center: "  " }
  annotations: { shipshape.dev/data-classification: internal }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: registry.example.com/api:1.4.2 }]
`;

function run(config: Partial<CheckConfig>) {
  return findingsFor(requiredMetadata, DEPLOYMENT, 'fixture', config);
}

describe('required-metadata', () => {
  it('is not applicable when the configuration requires nothing (the default)', () => {
    expect(run({})).toEqual([]);
  });

  it('treats a blank value as missing and names each missing key', () => {
    const findings = run({ requiredLabels: ['cost-center', 'team'], requiredAnnotations: ['shipshape.dev/data-classification'] });
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toBe('missing required label cost-center, team');
  });
});
