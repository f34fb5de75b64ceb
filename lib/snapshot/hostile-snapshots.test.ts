/**
 * One hostile snapshot folder per finding of the security review (H2, M1, M4, L2, L5, L7): each
 * built in a temp dir beside a good Deployment, read through the snapshot source the pages use.
 * Every case must leave the source ok, the good namespace graded, and one clear error that names
 * the file, the line and the object (and the field, for a wrong type) without quoting the input.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { LoadedCluster } from '../sources/cluster-source';
import { createSnapshotSource } from '../sources/snapshot-source';
import { loadSnapshot } from './load-snapshot';
import { MAX_ERRORS_PER_FILE } from './parse-manifests';

const CANARY = 'SHIPSHAPE-CANARY-hostile-4242';
/** The CLI as `npm run cli` starts it. */
const CLI = ['bin/shipshape.mjs'];
const info = { name: 'snapshot', kind: 'snapshot' as const, label: 'hostile' };
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: good, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.2.3
          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }
`;

/** A leading good document, so the bad one starts at line 5 and the line number is worth checking. */
const LEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: lead, namespace: good }\n---\n';

function folder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'shipshape-hostile-'));
  roots.push(root);
  writeFileSync(path.join(root, 'good.yaml'), GOOD);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

async function load(root: string): Promise<LoadedCluster> {
  const result = await createSnapshotSource(info, root).load();
  if (!result.ok) throw new Error(`expected the snapshot to load, got ${result.error.message}`);
  return result.cluster;
}

/** The good Deployment beside the hostile input is still graded. */
function expectGoodGraded(cluster: LoadedCluster) {
  const good = cluster.report.namespaces.find((report) => report.namespace === 'good');
  expect(good?.items.find((item) => item.checkId === 'readiness-probe')?.status).toBe('pass');
  expect(good?.items.some((item) => item.reason === 'internal-error')).toBe(false);
}

function expectNoLeak(cluster: LoadedCluster, root: string) {
  const text = JSON.stringify(cluster);
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain(btoa(CANARY).replace(/=+$/, ''));
  // Paths are relative to the snapshot root (review L7).
  expect(text).not.toContain(root);
}

const deployment = (spec: unknown, metadata: Record<string, unknown> = { name: 'bad', namespace: 'good' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata,
  spec,
});
const podSpec = (spec: Record<string, unknown>) => deployment({ template: { spec } });
const container = (fields: Record<string, unknown>) => podSpec({ containers: [{ name: 'c', image: 'x:1', ...fields }] });
const named = (kind: string, apiVersion: string, fields: Record<string, unknown>, namespaced = true) => ({
  apiVersion,
  kind,
  metadata: namespaced ? { name: 'bad', namespace: 'good' } : { name: 'bad' },
  ...fields,
});

/** The review's wrong-type shapes (M1, "21 wrong-type objects"), each with the field its error must name. */
const WRONG_TYPES: [label: string, object: unknown, object: string, field: string][] = [
  ['containers: [null]', podSpec({ containers: [null] }), 'Deployment good/bad', 'spec.template.spec.containers[0]'],
  ['image: 42', container({ image: 42 }), 'Deployment good/bad', 'spec.template.spec.containers[0].image'],
  ['Ingress tls: "yes"', named('Ingress', 'networking.k8s.io/v1', { spec: { tls: 'yes' } }), 'Ingress good/bad', 'spec.tls'],
  [
    'Role rules: [{resources: 5}]',
    named('Role', 'rbac.authorization.k8s.io/v1', { rules: [{ resources: 5 }] }),
    'Role good/bad',
    'rules[0].resources',
  ],
  [
    'PDB matchExpressions: 5',
    named('PodDisruptionBudget', 'policy/v1', { spec: { minAvailable: 1, selector: { matchExpressions: 5 } } }),
    'PodDisruptionBudget good/bad',
    'spec.selector.matchExpressions',
  ],
  [
    'ownerReferences: "me"',
    deployment({}, { name: 'bad', namespace: 'good', ownerReferences: 'me' }),
    'Deployment good/bad',
    'metadata.ownerReferences',
  ],
  [
    'ownerReferences: [null]',
    deployment({}, { name: 'bad', namespace: 'good', ownerReferences: [null] }),
    'Deployment good/bad',
    'metadata.ownerReferences[0]',
  ],
  [
    'LimitRange limits: {type: Container}',
    named('LimitRange', 'v1', { spec: { limits: { type: 'Container' } } }),
    'LimitRange good/bad',
    'spec.limits',
  ],
  ['metadata.namespace: 123', deployment({}, { name: 'bad', namespace: 123 }), 'Deployment bad', 'metadata.namespace'],
  ['labels: a list', deployment({}, { name: 'bad', namespace: 'good', labels: ['a'] }), 'Deployment good/bad', 'metadata.labels'],
  [
    'annotation value 5',
    deployment({}, { name: 'bad', namespace: 'good', annotations: { team: 5 } }),
    'Deployment good/bad',
    'metadata.annotations.team',
  ],
  ['env: a mapping', container({ env: { A: 'b' } }), 'Deployment good/bad', 'spec.template.spec.containers[0].env'],
  ['ports: "80"', container({ ports: '80' }), 'Deployment good/bad', 'spec.template.spec.containers[0].ports'],
  [
    'capabilities.drop: ALL',
    container({ securityContext: { capabilities: { drop: 'ALL' } } }),
    'Deployment good/bad',
    'spec.template.spec.containers[0].securityContext.capabilities.drop',
  ],
  [
    'resources.limits: "1"',
    container({ resources: { limits: '1' } }),
    'Deployment good/bad',
    'spec.template.spec.containers[0].resources.limits',
  ],
  [
    'readinessProbe port: [80]',
    container({ readinessProbe: { httpGet: { port: [80] } } }),
    'Deployment good/bad',
    'spec.template.spec.containers[0].readinessProbe.httpGet.port',
  ],
  [
    'imagePullSecrets: "regcred"',
    podSpec({ containers: [], imagePullSecrets: 'regcred' }),
    'Deployment good/bad',
    'spec.template.spec.imagePullSecrets',
  ],
  [
    'volumes hostPath: "/etc"',
    podSpec({ containers: [], volumes: [{ name: 'v', hostPath: '/etc' }] }),
    'Deployment good/bad',
    'spec.template.spec.volumes[0].hostPath',
  ],
  ['Service selector: a list', named('Service', 'v1', { spec: { selector: ['app'] } }), 'Service good/bad', 'spec.selector'],
  [
    'NetworkPolicy ingress: a mapping',
    named('NetworkPolicy', 'networking.k8s.io/v1', { spec: { podSelector: {}, ingress: { from: [] } } }),
    'NetworkPolicy good/bad',
    'spec.ingress',
  ],
  [
    'RoleBinding subjects: a mapping',
    named('RoleBinding', 'rbac.authorization.k8s.io/v1', { roleRef: { kind: 'Role', name: 'x' }, subjects: { kind: 'User' } }),
    'RoleBinding good/bad',
    'subjects',
  ],
  ['ClusterRole rules: "all"', named('ClusterRole', 'rbac.authorization.k8s.io/v1', { rules: 'all' }, false), 'ClusterRole bad', 'rules'],
  [
    'HPA minReplicas: "two"',
    named('HorizontalPodAutoscaler', 'autoscaling/v2', { spec: { minReplicas: 'two', maxReplicas: 3 } }),
    'HorizontalPodAutoscaler good/bad',
    'spec.minReplicas',
  ],
  [
    'CronJob containers: "web"',
    named('CronJob', 'batch/v1', { spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: 'web' } } } } } }),
    'CronJob good/bad',
    'spec.jobTemplate.spec.template.spec.containers',
  ],
];

// Spawning the CLI and parsing 100k-deep nesting take seconds on a loaded 2-core machine: a bound, not a speed goal.
describe('hostile snapshots: wrong-typed objects (review M1)', { timeout: 60_000 }, () => {
  it.each(WRONG_TYPES)(
    '%s is one error naming file, line, object and field; the rest is graded',
    async (_label, object, described, field) => {
      const root = folder({ 'sub/bad.yaml': `${LEAD}${JSON.stringify(object)}\n` });
      const cluster = await load(root);
      expectGoodGraded(cluster);
      expect(cluster.manifestErrors).toHaveLength(1);
      const [error] = cluster.manifestErrors;
      expect(error?.file).toBe(path.join('sub', 'bad.yaml'));
      expect(error?.line).toBe(5);
      expect(error?.message).toContain(`line 5: ${described} was skipped: field ${field} `);
      // The lead ConfigMap of the same file is kept.
      expect(
        cluster.inventory.namespaces
          .get('good')
          ?.byKind.get('ConfigMap')
          ?.map((map) => map.metadata.name),
      ).toEqual(['lead']);
    },
  );

  it('unquoted numbers and booleans as label values are one error naming each label; label-values-valid never sees them', async () => {
    const checkout = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: good
  labels: { app.kubernetes.io/name: checkout, app.kubernetes.io/version: 1.0 }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: checkout } }
  template:
    metadata: { labels: { app.kubernetes.io/name: checkout, canary: true } }
    spec:
      containers: [{ name: checkout, image: registry.example.com/checkout:1.2.3 }]
`;
    const cluster = await load(folder({ 'checkout.yaml': `${LEAD}${checkout}` }));
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors).toEqual([
      {
        file: 'checkout.yaml',
        line: 5,
        message:
          'line 5: Deployment good/checkout was skipped: field metadata.labels.app.kubernetes.io/version must be text; ' +
          'field spec.template.metadata.labels.canary must be text',
      },
    ]);
    // Not graded at all: the check's only finding is the good Deployment's.
    const good = cluster.report.namespaces.find((report) => report.namespace === 'good');
    const labels = good?.items.find((item) => item.checkId === 'label-values-valid');
    expect(labels?.findings.map((finding) => [`${finding.object.kind}/${finding.object.name}`, finding.status])).toEqual([
      ['Deployment/web', 'pass'],
    ]);
  });

  it('never quotes the wrong value, only its path', async () => {
    const root = folder({ 'bad.yaml': JSON.stringify(container({ image: { registry: CANARY }, ports: CANARY })) });
    const cluster = await load(root);
    expect(cluster.manifestErrors[0]?.message).toMatch(/containers\[0\]\.image must be text; field .*ports must be a list/);
    expectNoLeak(cluster, root);
  });

  it('the CLI grades a folder that used to crash it (reference.trim is not a function) and exits normally', () => {
    const root = folder(Object.fromEntries(WRONG_TYPES.map(([, object], index) => [`bad-${index}.yaml`, JSON.stringify(object)])));
    const run = (args: string[]) => {
      try {
        return { status: 0, stdout: execFileSync(process.execPath, [...CLI, root, ...args], { encoding: 'utf8', stdio: 'pipe' }) };
      } catch (error) {
        const failed = error as { status: number; stdout: string; stderr: string };
        return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
      }
    };
    const json = run(['--json']);
    // 0 or 1 (a namespace is not ready) are normal exits; a crash is another code with a stack.
    expect([0, 1]).toContain(json.status);
    const report = JSON.parse(json.stdout) as { namespaces: { namespace: string }[]; manifestErrors: unknown[] };
    expect(report.namespaces.map((namespace) => namespace.namespace)).toEqual(['good']);
    expect(report.manifestErrors).toHaveLength(WRONG_TYPES.length);
  });
});

