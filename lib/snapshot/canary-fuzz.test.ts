/**
 * Fuzz (review H2): every one-character mutation — a deletion, and insertions and replacements
 * of YAML-significant characters picked by a seeded PRNG — at every position of Secret
 * manifests that carry canaries (plain, base64, a PEM block, a dockerconfigjson with
 * user:pass@host). Each mutation goes through parseManifests, through the snapshot source (what
 * the pages serialise), and a sample through the CLI. No canary may appear in any message,
 * serialised result, CLI output or console line: not plain, not base64, not the base64 core.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSnapshotSource } from '../sources/snapshot-source';
import { parseManifests } from './parse-manifests';

const PLAIN = 'SHIPSHAPE-CANARY-fuzz-plain-7001';
const BASE64 = 'SHIPSHAPE-CANARY-fuzz-base64-7002';
const PEM = 'SHIPSHAPE-CANARY-fuzz-pem-7003';
const DOCKER = 'SHIPSHAPE-CANARY-fuzz-docker-7004';
const CANARIES = [PLAIN, BASE64, PEM, DOCKER];

const dockerConfig = JSON.stringify({
  auths: { [`https://robot:${DOCKER}@registry.example.com/v2/`]: { auth: btoa(`robot:${DOCKER}`) } },
});

const TEMPLATES = [
  `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: fuzz
type: Opaque
stringData:
  username: app
  password: ${PLAIN}
`,
  `apiVersion: v1
kind: Secret
metadata: { name: api, namespace: fuzz }
type: Opaque
data:
  token: ${btoa(BASE64)}
  other: ${btoa(`x-${BASE64}`)}
`,
  `apiVersion: v1
kind: Secret
metadata:
  name: tls
  namespace: fuzz
type: kubernetes.io/tls
stringData:
  tls.key: |
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${PEM}
    -----END PRIVATE KEY-----
`,
  `apiVersion: v1
kind: Secret
metadata:
  name: regcred
  namespace: fuzz
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: '${dockerConfig}'
`,
  `apiVersion: v1
kind: Secret
metadata:
  name: regcred64
  namespace: fuzz
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: ${btoa(dockerConfig)}
`,
];

/** Every form a canary could leak in: plain, its base64, and the base64 without its padding. */
const NEEDLES = [
  ...new Set(
    CANARIES.flatMap((canary) => {
      const encoded = [btoa(canary), btoa(`x-${canary}`), btoa(`robot:${canary}`)];
      return [canary, canary.slice(10), ...encoded, ...encoded.map((value) => value.replace(/=+$/, ''))];
    }).concat([btoa(dockerConfig).slice(0, 40)]),
  ),
];

function leaks(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  ' ',
  '\n',
  '\t',
  ':',
  '-',
  '|',
  '>',
  '[',
  ']',
  '{',
  '}',
  '*',
  '&',
  '!',
  '#',
  '"',
  "'",
  '%',
  '@',
  '`',
  '?',
  ',',
  '\\',
  '=',
  'a',
  '0',
  '\u0000',
  '\u00ff',
];

/** Deletions, insertions and replacements at every position, deduplicated. */
function mutations(seed: number): string[] {
  const random = prng(seed);
  const pick = () => ALPHABET[Math.floor(random() * ALPHABET.length)] as string;
  const out = new Set<string>();
  for (const template of TEMPLATES) {
    for (let index = 0; index <= template.length; index += 1) {
      const before = template.slice(0, index);
      if (index < template.length) out.add(before + template.slice(index + 1));
      for (let round = 0; round < 4; round += 1) {
        out.add(before + pick() + template.slice(index));
        if (index < template.length) out.add(before + pick() + template.slice(index + 1));
      }
    }
  }
  for (const template of TEMPLATES) out.delete(template);
  return [...out];
}

