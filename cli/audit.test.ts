/**
 * `shipshape audit` as a pipeline gate, in-process through run(): every exit code, the gates
 * (--fail-on, --min-score, --baseline), several reports in one run, and colour only on a TTY.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type CliEnv, EXIT } from './run';
import { runCaptured } from './testing';

const root = path.resolve(import.meta.dirname, '..');

async function cli(args: string[], options: { env?: CliEnv; isTTY?: boolean; cwd?: string } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env.SHIPSHAPE_CONFIG;
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  return runCaptured(args, env, { cwd: options.cwd ?? root, isTTY: options.isTTY ?? false });
}

const temporary = () => mkdtempSync(path.join(tmpdir(), 'shipshape-audit-'));

function folderWith(files: Record<string, string>): string {
  const dir = temporary();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A Deployment in `namespace` that fails blocking checks (no probes, runs as root, latest tag). */
const bareDeployment = (name: string, namespace = 'shop') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: ${name}
          image: nginx
`;

describe('shipshape audit: exit codes', () => {
  it('0 when the gate passes: a ready namespace', async () => {
    const result = await cli(['audit', 'lib/demo/manifests/payments.yaml']);
    expect(result.status, result.stderr).toBe(EXIT.ready);
    expect(result.stdout).toMatch(/^payments\s+A \d+\s+Ready$/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^shipshape: 1 namespace graded \(1 ready\) · .* · gate passed$/);
  });

  it('1 when the gate fails, naming why on stderr', async () => {
    const result = await cli(['audit', 'e2e/fixtures/hostile']);
    expect(result.status).toBe(EXIT.notReady);
    expect(result.stderr).toContain('shipshape: gate failed (--fail-on blocking): not ready: hostile');
    expect(result.stdout).toMatch(/gate failed$/m);
  });

  it('2 for a usage error, a bad value, a missing or foreign baseline, an unwritable output', { timeout: 30_000 }, async () => {
    const notReport = folderWith({ 'other.json': '{"namespaces": []}' });
    for (const args of [
      ['audit', 'lib/demo/manifests', '--format', 'pdf'],
      ['audit', 'lib/demo/manifests', '--min-score', 'high'],
      ['audit', 'lib/demo/manifests', '--fail-on', 'sometimes'],
      ['audit', 'lib/demo/manifests', '--output', 'report.html'],
      ['audit', 'lib/demo/manifests', '--format', 'json', '--format', 'sarif'],
      ['audit', 'lib/demo/manifests', '--context', 'prod'],
      ['audit', '--context', 'a', '--all-contexts'],
      ['audit'],
    ]) {
      const result = await cli(args);
      expect(result.status, args.join(' ')).toBe(EXIT.unusable);
      expect(result.stderr).toContain('usage: shipshape');
    }
    const missing = await cli(['audit', 'lib/demo/manifests', '--baseline', 'gone.json']);
    expect(missing.status).toBe(EXIT.unusable);
    expect(missing.stderr).toContain('cannot read baseline gone.json: ENOENT');
    const foreign = await cli(['audit', 'lib/demo/manifests', '--baseline', path.join(notReport, 'other.json')]);
    expect(foreign.status).toBe(EXIT.unusable);
    expect(foreign.stderr).toMatch(/is not a Shipshape JSON report \(schemaVersion 1\): schemaVersion: /);
    const unwritable = await cli(['audit', 'lib/demo/manifests/payments.yaml', '--output', path.join(notReport, 'other.json', 'x.sarif')]);
    expect(unwritable.status).toBe(EXIT.unusable);
    expect(unwritable.stderr).toContain(`cannot write ${path.join(notReport, 'other.json', 'x.sarif')}: ENOTDIR`);
    expect(unwritable.stdout).toBe('');
  });

  it('3 when nothing was graded, also with outputs written', async () => {
    const empty = temporary();
    const result = await cli(['audit', empty, '--output', path.join(empty, 'out.json')]);
    expect(result.status).toBe(EXIT.nothingGraded);
    expect(result.stderr).toContain('no Kubernetes objects to grade');
    const json = JSON.parse(readFileSync(path.join(empty, 'out.json'), 'utf8'));
    expect(json.namespaces).toEqual([]);
    const other = await cli(['audit', 'lib/demo/manifests', '--namespace', 'no-such-namespace']);
    expect(other.status).toBe(EXIT.nothingGraded);
    expect(other.stderr).toContain('--namespace no-such-namespace: no such namespace');
  });

  it('4 when the cluster cannot be read, with the cause and no report of it', async () => {
    const dir = temporary();
    const kubeconfig = path.join(dir, 'kubeconfig');
    // Port 9 on loopback: nothing listens there, so the connection is refused at once.
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: gone, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: someone, user: { token: not-a-real-token } }]
contexts: [{ name: gone, context: { cluster: gone, user: someone } }]
current-context: gone
`,
    );
    const result = await cli(['audit', '--context', 'gone', '--format', 'json'], { env: { KUBECONFIG: kubeconfig } });
    expect(result.status, result.stderr).toBe(EXIT.unreadable);
    expect(result.stderr).toContain('Nothing answered at https://127.0.0.1:9');
    expect(result.stderr).not.toContain('not-a-real-token');
    expect(result.stdout).toBe('');
    const unknown = await cli(['audit', '--context', 'elsewhere'], { env: { KUBECONFIG: kubeconfig } });
    expect(unknown.status).toBe(EXIT.unusable);
    expect(unknown.stderr).toContain('no such kubeconfig context: elsewhere; known: gone');
  }, 60_000);
});