describe('hostile snapshots: YAML that cannot become objects (review M1, H2)', { timeout: 60_000 }, () => {
  it('an unquoted password starting with * (an unresolved alias) is an error for its document only', async () => {
    const root = folder({
      'secret.yaml': `${LEAD}apiVersion: v1\nkind: Secret\nmetadata: { name: db, namespace: good }\nstringData:\n  password: *${CANARY}\n`,
    });
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors).toEqual([
      {
        file: 'secret.yaml',
        line: 5,
        message: 'line 5: the document uses an alias (*name) with no matching anchor (&name); a value starting with * must be quoted',
      },
    ]);
    expectNoLeak(cluster, root);
  });

  it('an alias bomb is refused by alias count, and the rest loads', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level += 1) {
      const previous = String.fromCharCode(96 + level);
      levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const root = folder({
      'bomb.yaml': `${LEAD}apiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb, namespace: good }\ndata:\n  ${levels.join('\n  ')}\n`,
    });
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors).toHaveLength(1);
    expect(cluster.manifestErrors[0]).toMatchObject({ file: 'bomb.yaml', line: 5 });
    expect(cluster.manifestErrors[0]?.message).toContain('expands aliases more than 100 times');
  });

  it('a self-referencing kind: List is an error, not a hang or a crash', async () => {
    const root = folder({ 'self.yaml': `${LEAD}&list { apiVersion: v1, kind: List, items: [*list] }\n` });
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors).toHaveLength(1);
    expect(cluster.manifestErrors[0]).toMatchObject({ file: 'self.yaml', line: 5 });
    expect(cluster.manifestErrors[0]?.message).toContain('refers to itself through an alias');
  });

  it.each([
    ['[ × 100,000', '['.repeat(100_000)],
    ['{a: × 20,000', '{a: '.repeat(20_000)],
    ['block nesting × 200', Array.from({ length: 200 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n')],
  ])('deep nesting (%s) is an error for its file only', async (_label, body) => {
    const root = folder({ 'deep.yaml': body });
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors.length).toBeGreaterThan(0);
    expect(cluster.manifestErrors.length).toBeLessThanOrEqual(MAX_ERRORS_PER_FILE + 1);
    expect(cluster.manifestErrors.every((error) => error.file === 'deep.yaml')).toBe(true);
  });

  it('a collection as a key is an error, and no warning with its text reaches the console (review L2)', async () => {
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    try {
      const root = folder({
        'key.yaml': `${LEAD}apiVersion: v1\nkind: Secret\nmetadata: { name: k, namespace: good }\nstringData:\n  ? { password: ${CANARY} }\n  : x\n`,
      });
      const cluster = await load(root);
      expectGoodGraded(cluster);
      expect(cluster.manifestErrors.map((error) => error.message)).toEqual([
        expect.stringMatching(/^invalid YAML at line 9, column \d+: a key is a list or a mapping, not text$/),
      ]);
      expect(cluster.inventory.namespaces.get('good')?.byKind.get('Secret')).toBeUndefined();
      expectNoLeak(cluster, root);
      const printed = [...warn.mock.calls, ...log.mock.calls].flat().join(' ');
      expect(printed).not.toContain(CANARY);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  it('caps the errors per file at 5, then says how many more', async () => {
    const lines = Array.from(
      { length: 40 },
      (_, index) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m${index}, namespace: 12${index} }`,
    );
    const root = folder({ 'many.yaml': lines.join('\n---\n') });
    const cluster = await load(root);
    expect(cluster.manifestErrors).toHaveLength(MAX_ERRORS_PER_FILE + 1);
    expect(cluster.manifestErrors.at(-1)?.message).toBe('and 35 more problems in this file');
  });

  it.each([
    [
      'the first line indented by one space',
      ` apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: good }\nstringData:\n  token: ${CANARY}\n`,
    ],
    ['a pipe typo', `apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: good }\nstringData:\n  token: |${CANARY}\n`],
    [
      'a stray ] before base64',
      `apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: good }\ndata:\n  token: ] ${btoa(CANARY)}\n`,
    ],
  ])('a malformed Secret (%s) is reported by line without its value (review H2)', async (_label, body) => {
    const root = folder({ 'secret.yaml': body });
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors.length).toBeGreaterThan(0);
    expect(cluster.manifestErrors[0]?.message).toMatch(/^invalid YAML at line \d+, column \d+: /);
    expectNoLeak(cluster, root);
  });
});

describe('hostile snapshots: names (review L5)', () => {
  it.each(['__proto__', '../../../api/c/demo/report?x=', '//evil.example/x', '"><img src=x onerror=alert(1)>', 'NS\u202Eupper', 'UPPER'])(
    'namespace %j is an error, not a row',
    async (namespace) => {
      const root = folder({
        'ns.yaml': `${LEAD}${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', namespace } })}\n---\n${JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } })}\n`,
      });
      const cluster = await load(root);
      expectGoodGraded(cluster);
      expect(cluster.report.namespaces.map((report) => report.namespace)).toEqual(['good']);
      expect([...cluster.inventory.namespaces.keys()]).toEqual(['good']);
      expect(cluster.manifestErrors.map((error) => error.message)).toEqual([
        'line 5: ConfigMap m was skipped: metadata.namespace is not a valid namespace name (DNS-1123 label)',
        `line 7: Namespace ${namespace} was skipped: metadata.name is not a valid namespace name (DNS-1123 label)`,
      ]);
    },
  );

  it('kinds that are no Kind names are errors, and the ignored-kinds counter is prototype-safe', async () => {
    const kinds = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'Widget', 'Widget'];
    const root = folder({
      'kinds.yaml': kinds
        .map((kind) => JSON.stringify({ apiVersion: 'x/v1', kind, metadata: { name: 'k', namespace: 'good' } }))
        .join('\n---\n'),
    });
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect(Object.entries(cluster.ignoredKinds)).toEqual([['Widget', 2]]);
    expect(JSON.parse(JSON.stringify(cluster.ignoredKinds))).toEqual({ Widget: 2 });
    // A plain object for the pages (React refuses null-prototype objects), with no inherited kinds.
    expect(Object.getPrototypeOf(cluster.ignoredKinds)).toBe(Object.prototype);
    expect(cluster.manifestErrors.map((error) => error.line)).toEqual([1, 3, 5, 7, 9]);
    expect(
      cluster.manifestErrors.every((error) => error.message.endsWith('kind is not a Kubernetes kind name (CamelCase letters and digits)')),
    ).toBe(true);
  });
});

