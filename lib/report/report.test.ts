import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { evaluateCluster } from '../checks/evaluate';
import { buildInventory } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import type { ReadinessReview, SinceSignOff } from '../review/types';
import { loadSnapshot } from '../snapshot/load-snapshot';
import { ObjectLocations } from '../snapshot/object-locations';
import { manifestLocationOf } from '../snapshot/parse-manifests';
import { renderJsonReport, reportJsonSchemaText } from './json';
import { junitOutcome, renderJunit } from './junit';
import { escapeMarkdown, MARKDOWN_LIMIT, renderMarkdown } from './markdown';
import { buildReport, type ReportDocument, reportFix } from './model';
import { renderSarif, SECURITY_SEVERITY } from './sarif';
import { reportSignOff } from './sign-off';

const root = path.resolve(import.meta.dirname, '..', '..');
const corpus = path.join(root, 'lib', 'checks', 'corpus');

/** The corpus graded as the CLI grades files: locations relative to the repository root. */
async function corpusReport(): Promise<ReportDocument> {
  const snapshot = await loadSnapshot(corpus);
  const locations = new ObjectLocations();
  for (const object of snapshot.objects) {
    const at = manifestLocationOf(object);
    if (at)
      locations.add(
        { kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace ?? 'default' },
        { ...at, file: `lib/checks/corpus/${at.file}` },
        path.join(corpus, at.file),
      );
  }
  return buildReport({
    report: evaluateCluster(buildInventory(snapshot.objects), { now: new Date('2026-06-01T00:00:00Z') }),
    toolVersion: '0.1.0',
    evaluatedAt: '2026-06-01T00:00:00.000Z',
    source: { kind: 'files', context: 'lib/checks/corpus' },
    configFile: undefined,
    manifestErrors: snapshot.errors,
    ignoredKinds: snapshot.ignoredKinds,
    locate: (object, field) => locations.locate({ ...object, namespace: object.namespace ?? 'default' }, field),
  });
}

/** Many namespaces × findings: every corpus object copied into `copies` namespaces, with hostile-looking names. */
async function largestReport(copies: number): Promise<ReportDocument> {
  const snapshot = await loadSnapshot(corpus);
  const objects: KubeObject[] = [];
  for (let index = 0; index < copies; index += 1)
    for (const object of snapshot.objects) {
      if (object.kind === 'Namespace' || !object.metadata.namespace) continue;
      objects.push({ ...object, metadata: { ...object.metadata, namespace: `team-${index}` } } as KubeObject);
    }
  return buildReport({
    report: evaluateCluster(buildInventory(objects)),
    toolVersion: '0.1.0',
    evaluatedAt: '2026-06-01T00:00:00.000Z',
    source: { kind: 'live', context: 'prod' },
    configFile: undefined,
  });
}

describe('the JSON report', () => {
  it('validates against the shipped schema, which is in step with the model', async () => {
    const shipped = readFileSync(path.join(root, 'schemas', 'report.schema.json'), 'utf8');
    // Biome formats the file; compare the data, not the layout.
    expect(JSON.parse(shipped), 'run `npm run report-schema`').toEqual(JSON.parse(reportJsonSchemaText()));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(shipped));
    const document = JSON.parse(renderJsonReport(await corpusReport()));
    expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(document.schemaVersion).toBe(1);
    expect(document.$schema).toBe('schemas/report.schema.json');
    expect(document.namespaces.length).toBeGreaterThan(0);
    // A wrong document fails the same schema.
    expect(validate({ ...document, schemaVersion: 2 })).toBe(false);
  });
});

