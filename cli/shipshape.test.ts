import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run';
import { runCaptured } from './testing';

const root = path.resolve(import.meta.dirname, '..');

/** The CLI in-process: run() with captured output, as the entry point calls it. */
async function cli(...args: string[]) {
  const env = { ...process.env };
  delete env.SHIPSHAPE_CONFIG;
  return runCaptured(args, env);
}

/** The `shipshape` bin as `npx shipshape` starts it: a fresh Node, plain JavaScript first. */
function spawnBin(...args: string[]) {
  const env = { ...process.env };
  delete env.SHIPSHAPE_CONFIG;
  return spawnSync(process.execPath, [path.join(root, 'bin', 'shipshape.mjs'), ...args], { cwd: root, encoding: 'utf8', env });
}

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: nodes
  annotations:
    waiver.shipshape.dev/no-privileged: reason="reads the host network"; approved-by=jane; expires=2099-12-31
    waiver.shipshape.dev/readiness-probe: approved-by=jane; expires=2099-12-31
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: registry.k8s.io/pause:3.10
          readinessProbe: { tcpSocket: { port: 80 } }
`;

describe('shipshape CLI', () => {
  it('grades a folder with the shared checks library and fails the run on a not-ready namespace', async () => {
    const run = await cli('e2e/fixtures/hostile');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^hostile\s+F \d+\s+Not ready$/m);
    expect(run.stdout).toContain('blocking: Containers have a readiness probe');
    expect(run.stderr).toMatch(/broken\.yaml: invalid YAML at line 5/);
  });

  it('prints JSON on request', async () => {
    const run = await cli('e2e/fixtures/hostile', '--json');
    const report = JSON.parse(run.stdout) as { namespaces: { namespace: string; verdict: string }[]; ignoredKinds: Record<string, number> };
    expect(report.namespaces.map((namespace) => namespace.namespace)).toEqual(['hostile', 'sandbox']);
    expect(report.ignoredKinds).toEqual({ Widget: 1 });
  });

  it('explains a missing path', async () => {
    const run = await cli('no/such/folder');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot read no/such/folder: ENOENT');
  });

  it('shows waived findings, reports rejected waivers and reads --config', async () => {
    const dir = folderWith({
      'agent.yaml': AGENT,
      'config.yaml': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nchecks:\n  severity:\n    no-privileged: minor\n',
    });
    const run = await cli(path.join(dir, 'agent.yaml'));
    expect(run.stdout).toMatch(/^nodes\s+[A-F] \d+\s+/m);
    expect(run.stdout).not.toContain('blocking: No privileged containers');
    expect(run.stdout).toContain(
      '    waived: No privileged containers or host namespaces, DaemonSet/agent. Waived until 2099-12-31, approved by jane: reads the host network',
    );
    expect(run.stderr).toContain(
      'shipshape: waiver annotation “waiver.shipshape.dev/readiness-probe” on DaemonSet “nodes/agent” is rejected: no reason.',
    );
    const configured = await cli(path.join(dir, 'agent.yaml'), '--json', '--config', path.join(dir, 'config.yaml'));
    const report = JSON.parse(configured.stdout) as {
      namespaces: { items: { checkId: string; severity: string }[] }[];
      configFile: string;
    };
    expect(report.namespaces[0]?.items.find((item) => item.checkId === 'no-privileged')?.severity).toBe('minor');
    expect(report.configFile).toBe(path.join(dir, 'config.yaml'));
  });

  it('refuses to grade with a bad configuration file, naming the field', async () => {
    const dir = folderWith({
      'bad.yaml': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nchecks:\n  severity:\n    image-tag-pined: blocking\n',
    });
    const run = await cli('e2e/fixtures/hostile', `--config=${path.join(dir, 'bad.yaml')}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'bad.yaml:5: checks.severity.image-tag-pined: unknown check id “image-tag-pined” (did you mean image-tag-pinned?)',
    );
    expect(run.stdout).toBe('');
    expect((await cli('e2e/fixtures/hostile', '--config', path.join(dir, 'missing.yaml'))).stderr).toContain('cannot read configuration');
  });

  const COREDNS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: coredns, namespace: kube-system }
spec:
  selector: { matchLabels: { app: dns } }
  template:
    metadata: { labels: { app: dns } }
    spec:
      containers: [{ name: dns, image: registry.k8s.io/coredns:1.11 }]
