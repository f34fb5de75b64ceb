import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsFor, workloadFixture } from '../../check-testing';
import { labelKeyProblem, labelValueProblem, labelValuesValid, selectorProblems } from './label-values-valid';

describe('label values', () => {
  it.each(['', 'a', 'v1.2.3', 'payments_EU-2', 'A9', 'x'.repeat(63)])('accepts %j', (value) => {
    expect(labelValueProblem(value)).toBeUndefined();
  });

  it('rejects a value of 64 characters, and nothing shorter', () => {
    expect(labelValueProblem('x'.repeat(64))).toBe('is longer than 63 characters');
  });

  it.each(['-leading', 'trailing.', '_x', 'has space', 'slash/inside', 'ünicode', 'a:b'])('rejects %j by its characters', (value) => {
    expect(labelValueProblem(value)).toMatch(/^must be empty or letters, digits/);
  });

  it.each([
    [1, 'is a number, not a string (quote it in the YAML)'],
    [true, 'is a boolean, not a string (quote it in the YAML)'],
    [null, 'is a null, not a string (quote it in the YAML)'],
  ])('rejects the YAML scalar %j, which is not a string', (value, message) => {
    expect(labelValueProblem(value)).toBe(message);
  });
});

describe('label keys', () => {
  it.each([
    'app',
    'app.kubernetes.io/name',
    'example.com/Team_Name-2',
    'kubernetes.io/metadata.name',
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}/n`,
    'x'.repeat(63),
  ])('accepts %j', (key) => {
    expect(labelKeyProblem(key)).toBeUndefined();
  });

  it.each([
    ['', 'has an empty name part'],
    ['example.com/', 'has an empty name part'],
    ['/name', 'has an empty prefix before the /'],
    ['a/b/c', 'has more than one /'],
    ['x'.repeat(64), 'has a name part longer than 63 characters'],
    ['Example.com/name', 'has a prefix that is not a DNS subdomain (lower-case letters, digits, - and .)'],
    ['example_com/name', 'has a prefix that is not a DNS subdomain (lower-case letters, digits, - and .)'],
    ['-example.com/name', 'has a prefix that is not a DNS subdomain (lower-case letters, digits, - and .)'],
    [`${'a'.repeat(254)}/name`, 'has a prefix longer than 253 characters'],
    ['Team Name', 'has a name part that is not letters, digits, -, _ and . only, starting and ending with a letter or digit'],
    ['name.', 'has a name part that is not letters, digits, -, _ and . only, starting and ending with a letter or digit'],
  ])('rejects %j', (key, message) => {
    expect(labelKeyProblem(key)).toBe(message);
  });

  it('accepts a prefix of exactly 253 characters', () => {
    expect(labelKeyProblem(`${'a'.repeat(253)}/name`)).toBeUndefined();
  });
});

describe('label selectors', () => {
  it('checks matchExpressions keys and every value, not only matchLabels', () => {
    const problems = selectorProblems(
      {
        matchLabels: { app: 'api' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'not valid'] },
          { key: 'bad key', operator: 'Exists' },
        ],
      },
      'spec.selector',
    );
    expect(problems).toEqual([
      'spec.selector.matchExpressions: value “not valid” of tier must be empty or letters, digits, -, _ and . only, starting and ending with a letter or digit',
      'spec.selector.matchExpressions: key “bad key” has a name part that is not letters, digits, -, _ and . only, starting and ending with a letter or digit',
    ]);
  });
});

describe('label-values-valid', () => {
  // Admission refuses non-string values before any check runs, so the failing fixture holds only strings the API server refuses.
  it('fails its failing fixture for each reason its comments give', () => {
    const fixture = readFileSync(path.join(import.meta.dirname, 'label-values-valid.fail.yaml'), 'utf8');
    const messages = Object.fromEntries(
      findingsFor(labelValuesValid, fixture).map((finding) => [`${finding.object.kind}/${finding.object.name}`, finding.message]),
    );
    expect(messages).toEqual({
      'Deployment/checkout':
        'the API server would reject it: metadata.labels: value “1.0.0+build.7” of app.kubernetes.io/version must be empty or letters, digits, -, _ and . only, starting and ending with a letter or digit; ' +
        'spec.template.metadata.labels: value “checkout-main-2026-12-01-a1b2c3d4e5f60718293a4b5c6d7e8f9012345678” of shipshape.dev/build is longer than 63 characters',
      'Service/checkout':
        'the API server would reject it: spec.selector: key “Team Name” has a name part that is not letters, digits, -, _ and . only, starting and ending with a letter or digit',
    });
  });

  it('fails a workload whose selector and template label are too long, naming each field', () => {
    const long = 'x'.repeat(64);
    const workload = workloadFixture({ containers: [{ name: 'api', image: 'gcr.io/distroless/static:nonroot' }] });
    const spec = workload.spec as {
      selector: { matchLabels: Record<string, string> };
      template: { metadata: { labels: Record<string, string> } };
    };
    spec.selector.matchLabels.build = long;
    spec.template.metadata.labels.build = long;
    const [finding] = findingsFor(labelValuesValid, [workload]);
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toBe(
      `the API server would reject it: spec.selector.matchLabels: value “${long}” of build is longer than 63 characters; ` +
        `spec.template.metadata.labels: value “${long}” of build is longer than 63 characters`,
    );
  });

  it('cuts a long value short in the message: it comes from the manifest', () => {
    const [finding] = findingsFor(labelValuesValid, [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'fixture', labels: { note: 'y'.repeat(5000) } } },
    ]);
    expect(finding?.message).toBe(
      `the API server would reject it: metadata.labels: value “${'y'.repeat(67)}…” of note is longer than 63 characters`,
    );
  });

  it('checks a CronJob’s job and pod template labels', () => {
    const [finding] = findingsFor(
      labelValuesValid,
      `apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: fixture }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    metadata: { labels: { window: "03:00" } }
    spec:
      template:
        metadata: { labels: { "app.kubernetes.io/name": "report-" } }
        spec:
          restartPolicy: OnFailure
          containers: [{ name: report, image: "gcr.io/distroless/static:nonroot" }]
`,
    );
    expect(finding?.message).toBe(
      'the API server would reject it: spec.jobTemplate.metadata.labels: value “03:00” of window must be empty or letters, digits, -, _ and . only, starting and ending with a letter or digit; ' +
        'spec.jobTemplate.spec.template.metadata.labels: value “report-” of app.kubernetes.io/name must be empty or letters, digits, -, _ and . only, starting and ending with a letter or digit',
    );
  });

  it('checks NetworkPolicy peers’ pod and namespace selectors', () => {
    const [finding] = findingsFor(
      labelValuesValid,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-frontend, namespace: fixture }
spec:
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { "Kubernetes.io/metadata.name": frontend } }
`,
    );
    expect(finding?.message).toBe(
      'the API server would reject it: spec.ingress[0].from[0].namespaceSelector.matchLabels: key “Kubernetes.io/metadata.name” has a prefix that is not a DNS subdomain (lower-case letters, digits, - and .)',
    );
  });

  it('lists five problems and counts the rest, so a hostile manifest cannot make a huge message', () => {
    const labels = Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`bad key ${index}`, 'v']));
    const [finding] = findingsFor(labelValuesValid, [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'fixture', labels } },
    ]);
    expect(finding?.message.endsWith('; and 995 more')).toBe(true);
    expect(finding?.message.length).toBeLessThan(1000);
  });

  it('grades no object that holds no labels or selectors, and skips controller-made and cluster-provided objects', () => {
    const findings = findingsFor(labelValuesValid, [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'fixture' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'fixture', labels: { 'bad key': 'v' } } },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'api-1',
          namespace: 'fixture',
          labels: { app: 'api' },
          ownerReferences: [{ kind: 'ReplicaSet', name: 'api', controller: true }],
        },
        spec: { containers: [] },
      },
    ]);
    expect(findings).toEqual([]);
  });
  it('leaves out the labels the API server writes itself, so a cluster grades as its manifests do', () => {
    const uid = '0f8e9d6c-3b2a-4c1d-9e8f-7a6b5c4d3e2f';
    const findings = findingsFor(labelValuesValid, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fixture', labels: { 'kubernetes.io/metadata.name': 'fixture' } } },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'migrate', namespace: 'fixture' },
        spec: {
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
          template: {
            metadata: {
              labels: {
                'batch.kubernetes.io/controller-uid': uid,
                'batch.kubernetes.io/job-name': 'migrate',
                'controller-uid': uid,
                'job-name': 'migrate',
              },
            },
            spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'gcr.io/distroless/static:nonroot' }] },
          },
        },
      },
    ]);
    expect(findings).toEqual([]);
  });

  it('grades a Job’s selector and template labels when the manifest writes them (manualSelector: true)', () => {
    const [finding] = findingsFor(labelValuesValid, [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'migrate', namespace: 'fixture' },
        spec: {
          manualSelector: true,
          selector: { matchLabels: { 'job-name': 'migrate-' } },
          template: { metadata: { labels: { 'job-name': 'migrate-' } }, spec: { restartPolicy: 'Never', containers: [] } },
        },
      },
    ]);
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain('spec.selector.matchLabels: value “migrate-” of job-name');
    expect(finding?.message).toContain('spec.template.metadata.labels: value “migrate-” of job-name');
  });
});