describe('SARIF', () => {
  it('passes the SARIF multitool validator (SARIF 2.1.0 schema and rules) with no error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-sarif-'));
    const file = path.join(dir, 'corpus.sarif');
    writeFileSync(file, renderSarif(await corpusReport()));
    const tool = path.join(root, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
    const result = spawnSync(tool, ['validate', file, '--output', path.join(dir, 'validation.sarif')], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    const validation = JSON.parse(readFileSync(path.join(dir, 'validation.sarif'), 'utf8')) as Log;
    const problems = validation.runs[0]?.results ?? [];
    expect(problems.filter((problem) => problem.level === 'error')).toEqual([]);
    // Only the missing informationUri remains (Shipshape has no public home page to name yet).
    expect(new Set(problems.map((problem) => problem.ruleId))).toEqual(new Set(['SARIF2005']));
  }, 120_000);

  it('has a rule per check with a security-severity, and results that point at the object’s lines in the corpus', async () => {
    const log = JSON.parse(renderSarif(await corpusReport())) as Log;
    const run = log.runs[0];
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.length).toBeGreaterThan(30);
    for (const rule of rules) {
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.help?.text.length).toBeGreaterThan(10);
      expect(Object.values(SECURITY_SEVERITY)).toContain(rule.properties?.['security-severity']);
    }
    const results = run?.results ?? [];
    expect(results.length).toBeGreaterThan(50);
    let checked = 0;
    let fields = 0;
    for (const result of results) {
      const physical = result.locations?.[0]?.physicalLocation;
      const logical = result.locations?.[0]?.logicalLocations?.[0];
      expect(logical?.fullyQualifiedName).toBeTruthy();
      if (!physical) continue;
      // Files have no context: namespace/Kind/name.
      const [kind, name] = (logical?.fullyQualifiedName ?? '').split('/').slice(-2);
      const text = readFileSync(path.join(root, decodeURIComponent(physical.artifactLocation?.uri ?? '')), 'utf8').split('\n');
      // Where the result names the offending field, its region is that field and the object's start is a related location.
      const objectRegion = result.relatedLocations?.[0]?.physicalLocation?.region ?? physical.region;
      const field = result.properties?.field as string | undefined;
      if (result.relatedLocations) {
        expect(field, `${result.ruleId} ${kind}/${name}`).toBeTruthy();
        // The region is the deepest part of the field the file writes: one of its keys, or a list item of it (`- name: api`).
        const line = text[(physical.region?.startLine ?? 0) - 1] ?? '';
        const column = (physical.region?.startColumn ?? 1) - 1;
        const key = /^["']?([^"':\s]+)["']?:/.exec(line.slice(column))?.[1];
        const isItem = /-\s+$/.test(line.slice(0, column));
        expect(isItem || (field ?? '').split(/[.[\]]+/).includes(key ?? ''), `${result.ruleId} ${field} at: ${line}`).toBe(true);
        expect(physical.region?.startLine).toBeGreaterThan(objectRegion?.startLine ?? 0);
        fields += 1;
      }
      const start = (objectRegion?.startLine ?? 0) - 1;
      // The document from its first line to the next `---`: it is the object the result names.
      const end = text.findIndex((line, index) => index > start && /^---/.test(line));
      const document = text.slice(start, end === -1 ? undefined : end).join('\n');
      if (!/^kind: List/m.test(document)) {
        expect(document, `${result.ruleId} ${kind}/${name} at ${physical.artifactLocation?.uri}:${start + 1}`).toMatch(
          new RegExp(`^kind: ${kind}\\s*$`, 'm'),
        );
        expect(document).toMatch(new RegExp(`^\\s+name: ["']?${name?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`, 'm'));
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
    expect(fields).toBeGreaterThan(20);
  });

  it('carries waivers as external suppressions with their reason', () => {
    const document: ReportDocument = {
      ...emptyDocument(),
      namespaces: [
        {
          namespace: 'nodes',
          verdict: 'ready',
          verdictLabel: 'Ready',
          score: { value: 100, grade: 'A' },
          partial: false,
          blockingFailures: [],
          checks: [
            {
              checkId: 'no-privileged',
              title: 'No privileged containers',
              principle: 'security-context',
              severity: 'blocking',
              status: 'waived',
              observed: false,
              counts: { pass: 0, warn: 0, fail: 0, waived: 1 },
              findings: [
                {
                  object: { kind: 'DaemonSet', name: 'agent', namespace: 'nodes' },
                  status: 'waived',
                  waivedStatus: 'fail',
                  message: 'container agent is privileged',
                  waiver: {
                    state: 'active',
                    reason: 'reads the host network',
                    approvedBy: 'jane',
                    expires: '2099-12-31',
                    source: 'annotation',
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const result = (JSON.parse(renderSarif(document)) as Log).runs[0]?.results?.[0];
    expect(result?.level).toBe('error');
    expect(result?.suppressions).toEqual([expect.objectContaining({ kind: 'external', status: 'accepted' })]);
    expect(result?.suppressions?.[0]?.justification).toContain('reads the host network');
    expect(result?.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('prod/nodes/DaemonSet/agent');
  });
});

function emptyDocument(): ReportDocument {
  return {
    schemaVersion: 1,
    tool: { name: 'shipshape', version: '0.1.0' },
    evaluatedAt: '2026-06-01T00:00:00.000Z',
    source: { kind: 'live', context: 'prod' },
    scope: { kind: 'cluster' },
    configuration: { state: 'defaults', file: null },
    kubernetesVersion: { version: '1.33', source: 'default' },
    scoreFormula: '',
    partial: false,
    summary: {
      namespaces: 1,
      verdicts: { ready: 1, 'ready-with-risks': 0, incomplete: 0, 'not-ready': 0, 'not-graded': 0 },
      findings: { fail: 0, warn: 0, waived: 1, blocking: 0 },
    },
    namespaces: [],
    skipped: [],
    manifestErrors: [],
    ignoredKinds: {},
    rejectedWaivers: [],
  };
}

describe('JUnit XML', () => {
  it('parses with a real XML parser, a suite per namespace and counts that match the report', async () => {
    const document = await corpusReport();
    const xml = renderJunit(document);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'testsuite' || name === 'testcase',
    }).parse(xml);
    const suites = parsed.testsuites.testsuite as {
      name: string;
      tests: string;
      failures: string;
      skipped: string;
      testcase: { failure?: { '#text'?: string }; skipped?: unknown }[];
    }[];
    expect(suites.map((suite) => suite.name)).toEqual(document.namespaces.map((namespace) => namespace.namespace));
    let failures = 0;
    for (const [index, suite] of suites.entries()) {
      const namespace = document.namespaces[index];
      if (!namespace) throw new Error('a suite for no namespace');
      expect(Number(suite.tests)).toBe(namespace.checks.length);
      expect(suite.testcase).toHaveLength(namespace.checks.length);
      const failing = namespace.checks.filter((check) => junitOutcome(check) === 'failure');
      expect(Number(suite.failures)).toBe(failing.length);
      expect(suite.testcase.filter((testcase) => testcase.failure !== undefined)).toHaveLength(failing.length);
      expect(Number(suite.skipped)).toBe(namespace.checks.filter((check) => check.status === 'not-evaluated').length);
      expect(failing.length).toBe(namespace.checks.filter((check) => check.status === 'fail' && !check.observed).length);
      failures += failing.length;
      // Each failure lists its objects.
      const first = failing[0];
      if (first) expect(xml).toContain(`${first.findings.find((finding) => finding.status === 'fail')?.object.name}`);
    }
    expect(Number(parsed.testsuites.failures)).toBe(failures);
    expect(failures).toBeGreaterThan(0);
  });

  it('escapes hostile names and replaces characters XML cannot hold', () => {
    const document: ReportDocument = { ...emptyDocument() };
    document.namespaces = [
      {
        namespace: 'ns',
        verdict: 'not-ready',
        verdictLabel: 'Not ready',
        score: { value: 10, grade: 'F' },
        partial: false,
        blockingFailures: ['no-privileged'],
        checks: [
          {
            checkId: 'no-privileged',
            title: 'No privileged containers',
            principle: 'security-context',
            severity: 'blocking',
            status: 'fail',
            observed: false,
            counts: { pass: 0, warn: 0, fail: 1, waived: 0 },
            findings: [{ object: { kind: 'Pod', name: 'x' }, status: 'fail', message: '</failure><inject a="1">\u0001]]>' }],
          },
        ],
      },
    ];
    const xml = renderJunit(document);
    expect(xml).not.toContain('<inject');
    const text = new XMLParser().parse(xml).testsuites.testsuite.testcase.failure as string;
    expect(text).toContain('</failure><inject a="1">\uFFFD]]>');
  });
});

describe('Markdown', () => {
  it('stays under the comment limit on the largest fixture, with a clear "and N more"', async () => {
    const document = await largestReport(60);
    const markdown = renderMarkdown(document);
    expect(markdown.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(markdown).toMatch(/^## ❌ Shipshape: Not ready/);
    expect(markdown.indexOf('### Blocking findings')).toBeLessThan(markdown.indexOf('<details>'));
    expect(markdown).toMatch(/… and \d+ more/);
    const more = [...markdown.matchAll(/… and (\d+) more/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(more).toBeGreaterThan(100);
  });

  it('shows a blocking finding’s fix collapsed under it, indented in its list item, with names that cannot close its blocks', () => {
    const hostile = 'web</pre><script>x</script>';
    const fix = reportFix({
      type: 'patch',
      note: 'Runs the containers as a non-root user.',
      target: { kind: 'Deployment', name: hostile, namespace: 'shop' },
      patchType: 'strategic',
      patch: { spec: { template: { spec: { containers: [{ name: hostile, securityContext: { runAsNonRoot: true } }] } } } },
      inPlace: true,
    });
    const document: ReportDocument = { ...emptyDocument() };
    document.namespaces = [
      {
        namespace: 'shop',
        verdict: 'not-ready',
        verdictLabel: 'Not ready',
        score: { value: 10, grade: 'F' },
        partial: false,
        blockingFailures: ['run-as-non-root'],
        checks: [
          {
            checkId: 'run-as-non-root',
            title: 'Containers run as a non-root user',
            principle: 'security-context',
            severity: 'blocking',
            status: 'fail',
            observed: false,
            counts: { pass: 0, warn: 0, fail: 1, waived: 0 },
            findings: [
              { object: { kind: 'Deployment', name: hostile, namespace: 'shop' }, status: 'fail', message: 'may run as root', fix },
            ],
          },
        ],
      },
    ];
    const markdown = renderMarkdown(document);
    const opened = markdown.indexOf('  <details><summary>Fix for this object: Runs the containers as a non\\-root user\\.</summary>');
    expect(opened, markdown).toBeGreaterThan(markdown.indexOf('may run as root'));
    const block = markdown.slice(opened, markdown.indexOf('  </details>', opened));
    expect(block).toContain(
      `<pre lang="sh">kubectl -n 'shop' patch 'deployment/web&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;' --type=strategic`,
    );
    expect(block).toContain('<pre lang="yaml">spec:\n    template:');
    expect(block).not.toMatch(/<\/pre><|<script/);
    // Every line of the block is indented, so it stays inside the finding's list item.
    for (const line of block.split('\n')) if (line !== '') expect(line, line).toMatch(/^ {2}/);
  });

  it('carries a namespace’s sign-off and what moved since, escaped, in Markdown and in schema-valid JSON', async () => {
    const plain = await corpusReport();
    const namespace = plain.namespaces[0]?.namespace ?? '';
    const review: ReadinessReview = {
      name: 'review-0002',
      namespace,
      previous: 'review-0001',
      signedAt: '2026-05-30T10:00:00.000Z',
      signer: { username: 'alice<b>', groups: ['team'], verified: true },
      verdict: 'ready-with-accepted-risks',
      notes: 'Go-live on Monday',
      acceptedRisks: [
        {
          checkId: 'readiness-probe',
          object: { kind: 'Deployment', name: 'web' },
          reason: 'probe in 1.2',
          expires: '2026-06-30',
          acceptedBy: 'bob',
        },
      ],
      fixBeforeGoLive: [],
      shipshapeVersion: '0.1.0',
      configDigest: `sha256:${'0'.repeat(64)}`,
      result: { score: 90, grade: 'A', verdict: 'ready-with-risks', checks: {}, objects: [] },
    };
    const since: SinceSignOff = {
      review,
      newFailures: [{ checkId: 'liveness-probe', object: 'Deployment/api', status: 'fail' }],
      fixed: [],
      expiredRisks: [],
      objectsAdded: ['Deployment/api'],
      objectsRemoved: [],
      configChanged: true,
      holds: false,
    };
    const document = buildReport({
      report: evaluateCluster(buildInventory((await loadSnapshot(corpus)).objects), { now: new Date('2026-06-01T00:00:00Z') }),
      toolVersion: '0.1.0',
      evaluatedAt: '2026-06-01T00:00:00.000Z',
      source: { kind: 'snapshot', context: 'snapshot' },
      configFile: undefined,
      signOffs: new Map([[namespace, reportSignOff(review, since)]]),
    });
    const signed = document.namespaces.find((entry) => entry.namespace === namespace);
    expect(signed?.signOff?.since.holds).toBe(false);
    expect(document.namespaces.filter((entry) => entry.signOff)).toHaveLength(1);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(reportJsonSchemaText()));
    expect(validate(JSON.parse(renderJsonReport(document))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    const markdown = renderMarkdown(document);
    expect(markdown).toContain(`### Go-live sign-off: ${escapeMarkdown(namespace)}`);
    expect(markdown).toContain('**🟡 Ready with accepted risks**, signed by alice&lt;b&gt; (verified by the cluster)');
    expect(markdown).toContain('**The sign-off no longer holds.**');
    const e = escapeMarkdown;
    expect(markdown).toContain(
      `- Accepted risk: ${e('readiness-probe')} on Deployment/web, until ${e('2026-06-30')}, by bob: ${e('probe in 1.2')}`,
    );
    expect(markdown).toContain(`- New failure: ${e('liveness-probe')} on Deployment/api`);
    expect(markdown).toContain('configuration changed');
    // The sign-off comes before the findings, right after the verdict table.
    expect(markdown.indexOf('### Go-live sign-off')).toBeLessThan(markdown.indexOf('### Blocking findings'));
  });

  it('escapes cluster strings so a name cannot open HTML or Markdown', () => {
    expect(escapeMarkdown('<script>alert(1)</script> [x](http://evil) **b** | c\nd')).toBe(
      '&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(http://evil\\) \\*\\*b\\*\\* \\| c d',
    );
  });
});