`;

  it('exits 3 when everything is skipped, naming the namespace, why, and the setting that grades it', async () => {
    const dir = folderWith({ 'kube.yaml': COREDNS });
    const run = await cli(dir);
    expect(run.status).toBe(3);
    expect(run.stdout).toContain(
      'not graded: kube-system (1 object): a Kubernetes system namespace, not graded by default; set namespaces.includeSystem: true in the configuration file to grade it',
    );
    expect(run.stderr).toContain('shipshape: nothing was graded: system namespace kube-system (set namespaces.includeSystem: true');

    const json = JSON.parse((await cli(dir, '--json')).stdout) as {
      namespaces: unknown[];
      skipped: unknown[];
      skippedNamespaces: string[];
    };
    expect(json.namespaces).toEqual([]);
    expect(json.skippedNamespaces).toEqual(['kube-system']);
    expect(json.skipped).toEqual([
      {
        namespace: 'kube-system',
        reason: 'system',
        objects: 1,
        detail:
          'a Kubernetes system namespace, not graded by default; set namespaces.includeSystem: true in the configuration file to grade it',
      },
    ]);

    writeFileSync(
      path.join(dir, 'include.yaml.txt'),
      'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nnamespaces:\n  includeSystem: true\n',
    );
    const included = await cli(dir, '--config', path.join(dir, 'include.yaml.txt'));
    expect(included.status).toBe(1);
    expect(included.stdout).toMatch(/^kube-system\s+[A-F] \d+\s+Not ready$/m);
    expect(included.stdout).not.toContain('not graded: kube-system');
  });

  it('exits 3 for a folder with no objects, or with only namespaces excluded by the configuration', async () => {
    const empty = folderWith({
      'notes.yaml': '# nothing here\n',
      'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n',
    });
    const run = await cli(empty);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`shipshape: no Kubernetes objects to grade in ${empty}; only kinds Shipshape does not read were found.`);
    expect(run.stdout).toContain('not graded, kinds Shipshape does not read: Widget (1)');
    const broken = await cli(folderWith({ 'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n' }));
    expect(broken.status).toBe(3);
    expect(broken.stderr).toMatch(/broken\.yaml: invalid YAML at line \d+/);
    expect(broken.stderr).toContain('; 1 document was rejected, listed above.');

    const dir = folderWith({
      'app.yaml': AGENT,
      'config.yaml.txt': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nnamespaces:\n  exclude: [nod*]\n',
    });
    const excluded = await cli(path.join(dir, 'app.yaml'), '--config', path.join(dir, 'config.yaml.txt'));
    expect(excluded.status).toBe(3);
    expect(excluded.stdout).toContain(
      'not graded: nodes (1 object): excluded by namespaces.exclude in the configuration file; remove the entry to grade it',
    );
    expect(excluded.stderr).toContain('shipshape: nothing was graded: excluded by namespaces.exclude: nodes.');
  });

  it('judges API versions against settings.kubernetesVersion and says which release it used', async () => {
    const dir = folderWith({
      'old.yaml': COREDNS.replace('apps/v1', 'extensions/v1beta1').replace('kube-system', 'legacy'),
      'config.yaml.txt': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nsettings:\n  kubernetesVersion: "1.15"\n',
    });
    const current = await cli(path.join(dir, 'old.yaml'));
    expect(current.status).toBe(1);
    expect(current.stdout).toContain('blocking: Objects use API versions the target Kubernetes serves (1 object)');
    expect(current.stdout).toContain(
      'API versions judged against Kubernetes 1.37 (the default; set settings.kubernetesVersion to change it)',
    );
    const old = await cli(path.join(dir, 'old.yaml'), '--json', '--config', path.join(dir, 'config.yaml.txt'));
    const report = JSON.parse(old.stdout) as {
      kubernetesVersion: { version: string; source: string };
      namespaces: { items: { checkId: string; status: string }[] }[];
    };
    expect(report.kubernetesVersion).toEqual({ version: '1.15', source: 'configuration' });
    expect(report.namespaces[0]?.items.find((item) => item.checkId === 'api-version-supported')?.status).toBe('warn');
  });

  it('refuses unknown options, a missing option value and a second target, with the usage', async () => {
    for (const args of [['e2e/fixtures/hostile', '--jsno'], ['e2e/fixtures/hostile', '--config'], ['e2e/fixtures/hostile', 'lib'], []]) {
      const result = await cli(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('usage: shipshape <folder-or-file of Kubernetes YAML>');
      expect(result.stdout).toBe('');
    }
    expect((await cli('e2e/fixtures/hostile', '--jsno')).stderr).toContain("Unknown option '--jsno'");
    expect((await cli('e2e/fixtures/hostile', 'lib')).stderr).toContain('one folder or file at a time; also given: lib');
    const help = await cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: shipshape /);
  });

  it('names the setting that named a missing configuration file', async () => {
    const viaFlag = await cli('e2e/fixtures/hostile', '--config', 'gone.yaml');
    expect(viaFlag.stderr).toContain('shipshape: cannot read configuration gone.yaml: --config names gone.yaml, which does not exist');
    let stderr = '';
    const status = await run(
      ['e2e/fixtures/hostile'],
      { SHIPSHAPE_CONFIG: 'gone.yaml' },
      {
        stdout: () => {},
        stderr: (text) => {
          stderr += text;
        },
        cwd: root,
      },
    );
    expect(status).toBe(2);
    expect(stderr).toContain('cannot read configuration gone.yaml: SHIPSHAPE_CONFIG names gone.yaml, which does not exist');
  });
});

// The bin, spawned: a fresh Node that starts from plain JavaScript, with real exit codes and pipes.
describe('the shipshape bin', { timeout: 60_000 }, () => {
  it('exits 1 on a not-ready namespace, with the report on stdout and manifest errors on stderr', () => {
    const result = spawnBin('e2e/fixtures/hostile');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^hostile\s+F \d+\s+Not ready$/m);
    expect(result.stderr).toMatch(/broken\.yaml: invalid YAML at line 5/);
  });

  it('exits 0 on a ready namespace (the demo payments one) and 2 on a usage error', () => {
    const ready = spawnBin('lib/demo/manifests/payments.yaml');
    expect(ready.status, ready.stderr).toBe(0);
    expect(ready.stdout).toMatch(/^payments\s+A \d+\s+Ready$/m);
    const usage = spawnBin('--no-such-option');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: shipshape');
  });
});
