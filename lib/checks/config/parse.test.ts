import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { CATALOG_CHECK_IDS } from '../catalog';
import { DEFAULT_SHIPSHAPE_CONFIG, parseConfigFile } from './parse';
import { effectiveSeverity, namespaceMatches } from './policy';
import { DEFAULT_CHECK_CONFIG } from './settings';

const HEADER = 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\n';
const parse = (body: string) => parseConfigFile(`${HEADER}${body}`, CATALOG_CHECK_IDS);
const errorsOf = (body: string) => parse(body).errors.map((error) => `${error.path}: ${error.message}`);

describe('parseConfigFile', () => {
  it('reads the example file in the repository without an error, setting every CheckConfig field', () => {
    const file = path.join(import.meta.dirname, '..', '..', '..', 'shipshape.config.example.yaml');
    const text = readFileSync(file, 'utf8');
    const parsed = parseConfigFile(text, CATALOG_CHECK_IDS, 'shipshape.config.example.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.config.waivers.length).toBeGreaterThan(0);
    expect(parsed.config.rejectedWaivers).toEqual([]);
    // Keep the example complete: a CheckConfig field added later belongs in it too.
    const written = (parse(text.replace(HEADER, '')).errors.length === 0 ? (parseYaml(text) as { settings?: object }).settings : {}) ?? {};
    expect(Object.keys(written).sort()).toEqual(Object.keys(DEFAULT_CHECK_CONFIG).sort());
  });

  it('gives the defaults for a minimal file', () => {
    expect(parseConfigFile(HEADER, CATALOG_CHECK_IDS)).toEqual({ config: DEFAULT_SHIPSHAPE_CONFIG, errors: [] });
  });

  it('lets every CheckConfig field be set, with the type of its default', () => {
    const body = stringify({ settings: DEFAULT_CHECK_CONFIG });
    const parsed = parse(body);
    expect(parsed.errors).toEqual([]);
    expect(parsed.config.settings).toEqual(DEFAULT_CHECK_CONFIG);
    for (const [key, value] of Object.entries(DEFAULT_CHECK_CONFIG)) {
      const wrong = Array.isArray(value) ? 'not-a-list' : typeof value === 'string' ? ['a', 'list'] : 'text';
      expect(
        errorsOf(stringify({ settings: { [key]: wrong } })).some((error) => error.startsWith(`settings.${key}`)),
        key,
      ).toBe(true);
    }
  });

  it('replaces a list setting and keeps the other defaults', () => {
    const parsed = parse('settings:\n  trustedRegistries: [registry.kestrel.example, "*.dkr.ecr.*.amazonaws.com"]\n');
    expect(parsed.config.settings.trustedRegistries).toEqual(['registry.kestrel.example', '*.dkr.ecr.*.amazonaws.com']);
    expect(parsed.config.settings.minimalBasePatterns).toEqual(DEFAULT_CHECK_CONFIG.minimalBasePatterns);
  });

  it('reads severities, disabled checks, namespaces and waivers', () => {
    const parsed = parse(`checks:
  disabled: [ownership-annotations, ownership-annotations]
  severity:
    image-tag-pinned: blocking
namespaces:
  exclude: [sandbox, "preview-*"]
waivers:
  - check: no-privileged
    namespace: observability
    object: DaemonSet/node-exporter
    reason: needs the host network
    approvedBy: platform-security
    expires: 2027-03-31
`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.config.disabledChecks).toEqual(['ownership-annotations']);
    expect(parsed.config.severityOverrides).toEqual({ 'image-tag-pinned': 'blocking' });
    expect(effectiveSeverity({ id: 'image-tag-pinned', severity: 'major' }, parsed.config)).toBe('blocking');
    expect(parsed.config.excludedNamespaces).toEqual(['sandbox', 'preview-*']);
    expect(parsed.config.waivers[0]).toMatchObject({ checkId: 'no-privileged', namespace: 'observability', expires: '2027-03-31' });
  });

  it('names the field path of every error, and suggests what was meant', () => {
    expect(
      errorsOf(`settings:
  trustedRegistrys: [a]
  minimalBasePatterns: [distroless, 42, ""]
checks:
  severity:
    image-tag-pined: blocking
    no-privileged: critical
  disabled: [no-such-check]
  enabled: []
namespaces:
  exclude: [Bad_Name]
  includeSystem: "yes"
waiver: []
`),
    ).toEqual([
      'waiver: unknown field (did you mean waivers?)',
      'settings.trustedRegistrys: unknown field (did you mean trustedRegistries?)',
      'settings.minimalBasePatterns[1]: expected text, got a number',
      'settings.minimalBasePatterns[2]: must not be empty',
      'checks.enabled: unknown field',
      'checks.disabled[0]: unknown check id “no-such-check”',
      'checks.severity.image-tag-pined: unknown check id “image-tag-pined” (did you mean image-tag-pinned?)',
      'checks.severity.no-privileged: expected one of blocking, major, minor, got other text',
      'namespaces.exclude[0]: expected a namespace name or a pattern with *, got other text',
      'namespaces.includeSystem: expected true or false, got other text',
    ]);
  });

  it('reads settings.kubernetesVersion as a minor release, notes that the file set it, and refuses an unquoted number', () => {
    const parsed = parse('settings:\n  kubernetesVersion: v1.30.4\nnamespaces:\n  includeSystem: true\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.config.settings.kubernetesVersion).toBe('1.30');
    expect(parsed.config.kubernetesVersionSet).toBe(true);
    expect(parsed.config.includeSystemNamespaces).toBe(true);
    expect(parse('settings:\n  restartWarnThreshold: 4\n').config.kubernetesVersionSet).toBeUndefined();
    expect(errorsOf('settings:\n  kubernetesVersion: 1.30\n')).toEqual([
      'settings.kubernetesVersion: expected the version in quotes, such as "1.30", got the number 1.3 (YAML reads an unquoted 1.30 as 1.3)',
    ]);
    expect(errorsOf('settings:\n  kubernetesVersion: latest\n')).toEqual([
      'settings.kubernetesVersion: expected a Kubernetes version such as "1.37", got “latest”',
    ]);
    expect(errorsOf('settings:\n  kubernetesVersion: [1, 30]\n')).toEqual([
      'settings.kubernetesVersion: expected a Kubernetes version such as "1.37", got a list',
    ]);
  });

  it('locates errors by line', () => {
    const parsed = parse('settings:\n  trustedRegistries: [a]\n  nope: 1\n');
    expect(parsed.errors).toEqual([{ path: 'settings.nope', message: 'unknown field', line: 5 }]);
  });

  it('checks numbers against their default: whole and not negative where the default is', () => {
    const numeric = Object.entries(DEFAULT_CHECK_CONFIG).find(
      ([, value]) => typeof value === 'number' && Number.isInteger(value) && value >= 0,
    );
    if (!numeric) return;
    const [key] = numeric;
    expect(errorsOf(`settings:\n  ${key}: -1\n`)).toEqual([`settings.${key}: must not be negative`]);
    expect(errorsOf(`settings:\n  ${key}: 2.5\n`)).toEqual([`settings.${key}: expected a whole number`]);
  });

  it('requires apiVersion and kind, and a mapping', () => {
    expect(parseConfigFile('settings: {}\n', CATALOG_CHECK_IDS).errors.map((error) => `${error.path}: ${error.message}`)).toEqual([
      'apiVersion: required: shipshape.dev/v1',
      'kind: required: ShipshapeConfig',
    ]);
    expect(parseConfigFile('apiVersion: v1\nkind: ConfigMap\n', CATALOG_CHECK_IDS).errors.map((error) => error.message)).toEqual([
      'expected shipshape.dev/v1, got other text',
      'expected ShipshapeConfig, got other text',
    ]);
    expect(parseConfigFile('', CATALOG_CHECK_IDS).errors[0]?.message).toContain('expected a mapping with apiVersion');
    expect(parseConfigFile('- a\n- b\n', CATALOG_CHECK_IDS).errors[0]?.message).toContain('got a list');
  });

  it('falls back to the defaults when the file has any error', () => {
    const parsed = parse('checks:\n  disabled: [readiness-probe]\nsettings:\n  typo: 1\n');
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.config).toBe(DEFAULT_SHIPSHAPE_CONFIG);
  });

  it('reports invalid YAML by line, and refuses duplicate keys, several documents and alias bombs', () => {
    expect(parseConfigFile(`${HEADER}settings:\n  trustedRegistries: [a\n`, CATALOG_CHECK_IDS).errors[0]?.message).toMatch(
      /^invalid YAML at line \d+, column \d+: /,
    );
    expect(parseConfigFile(`${HEADER}kind: ShipshapeConfig\n`, CATALOG_CHECK_IDS).errors[0]?.message).toMatch(
      /^invalid YAML at line 3, column \d+: a key appears twice in one mapping$/,
    );
    expect(parseConfigFile(`${HEADER}---\n${HEADER}`, CATALOG_CHECK_IDS).errors[0]?.message).toContain('invalid YAML');
    const bomb = `${HEADER}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill('*a').join(', ')}]\nc: &c [${Array(10).fill('*b').join(', ')}]\nd: [${Array(10).fill('*c').join(', ')}]\n`;
    expect(parseConfigFile(bomb, CATALOG_CHECK_IDS).errors[0]?.message).toContain('could not be read');
    expect(parseConfigFile('a: b\n'.repeat(60_000), CATALOG_CHECK_IDS).errors[0]?.message).toContain('larger than');
  });

  it('never quotes the file in an error (review H2, L6)', () => {
    const canary = 'SHIPSHAPE-CANARY-config';
    const inputs = [
      `root:x:0:0:${canary}:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n`,
      `${HEADER}settings:\n  trustedRegistries: |${canary}\n`,
      `${HEADER}settings:\n  trustedRegistries: [${canary}\n`,
      ` ${HEADER}token: ${canary}\n`,
      `${HEADER}settings: *${canary}\n`,
      `${HEADER}namespaces:\n  includeSystem: ${canary}\n`,
      `apiVersion: ${canary}\nkind: ${canary}\n`,
      `${HEADER}settings:\n  trustedRegistries: ] ${btoa(canary)}\n`,
      `\u0000\u0001${canary}\u00ff`,
    ];
    for (const input of inputs) {
      const text = JSON.stringify(parseConfigFile(input, CATALOG_CHECK_IDS).errors);
      expect(text, input).not.toContain(canary);
      expect(text, input).not.toContain(btoa(canary).replace(/=+$/, ''));
    }
  });

  it('rejects bad waiver entries without invalidating the rest of the file', () => {
    const parsed = parse(`checks:
  disabled: [readiness-probe]
waivers:
  - check: no-privileged
    namespace: observability
    approvedBy: jane
    expires: 2027-03-31
  - just text
`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.config.disabledChecks).toEqual(['readiness-probe']);
    expect(parsed.config.rejectedWaivers.map((rejected) => rejected.message)).toEqual([
      'shipshape.config.yaml waivers[0] is rejected: no reason.',
      'shipshape.config.yaml waivers[1] is rejected: expected a mapping with check, namespace, reason, approvedBy and expires.',
    ]);
    expect(errorsOf('waivers: {}\n')).toEqual(['waivers: expected a list of waivers, got a mapping']);
  });

  it('keeps hostile keys as data', () => {
    const parsed = parse('checks:\n  severity:\n    __proto__: blocking\n    "\\e[31m": minor\n');
    expect(parsed.errors.map((error) => error.path)).toEqual(['checks.severity.__proto__', 'checks.severity.“\\u001b[31m”']);
    expect(({} as Record<string, unknown>).blocking).toBeUndefined();
    // A mapping of fields refuses it like any unknown field, and a waiver entry names it.
    expect(errorsOf('settings:\n  __proto__: { trustedRegistries: [x] }\n')).toEqual(['settings.__proto__: unknown field']);
    const entry = parse(
      'waivers:\n  - { __proto__: x, check: no-privileged, namespace: a, reason: r, approvedBy: b, expires: 2027-03-31 }\n',
    );
    expect(entry.config.rejectedWaivers.map((rejected) => rejected.problems)).toEqual([['unknown field “__proto__”']]);
  });
});

describe('namespaceMatches', () => {
  it('matches names exactly, or patterns with * as any run of characters', () => {
    expect(namespaceMatches('sandbox', 'sandbox')).toBe(true);
    expect(namespaceMatches('sandbox-2', 'sandbox')).toBe(false);
    expect(namespaceMatches('preview-42', 'preview-*')).toBe(true);
    expect(namespaceMatches('team-a-dev', '*-dev')).toBe(true);
    expect(namespaceMatches('team-a-prod', '*-dev')).toBe(false);
  });
});