const CASES = mutations(20261201);
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Everything printed to the console during a test, so log lines are checked too. */
let printed: string[] = [];
beforeEach(() => {
  printed = [];
  for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  }
  vi.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => {
    printed.push(String(warning));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

// Thousands of parses on a shared 2-core machine: a generous bound per test, not a speed goal.
describe('canary fuzz: one-character mutations of Secret manifests (review H2)', { timeout: 120_000 }, () => {
  it(`has enough cases (${CASES.length}), and the unmutated templates carry every canary`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10_000);
    const all = TEMPLATES.join('\n');
    for (const canary of CANARIES)
      expect(all.includes(canary) || all.includes(btoa(canary)) || all.includes(btoa(dockerConfig))).toBe(true);
    // The needles do find a leak: the check itself can fail.
    expect(leaks(`invalid YAML: ${PLAIN}`)).toEqual([PLAIN, PLAIN.slice(10)]);
  });

  it('parseManifests: no canary in any error, kept object or ignored kind', () => {
    const leaked: string[] = [];
    let withErrors = 0;
    for (const [index, text] of CASES.entries()) {
      const parsed = parseManifests(text, `case-${index}.yaml`);
      if (parsed.errors.length > 0) withErrors += 1;
      // Objects as the inventory keeps them are checked through the source below; here, what the parser says.
      const found = leaks(JSON.stringify({ errors: parsed.errors, ignoredKinds: parsed.ignoredKinds }));
      if (found.length > 0) leaked.push(`case ${index}: ${found.join(', ')}`);
    }
    expect(leaked).toEqual([]);
    // The mutations do break the YAML: thousands of cases exercise the error paths.
    expect(withErrors).toBeGreaterThan(1_000);
    expect(leaks(printed.join('\n'))).toEqual([]);
  });

  it('the snapshot source: no canary in the LoadedCluster the pages and the API serialise', async () => {
    const batch = 2_000;
    let errors = 0;
    let objects = 0;
    for (let start = 0; start < CASES.length; start += batch) {
      const root = mkdtempSync(path.join(tmpdir(), 'shipshape-fuzz-'));
      roots.push(root);
      CASES.slice(start, start + batch).forEach((text, offset) => {
        writeFileSync(path.join(root, `case-${String(start + offset).padStart(5, '0')}.yaml`), text);
      });
      const result = await createSnapshotSource({ name: 'snapshot', kind: 'snapshot', label: 'fuzz' }, root).load();
      const text = JSON.stringify(result);
      expect(leaks(text), `batch from case ${start}`).toEqual([]);
      if (result.ok) {
        errors += result.cluster.manifestErrors.length;
        objects += [...result.cluster.inventory.namespaces.values()].reduce(
          (sum, namespace) => sum + (namespace.byKind.get('Secret')?.length ?? 0),
          0,
        );
      }
      rmSync(root, { recursive: true, force: true });
    }
    expect(errors).toBeGreaterThan(1_000);
    expect(objects).toBeGreaterThan(1_000);
    expect(leaks(printed.join('\n'))).toEqual([]);
  });

  it('the CLI, on a sample of a few hundred mutations in one folder: no canary in its output, JSON or text', () => {
    const random = prng(7);
    const root = mkdtempSync(path.join(tmpdir(), 'shipshape-fuzz-cli-'));
    roots.push(root);
    mkdirSync(path.join(root, 'cases'));
    for (let index = 0; index < 300; index += 1) {
      const chosen = CASES[Math.floor(random() * CASES.length)] as string;
      writeFileSync(path.join(root, 'cases', `case-${index}.yaml`), chosen);
    }
    // stdout and stderr both: manifest errors go to stderr, the report to stdout.
    const run = (args: string[]) => {
      const child = spawnSync(process.execPath, ['--import', './scripts/ts-resolve-hook.mjs', 'cli/shipshape.ts', root, ...args], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      return { status: child.status, output: `${child.stdout}\n${child.stderr}` };
    };
    for (const args of [['--json'], []]) {
      const { status, output } = run(args);
      expect([0, 1], output.slice(0, 2000)).toContain(status);
      expect(output).toContain('fuzz');
      expect(leaks(output), `cli ${args.join(' ')}`).toEqual([]);
    }
  });
});
