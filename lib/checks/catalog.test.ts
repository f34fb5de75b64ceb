/**
 * Every check in the catalog against the fixtures beside it (`catalog/<principle>/`): `<id>.pass.yaml` must pass,
 * `<id>.fail.yaml` must fail, and `<id>.warn.yaml` (where present) must warn.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../inventory';
import { parseManifests } from '../snapshot/parse-manifests';
import { CATALOG } from './catalog';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from './config/settings';
import { evaluateCheck } from './evaluate';
import { fixCommand, fixYaml } from './fixes/render';
import { PRINCIPLES } from './principles';
import type { Check } from './types';

const CATALOG_DIR = path.join(__dirname, 'catalog');

/** A check's files sit in its principle's folder: `catalog/<principle>/<id>.<suffix>`. */
function checkFile(check: Check, suffix: string): string {
  return path.join(CATALOG_DIR, check.principle, `${check.id}${suffix}`);
}

/**
 * The configuration a check's fixtures are graded with: the defaults, overridden by
 * `<id>.config.json` where a check needs settings the defaults leave empty (required keys, say).
 */
function fixtureConfig(check: Check): CheckConfig {
  const file = checkFile(check, '.config.json');
  if (!existsSync(file)) return DEFAULT_CHECK_CONFIG;
  return { ...DEFAULT_CHECK_CONFIG, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckConfig>) };
}

function statusOnFixture(check: Check, variant: 'pass' | 'fail' | 'warn') {
  const file = checkFile(check, `.${variant}.yaml`);
  const parsed = parseManifests(readFileSync(file, 'utf8'), file);
  expect(parsed.errors).toEqual([]);
  const inventory = buildInventory(parsed.objects);
  const items = [...inventory.namespaces.values()].map((namespace) => evaluateCheck(check, namespace, inventory, fixtureConfig(check)));
  const statuses = new Set(items.map((item) => item.status));
  // The fixture's verdict is its worst namespace.
  for (const status of ['fail', 'warn', 'pass'] as const) if (statuses.has(status)) return { status, items };
  return { status: 'not-evaluated' as const, items };
}

describe('catalog', () => {
  it('has unique kebab-case ids that match their file names', () => {
    const ids = CATALOG.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CATALOG) {
      expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(existsSync(checkFile(check, '.ts')), check.id).toBe(true);
    }
  });

  it('keeps each check in the folder of its principle, and only principles have folders', () => {
    const folders = readdirSync(CATALOG_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(PRINCIPLES.map((principle) => principle.id).sort());
    const folderOf = new Map(
      folders.flatMap((folder) =>
        readdirSync(path.join(CATALOG_DIR, folder))
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
          .map((file) => [file.slice(0, -'.ts'.length), folder] as const),
      ),
    );
    for (const check of CATALOG) expect(folderOf.get(check.id), check.id).toBe(check.principle);
  });

  it('has no check importing another check: shared helpers live in their own files', () => {
    const ids = new Set(CATALOG.map((check) => check.id));
    for (const check of CATALOG) {
      const source = readFileSync(checkFile(check, '.ts'), 'utf8');
      const imported = [...source.matchAll(/from '\.\/([a-z0-9-]+)'/g)].map((match) => match[1]);
      expect(
        imported.filter((name) => name !== undefined && ids.has(name)),
        check.id,
      ).toEqual([]);
    }
  });

  it('lists the checks grouped by principle, in the order of the principles', () => {
    const order = PRINCIPLES.map((principle) => principle.id);
    const positions = CATALOG.map((check) => order.indexOf(check.principle));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('covers every principle', () => {
    const covered = new Set(CATALOG.map((check) => check.principle));
    expect(PRINCIPLES.filter((principle) => !covered.has(principle.id)).map((principle) => principle.id)).toEqual([]);
  });

  it('gives every check a rationale, a YAML fix and a docs link', () => {
    for (const check of CATALOG) {
      expect(check.rationale.length, check.id).toBeGreaterThan(40);
      expect(check.remediation.snippet, check.id).toContain(':');
      expect(check.docs, check.id).toMatch(/^https:\/\/kubernetes\.io\//);
    }
  });
});

describe.each(CATALOG.map((check) => [check.id, check] as const))('%s', (_id, check) => {
  it('passes its passing fixture', () => {
    const { status, items } = statusOnFixture(check, 'pass');
    expect(status, JSON.stringify(items.flatMap((item) => item.findings))).toBe('pass');
  });

  // Checks that can only pass or warn (advice, never a failure) have no failing fixture, but
  // then must have a warning one: every check shows at least one way to come out not passing.
  const hasFail = existsSync(checkFile(check, '.fail.yaml'));
  if (hasFail) {
    it('fails its failing fixture', () => {
      const { status, items } = statusOnFixture(check, 'fail');
      expect(status, JSON.stringify(items.flatMap((item) => item.findings))).toBe('fail');
    });
  } else {
    it('has a failing or a warning fixture', () => {
      expect(existsSync(checkFile(check, '.warn.yaml'))).toBe(true);
    });
  }

  // Checks that declare per-object fixes give one on every failing or warning finding of their fixtures;
  // that applying it makes the check pass is proven with kubectl's own strategic merge (fixes.live.test.ts).
  if (check.fixes) {
    it('gives every failing or warning finding of its fixtures a fix for that object, as plain data', () => {
      const variants = (['fail', 'warn'] as const).filter((variant) => existsSync(checkFile(check, `.${variant}.yaml`)));
      const open = variants.flatMap((variant) =>
        statusOnFixture(check, variant).items.flatMap((item) => item.findings.filter((finding) => finding.status !== 'pass')),
      );
      expect(open.length).toBeGreaterThan(0);
      for (const finding of open) {
        expect(finding.fix, `${finding.object.kind}/${finding.object.name}`).toBeDefined();
        const fix = finding.fix as NonNullable<typeof finding.fix>;
        // It crosses the grading worker (structured clone) and JSON unchanged.
        expect(JSON.parse(JSON.stringify(fix))).toEqual(fix);
        expect(structuredClone(fix)).toEqual(fix);
        expect(fixYaml(fix).length).toBeGreaterThan(0);
        if (fix.type === 'patch') {
          expect(fix.target.name).toBe(fix.target.kind === finding.object.kind ? finding.object.name : fix.target.name);
          if (fix.inPlace) expect(fixCommand(fix)).toContain(`patch '${fix.target.kind.toLowerCase()}/${fix.target.name}'`);
          else expect(fixCommand(fix)).toBeUndefined();
        } else {
          const created = fix.manifest.kind === 'List' ? (fix.manifest.items as (typeof fix.manifest)[]) : [fix.manifest];
          for (const object of created)
            expect(object.metadata).toMatchObject({ namespace: finding.object.namespace ?? finding.object.name });
        }
      }
    });
  }

  // Only checks that can warn have a warning fixture; no test is registered (or skipped) for the others.
  if (existsSync(checkFile(check, '.warn.yaml'))) {
    it('warns on its warning fixture', () => {
      expect(statusOnFixture(check, 'warn').status).toBe('warn');
    });
  }
});