describe('shipshape audit: gates', () => {
  it('--fail-on fail and warn tighten the gate; --min-score adds a floor', async () => {
    // The demo's payments namespace is ready but not flawless.
    const target = 'lib/demo/manifests/payments.yaml';
    expect((await cli(['audit', target, '--fail-on', 'blocking'])).status).toBe(EXIT.ready);
    const warn = await cli(['audit', target, '--fail-on', 'warn']);
    expect(warn.status).toBe(EXIT.notReady);
    expect(warn.stderr).toMatch(/gate failed \(--fail-on warn\): \d+ failing or warning findings?/);
    const score = Number(/^payments\s+A (\d+)/m.exec(warn.stdout)?.[1]);
    expect((await cli(['audit', target, '--min-score', String(score)])).status).toBe(EXIT.ready);
    const below = await cli(['audit', target, '--min-score', String(score + 1)]);
    expect(below.status).toBe(EXIT.notReady);
    expect(below.stderr).toContain(`below --min-score ${score + 1}: payments (${score})`);
  });

  it('--baseline fails only on findings new since the earlier run', async () => {
    const dir = folderWith({ 'api.yaml': bareDeployment('api') });
    const baseline = path.join(dir, 'baseline.json');
    const first = await cli(['audit', dir, '--format', 'json', '--output', baseline]);
    expect(first.status).toBe(EXIT.notReady);
    // Unchanged manifests: the same findings, so the gate passes although the namespace is not ready.
    const same = await cli(['audit', dir, '--baseline', baseline]);
    expect(same.status, same.stderr).toBe(EXIT.ready);
    expect(same.stdout).toMatch(/^shop\s+F \d+\s+Not ready$/m);
    // A second workload brings new blocking findings; the old ones still do not count.
    writeFileSync(path.join(dir, 'worker.yaml'), bareDeployment('worker'));
    const changed = await cli(['audit', dir, '--baseline', baseline, '--format', 'json', '--output', path.join(dir, 'now.json')]);
    expect(changed.status).toBe(EXIT.notReady);
    expect(changed.stderr).toMatch(/gate failed \(--fail-on blocking\): \d+ blocking failures? new since the baseline/);
    const now = JSON.parse(readFileSync(path.join(dir, 'now.json'), 'utf8'));
    const blockingObjects = new Set<string>();
    for (const namespace of now.namespaces)
      for (const check of namespace.checks)
        if (check.severity === 'blocking')
          for (const finding of check.findings) if (finding.status === 'fail') blockingObjects.add(finding.object.name);
    expect(blockingObjects).toEqual(new Set(['api', 'worker']));
    const count = Number(/(\d+) blocking failures? new/.exec(changed.stderr)?.[1]);
    const workerOnly = now.namespaces
      .flatMap(
        (namespace: { checks: { severity: string; findings: { status: string; object: { name: string } }[] }[] }) => namespace.checks,
      )
      .filter((check: { severity: string }) => check.severity === 'blocking')
      .flatMap((check: { findings: { status: string; object: { name: string } }[] }) => check.findings)
      .filter(
        (finding: { status: string; object: { name: string } }) => finding.status === 'fail' && finding.object.name === 'worker',
      ).length;
    expect(count).toBe(workerOnly);
  });
});

