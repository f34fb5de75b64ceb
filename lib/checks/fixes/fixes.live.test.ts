/**
 * The per-object fixes are right: for every check that gives them, each fix on its failing and
 * warning fixtures is applied to the fixture's own objects and the check then passes. Patches are
 * applied by the control plane's kubectl (`patch --local`: Kubernetes' own strategic merge,
 * containers merged by name, with the real types' patch strategies), never by a merge written here;
 * manifests are added as the objects they are.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { testCluster } from '@test/support/test-cluster';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { parseManifests } from '../../snapshot/parse-manifests';
import { CATALOG } from '../catalog';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from '../config/settings';
import { evaluateCheck } from '../evaluate';
import type { Check, ObjectFix } from '../types';

const run = promisify(execFile);
const kubectl = testCluster().kubectlPath;
const scratch = mkdtempSync(path.join(tmpdir(), 'shipshape-fixes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CATALOG_DIR = path.join(__dirname, '..', 'catalog');
const fixtureFile = (check: Check, suffix: string) => path.join(CATALOG_DIR, check.principle, `${check.id}${suffix}`);

function fixtureConfig(check: Check): CheckConfig {
  const file = fixtureFile(check, '.config.json');
  if (!existsSync(file)) return DEFAULT_CHECK_CONFIG;
  return { ...DEFAULT_CHECK_CONFIG, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckConfig>) };
}

function grade(check: Check, objects: readonly KubeObject[]) {
  const inventory = buildInventory(objects);
  return [...inventory.namespaces.values()].map((namespace) => evaluateCheck(check, namespace, inventory, fixtureConfig(check)));
}

let applied = 0;
/** The object with the patch applied by kubectl, read back as JSON. */
async function kubectlPatch(object: KubeObject, fix: Extract<ObjectFix, { type: 'patch' }>): Promise<KubeObject> {
  applied += 1;
  const file = path.join(scratch, `object-${applied}.json`);
  writeFileSync(file, JSON.stringify(object));
  const { stdout } = await run(
    kubectl,
    ['patch', '--local', '-f', file, `--type=${fix.patchType}`, '-p', JSON.stringify(fix.patch), '-o', 'json'],
    { env: { ...process.env, KUBECONFIG: path.join(scratch, 'no-kubeconfig') } },
  );
  return JSON.parse(stdout) as KubeObject;
}

const sameTarget = (object: KubeObject, fix: Extract<ObjectFix, { type: 'patch' }>) =>
  object.kind === fix.target.kind &&
  object.metadata.name === fix.target.name &&
  (fix.target.namespace === undefined || (object.metadata.namespace ?? 'default') === fix.target.namespace);

const FIXABLE = CATALOG.filter((check) => check.fixes);

describe('per-object fixes', () => {
  it('are given by a good share of the catalog', () => {
    expect(FIXABLE.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(FIXABLE.map((check) => [check.id, check] as const))('%s', (_id, check) => {
    const variants = (['fail', 'warn'] as const).filter((variant) => existsSync(fixtureFile(check, `.${variant}.yaml`)));
    it.each(variants)('makes the check pass on its %s fixture once applied', async (variant) => {
      const file = fixtureFile(check, `.${variant}.yaml`);
      let objects = parseManifests(readFileSync(file, 'utf8'), file).objects;
      const before = grade(check, objects).flatMap((item) => item.findings.filter((finding) => finding.status !== 'pass'));
      expect(before.length).toBeGreaterThan(0);
      for (const finding of before) {
        const fix = finding.fix;
        if (!fix) throw new Error(`no fix on ${finding.object.kind}/${finding.object.name}`);
        if (fix.type === 'manifest') {
          const created = structuredClone(fix.manifest) as unknown as KubeObject;
          // `kubectl apply` creates each item of a List.
          objects = [...objects, ...(created.kind === 'List' ? (created.items as KubeObject[]) : [created])];
          continue;
        }
        // A namespace-level finding on manifests without a Namespace object patches the namespace a cluster would have.
        const target =
          objects.find((object) => sameTarget(object, fix)) ??
          (fix.target.kind === 'Namespace' ? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: fix.target.name } } : undefined);
        if (!target) throw new Error(`the fix patches ${fix.target.kind}/${fix.target.name}, which the fixture does not hold`);
        const patched = await kubectlPatch(target, fix);
        objects = [...objects.filter((object) => object !== target), patched];
      }
      const after = grade(check, objects);
      expect(
        after.flatMap((item) => item.findings.filter((finding) => finding.status !== 'pass')),
        'findings left once every fix is applied',
      ).toEqual([]);
      expect(after.some((item) => item.status === 'pass')).toBe(true);
    });
  });
});
