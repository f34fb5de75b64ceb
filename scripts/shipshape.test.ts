import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function cli(...args: string[]) {
  const env = { ...process.env };
  delete env.SHIPSHAPE_CONFIG;
  return spawnSync(process.execPath, ['--import', './scripts/ts-resolve-hook.mjs', 'scripts/shipshape.ts', ...args], {
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

// Each test spawns Node once or twice; on a loaded 2-core machine that nears the 5 s default. A bound, not a speed goal.
describe('shipshape CLI', { timeout: 30_000 }, () => {
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
});
