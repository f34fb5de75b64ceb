/**
 * Every check in the catalog against the fixtures beside it: `<id>.pass.yaml` must pass,
 * `<id>.fail.yaml` must fail, and `<id>.warn.yaml` (where present) must warn.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../inventory';
import { parseManifests } from '../snapshot/parse-manifests';
import { CATALOG } from './catalog';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from './config/settings';
import { evaluateCheck } from './evaluate';
import { PRINCIPLES } from './principles';
import type { Check } from './types';

const CATALOG_DIR = path.join(__dirname, 'catalog');

/**
 * The configuration a check's fixtures are graded with: the defaults, overridden by
 * `<id>.config.json` where a check needs settings the defaults leave empty (required keys, say).
 */
function fixtureConfig(check: Check): CheckConfig {
  const file = path.join(CATALOG_DIR, `${check.id}.config.json`);
  if (!existsSync(file)) return DEFAULT_CHECK_CONFIG;
  return { ...DEFAULT_CHECK_CONFIG, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckConfig>) };
}

function statusOnFixture(check: Check, variant: 'pass' | 'fail' | 'warn') {
  const file = path.join(CATALOG_DIR, `${check.id}.${variant}.yaml`);
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
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(existsSync(path.join(CATALOG_DIR, `${id}.ts`))).toBe(true);
    }
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
  const hasFail = existsSync(path.join(CATALOG_DIR, `${check.id}.fail.yaml`));
  if (hasFail) {
    it('fails its failing fixture', () => {
      const { status, items } = statusOnFixture(check, 'fail');
      expect(status, JSON.stringify(items.flatMap((item) => item.findings))).toBe('fail');
    });
  } else {
    it('has a failing or a warning fixture', () => {
      expect(existsSync(path.join(CATALOG_DIR, `${check.id}.warn.yaml`))).toBe(true);
    });
  }

  // Only checks that can warn have a warning fixture; no test is registered (or skipped) for the others.
  if (existsSync(path.join(CATALOG_DIR, `${check.id}.warn.yaml`))) {
    it('warns on its warning fixture', () => {
      expect(statusOnFixture(check, 'warn').status).toBe('warn');
    });
  }
});
