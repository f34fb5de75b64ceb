import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory';
import { parseManifests } from '../../snapshot/parse-manifests';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from '../config';
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
  const inventory = buildInventory(parseManifests(DEPLOYMENT, 'test.yaml').objects);
  const namespace = inventory.namespaces.get('fixture');
  if (!namespace) throw new Error('no fixture namespace');
  return requiredMetadata.evaluate({ namespace, inventory, config: { ...DEFAULT_CHECK_CONFIG, ...config } });
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