describe('shipshape audit: outputs', () => {
  it('writes several formats in one run, from --format or the extension, with text on stdout', async () => {
    const dir = temporary();
    const result = await cli([
      'audit',
      'e2e/fixtures/hostile',
      'lib/demo/manifests/payments.yaml',
      '--format',
      'sarif',
      '--output',
      path.join(dir, 'a.sarif'),
      '--format',
      'junit',
      '--output',
      path.join(dir, 'b.xml'),
      '--output',
      path.join(dir, 'c.md'),
      '--output',
      path.join(dir, 'd.json'),
    ]);
    expect(result.status).toBe(EXIT.notReady);
    expect(result.stdout).toMatch(/^hostile\s+F \d+\s+Not ready$/m);
    expect(result.stdout).toMatch(/^payments\s+A \d+\s+Ready$/m);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'a.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    // Locations are relative to the working directory, as code scanning resolves them.
    const uris = new Set(
      sarif.runs[0].results.flatMap((entry: { locations: { physicalLocation?: { artifactLocation: { uri: string } } }[] }) =>
        entry.locations.map((location) => location.physicalLocation?.artifactLocation.uri),
      ),
    );
    expect(uris).toContain('lib/demo/manifests/payments.yaml');
    expect([...uris].some((uri) => String(uri).startsWith('e2e/fixtures/hostile/'))).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(path.join(dir, 'b.xml'), 'utf8'));
    expect(Number(junit.testsuites.failures)).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'c.md'), 'utf8')).toMatch(/^## ❌ Shipshape: Not ready/);
    expect(JSON.parse(readFileSync(path.join(dir, 'd.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('prints under each failing object the kubectl line that fixes it, and points SARIF at the offending field', async () => {
    const dir = folderWith({ 'shop.yaml': bareDeployment('web') });
    const out = temporary();
    const result = await cli(['audit', dir, '--output', path.join(out, 'shop.sarif')]);
    expect(result.status).toBe(EXIT.notReady);
    const lines = result.stdout.split('\n');
    const finding = lines.findIndex((line) => /^\s+Deployment\/web: may run as root/.test(line));
    expect(finding, result.stdout).toBeGreaterThan(-1);
    expect(lines[finding + 1]).toBe(
      `          fix: kubectl -n 'shop' patch 'deployment/web' --type=strategic -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","securityContext":{"runAsNonRoot":true,"runAsUser":65532}}]}}}}'`,
    );
    const results = JSON.parse(readFileSync(path.join(out, 'shop.sarif'), 'utf8')).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { region: { startLine: number } } }[];
      relatedLocations?: { physicalLocation: { region: { startLine: number } } }[];
      properties: { field?: string; fix?: { command?: string } };
    }[];
    const root = results.find((entry) => entry.ruleId === 'run-as-non-root');
    // The container has no securityContext: the region is the container's entry (`- name: web`, line 10), the object starts on line 1.
    expect(root?.properties.field).toBe('spec.template.spec.containers[0].securityContext.runAsNonRoot');
    expect(root?.locations[0]?.physicalLocation.region.startLine).toBe(10);
    expect(root?.relatedLocations?.[0]?.physicalLocation.region.startLine).toBe(1);
    expect(root?.properties.fix?.command).toBe(lines[finding + 1]?.trim().slice('fix: '.length));
  });

  it('colours the terminal report only on a TTY without NO_COLOR, and strips control characters from names', async () => {
    const dir = folderWith({ 'evil.yaml': bareDeployment('"evil\\u001b[31mred"') });
    const tty = await cli(['audit', dir], { isTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColour = await cli(['audit', dir], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColour.stdout).not.toContain('\u001b');
    expect(noColour.stdout).toContain('evil⟨U+001B⟩[31mred');
    const piped = await cli(['audit', dir]);
    expect(piped.stdout).not.toContain('\u001b');
  });
});