describe('hostile snapshots: files that are not YAML text (review M4, OK "odd files")', () => {
  it('a binary file is skipped and reported in one line, its bytes never quoted', async () => {
    const bytes = Buffer.alloc(1024 * 1024);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 7919 + 13) % 256;
    bytes.write(CANARY, 4096);
    const root = folder({ 'blob.yaml': bytes });
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors).toEqual([
      { file: 'blob.yaml', message: 'skipped: a binary file (it contains NUL bytes), not YAML text' },
    ]);
    expectNoLeak(cluster, root);
  });

  it('symlinks, a FIFO and a directory named .yaml are skipped and reported, one line each, never read', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'shipshape-outside-'));
    roots.push(outside);
    writeFileSync(path.join(outside, 'secret.yaml'), `apiVersion: v1\nkind: Namespace\nmetadata: { name: outside }\n`);
    const root = folder({});
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'outside-file.yaml'));
    symlinkSync(outside, path.join(root, 'outside-dir'));
    symlinkSync('/etc/passwd', path.join(root, 'passwd.yaml'));
    symlinkSync('/dev/zero', path.join(root, 'zero.yml'));
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml')]);
    mkdirSync(path.join(root, 'folder.yaml'));
    const cluster = await load(root);
    expectGoodGraded(cluster);
    expect([...cluster.inventory.namespaces.keys()]).toEqual(['good']);
    expect(cluster.manifestErrors).toEqual([
      { file: 'folder.yaml', message: 'skipped: a directory whose name ends in .yaml' },
      { file: 'outside-dir', message: 'skipped: a symbolic link (links are not followed)' },
      { file: 'outside-file.yaml', message: 'skipped: a symbolic link (links are not followed)' },
      { file: 'passwd.yaml', message: 'skipped: a symbolic link (links are not followed)' },
      { file: 'pipe.yaml', message: 'skipped: a named pipe (FIFO), not a file' },
      { file: 'zero.yml', message: 'skipped: a symbolic link (links are not followed)' },
    ]);
  });
});

