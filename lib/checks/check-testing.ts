/**
 * Test support for checks: run one check over objects or YAML and get its findings for the
 * `fixture` namespace (where every check fixture lives), read as manifests unless `origin` says
 * they come from a cluster. Used by the catalog's focused tests.
 */
import { buildInventory, type InventoryOrigin } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import { parseManifests } from '../snapshot/parse-manifests';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from './config/settings';
import type { Check, ObjectFinding } from './types';

export function findingsFor(
  check: Check,
  input: string | readonly KubeObject[],
  namespaceName = 'fixture',
  config: Partial<CheckConfig> = {},
  origin: InventoryOrigin = 'files',
): ObjectFinding[] {
  let objects: readonly KubeObject[];
  if (typeof input === 'string') {
    const parsed = parseManifests(input, 'test.yaml');
    if (parsed.errors.length > 0) throw new Error(`fixture YAML is invalid: ${parsed.errors.map((error) => error.message).join('; ')}`);
    objects = parsed.objects;
  } else {
    objects = input;
  }
  const inventory = buildInventory(objects, [], { origin });
  const namespace = inventory.namespaces.get(namespaceName);
  if (!namespace) return [];
  return check.evaluate({ namespace, inventory, config: { ...DEFAULT_CHECK_CONFIG, ...config } });
}

/** A workload `api` in the `fixture` namespace whose pod template (labelled `app: api`) has this spec. */
export function workloadFixture(podSpec: Record<string, unknown>, kind = 'Deployment'): KubeObject {
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name: 'api', namespace: 'fixture' },
    spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: podSpec } },
  };
}
