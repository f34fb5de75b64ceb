import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', './scripts/ts-resolve-hook.mjs', 'scripts/shipshape.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('shipshape CLI', () => {
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
});
