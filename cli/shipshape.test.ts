import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function cli(...args: string[]) {
  const env = { ...process.env };
  delete env.SHIPSHAPE_CONFIG;
  return spawnSync(process.execPath, ['--import', './scripts/ts-resolve-hook.mjs', 'cli/shipshape.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
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

// Each case spawns the CLI (a fresh Node with type stripping) one to three times; on a busy machine that takes seconds.
describe('shipshape CLI', { timeout: 60_000 }, () => {
  it('grades a folder with the shared checks library and fails the run on a not-ready namespace', () => {
    const run = cli('e2e/fixtures/hostile');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^hostile\s+F \d+\s+Not ready$/m);
    expect(run.stdout).toContain('blocking: Containers have a readiness probe');
    expect(run.stderr).toMatch(/broken\.yaml: invalid YAML at line 5/);
  });

  it('prints JSON on request', () => {
    const run = cli('e2e/fixtures/hostile', '--json');
    const report = JSON.parse(run.stdout) as { namespaces: { namespace: string; verdict: string }[]; ignoredKinds: Record<string, number> };
    expect(report.namespaces.map((namespace) => namespace.namespace)).toEqual(['hostile', 'sandbox']);
    expect(report.ignoredKinds).toEqual({ Widget: 1 });
  });

  it('explains a missing path', () => {
    const run = cli('no/such/folder');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot read no/such/folder: ENOENT');
  });

  it('shows waived findings, reports rejected waivers and reads --config', () => {
    const dir = folderWith({
      'agent.yaml': AGENT,
      'config.yaml': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nchecks:\n  severity:\n    no-privileged: minor\n',
    });
    const run = cli(path.join(dir, 'agent.yaml'));
    expect(run.stdout).toMatch(/^nodes\s+[A-F] \d+\s+/m);
    expect(run.stdout).not.toContain('blocking: No privileged containers');
    expect(run.stdout).toContain(
      '    waived: No privileged containers or host namespaces, DaemonSet/agent. Waived until 2099-12-31, approved by jane: reads the host network',
    );
    expect(run.stderr).toContain(
      'shipshape: waiver annotation “waiver.shipshape.dev/readiness-probe” on DaemonSet “nodes/agent” is rejected: no reason.',
    );
    const configured = cli(path.join(dir, 'agent.yaml'), '--json', '--config', path.join(dir, 'config.yaml'));
    const report = JSON.parse(configured.stdout) as {
      namespaces: { items: { checkId: string; severity: string }[] }[];
      configFile: string;
    };
    expect(report.namespaces[0]?.items.find((item) => item.checkId === 'no-privileged')?.severity).toBe('minor');
    expect(report.configFile).toBe(path.join(dir, 'config.yaml'));
  });

  it('refuses to grade with a bad configuration file, naming the field', () => {
    const dir = folderWith({
      'bad.yaml': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nchecks:\n  severity:\n    image-tag-pined: blocking\n',
    });
    const run = cli('e2e/fixtures/hostile', `--config=${path.join(dir, 'bad.yaml')}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'bad.yaml:5: checks.severity.image-tag-pined: unknown check id “image-tag-pined” (did you mean image-tag-pinned?)',
    );
    expect(run.stdout).toBe('');
    expect(cli('e2e/fixtures/hostile', '--config', path.join(dir, 'missing.yaml')).stderr).toContain('cannot read configuration');
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

  it('exits 3 when everything is skipped, naming the namespace, why, and the setting that grades it', () => {
    const dir = folderWith({ 'kube.yaml': COREDNS });
    const run = cli(dir);
    expect(run.status).toBe(3);
    expect(run.stdout).toContain(
      'not graded: kube-system (1 object): a Kubernetes system namespace, not graded by default; set namespaces.includeSystem: true in the configuration file to grade it',
    );
    expect(run.stderr).toContain('shipshape: nothing was graded: system namespace kube-system (set namespaces.includeSystem: true');

    const json = JSON.parse(cli(dir, '--json').stdout) as { namespaces: unknown[]; skipped: unknown[]; skippedNamespaces: string[] };
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
    const included = cli(dir, '--config', path.join(dir, 'include.yaml.txt'));
    expect(included.status).toBe(1);
    expect(included.stdout).toMatch(/^kube-system\s+[A-F] \d+\s+Not ready$/m);
    expect(included.stdout).not.toContain('not graded: kube-system');
  });

  it('exits 3 for a folder with no objects, or with only namespaces excluded by the configuration', () => {
    const empty = folderWith({
      'notes.yaml': '# nothing here\n',
      'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n',
    });
    const run = cli(empty);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`shipshape: no Kubernetes objects to grade in ${empty}; only kinds Shipshape does not read were found.`);
    expect(run.stdout).toContain('not graded, kinds Shipshape does not read: Widget (1)');
    const broken = cli(folderWith({ 'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n' }));
    expect(broken.status).toBe(3);
    expect(broken.stderr).toMatch(/broken\.yaml: invalid YAML at line \d+/);
    expect(broken.stderr).toContain('; 1 document was rejected, listed above.');

    const dir = folderWith({
      'app.yaml': AGENT,
      'config.yaml.txt': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nnamespaces:\n  exclude: [nod*]\n',
    });
    const excluded = cli(path.join(dir, 'app.yaml'), '--config', path.join(dir, 'config.yaml.txt'));
    expect(excluded.status).toBe(3);
    expect(excluded.stdout).toContain(
      'not graded: nodes (1 object): excluded by namespaces.exclude in the configuration file; remove the entry to grade it',
    );
    expect(excluded.stderr).toContain('shipshape: nothing was graded: excluded by namespaces.exclude: nodes.');
  });

  it('judges API versions against settings.kubernetesVersion and says which release it used', () => {
    const dir = folderWith({
      'old.yaml': COREDNS.replace('apps/v1', 'extensions/v1beta1').replace('kube-system', 'legacy'),
      'config.yaml.txt': 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nsettings:\n  kubernetesVersion: "1.15"\n',
    });
    const current = cli(path.join(dir, 'old.yaml'));
    expect(current.status).toBe(1);
    expect(current.stdout).toContain('blocking: Objects use API versions the target Kubernetes serves (1 object)');
    expect(current.stdout).toContain(
      'API versions judged against Kubernetes 1.37 (the default; set settings.kubernetesVersion to change it)',
    );
    const old = cli(path.join(dir, 'old.yaml'), '--json', '--config', path.join(dir, 'config.yaml.txt'));
    const report = JSON.parse(old.stdout) as {
      kubernetesVersion: { version: string; source: string };
      namespaces: { items: { checkId: string; status: string }[] }[];
    };
    expect(report.kubernetesVersion).toEqual({ version: '1.15', source: 'configuration' });
    expect(report.namespaces[0]?.items.find((item) => item.checkId === 'api-version-supported')?.status).toBe('warn');
  });
});