describe('hostile snapshots: limits (review M4)', () => {
  it('a file over the size limit is refused by its size, without being read', async () => {
    const root = folder({ 'huge.yaml': '' });
    // Sparse: 512 MB by size, no disk used; reading it would cost at least that much memory.
    truncateSync(path.join(root, 'huge.yaml'), 512 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const cluster = await load(root);
    const grown = process.memoryUsage().rss - before;
    expectGoodGraded(cluster);
    expect(cluster.manifestErrors).toEqual([
      { file: 'huge.yaml', message: 'not read: the file is 512 MB, over the 8 MB limit per file (SHIPSHAPE_SNAPSHOT_MAX_FILE_MB)' },
    ]);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('each limit has its environment setting and a message naming the file and the limit', async () => {
    const configMaps = (count: number, prefix: string) =>
      Array.from(
        { length: count },
        (_, index) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${prefix}${index}, namespace: good }`,
      ).join('\n---\n');
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index += 1) files[`many/f${String(index).padStart(2, '0')}.yaml`] = configMaps(1, `f${index}-`);
    const root = folder(files);

    const fileCount = await loadSnapshot(root, { maxFileBytes: 1e6, maxTotalBytes: 1e7, maxObjects: 1000, maxFiles: 10 });
    expect(fileCount.files).toHaveLength(10);
    expect(fileCount.errors).toEqual([
      {
        file: path.join('many', 'f09.yaml'),
        message: 'not read, nor the 20 files after it: the snapshot has more than 10 YAML files (SHIPSHAPE_SNAPSHOT_MAX_FILES)',
      },
    ]);

    const objects = await loadSnapshot(root, { maxFileBytes: 1e6, maxTotalBytes: 1e7, maxObjects: 5, maxFiles: 100 });
    expect(objects.objects).toHaveLength(5);
    expect(objects.errors.at(-1)?.message).toMatch(
      /^not read, nor the \d+ files after it: the snapshot already holds 5 objects \(SHIPSHAPE_SNAPSHOT_MAX_OBJECTS\)$/,
    );

    const total = await loadSnapshot(root, { maxFileBytes: 1e6, maxTotalBytes: 1000, maxObjects: 1000, maxFiles: 100 });
    expect(total.errors.length).toBeGreaterThan(0);
    expect(total.errors[0]?.message).toMatch(
      /^not read: the snapshot's files would exceed 0 MB in all \(SHIPSHAPE_SNAPSHOT_MAX_TOTAL_MB\)$/,
    );

    // Through the source and the environment, as the dashboard reads them.
    vi.stubEnv('SHIPSHAPE_SNAPSHOT_MAX_FILES', '12');
    vi.stubEnv('SHIPSHAPE_SNAPSHOT_MAX_OBJECTS', '1000');
    try {
      const cluster = await load(root);
      expectGoodGraded(cluster);
      expect(cluster.manifestErrors).toHaveLength(1);
      expect(cluster.manifestErrors[0]?.message).toContain('more than 12 YAML files (SHIPSHAPE_SNAPSHOT_MAX_FILES)');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('objects past the object limit within one file are cut, and the file says how many', async () => {
    const many = Array.from(
      { length: 10 },
      (_, index) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m${index}, namespace: good }`,
    ).join('\n---\n');
    const root = folder({ 'z.yaml': many });
    const parsed = await loadSnapshot(root, { maxFileBytes: 1e6, maxTotalBytes: 1e7, maxObjects: 4, maxFiles: 100 });
    expect(parsed.objects).toHaveLength(4);
    expect(parsed.errors).toEqual([
      {
        file: 'z.yaml',
        message: '7 of its 10 objects were not kept: the snapshot holds at most 4 objects (SHIPSHAPE_SNAPSHOT_MAX_OBJECTS)',
      },
    ]);
  });
});
