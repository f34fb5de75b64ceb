/**
 * `shipshape audit --context` against the real test control plane (seeded with the demo's
 * manifests): the dashboard's live read, graded with the CLI's configuration, its honest partial
 * results for the limited user, and the bin as `npx shipshape` starts it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testCluster } from '@test/support/test-cluster';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { DEMO_NAMESPACES } from '../lib/demo/demo-cluster';
import type { ReportDocument } from '../lib/report/model';
import { EXIT } from './run';
import { runCaptured } from './testing';

const root = path.resolve(import.meta.dirname, '..');
const cluster = testCluster();

async function cli(args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, KUBECONFIG: cluster.kubeconfig };
  delete env.SHIPSHAPE_CONFIG;
  return runCaptured(args, env);
}

describe('shipshape audit --context', { timeout: 120_000 }, () => {
  it('grades every demo namespace through the live read, with logical locations in SARIF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-live-audit-'));
    const result = await cli([
      'audit',
      '--context',
      'shipshape-admin',
      '--format',
      'json',
      '--output',
      path.join(dir, 'report.json'),
      '--output',
      path.join(dir, 'report.sarif'),
    ]);
    expect([EXIT.ready, EXIT.notReady], result.stderr).toContain(result.status);
    const document = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as ReportDocument;
    expect(document.source).toEqual({ kind: 'live', context: 'shipshape-admin' });
    expect(document.namespaces.map((namespace) => namespace.namespace).sort()).toEqual([...DEMO_NAMESPACES].sort());
    expect(document.partial).toBe(false);
    expect(result.status).toBe(document.namespaces.some((namespace) => namespace.verdict === 'not-ready') ? EXIT.notReady : EXIT.ready);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'report.sarif'), 'utf8')) as Log;
    const first = sarif.runs[0]?.results?.[0]?.locations?.[0];
    expect(first?.physicalLocation).toBeUndefined();
    expect(first?.logicalLocations?.[0]?.fullyQualifiedName).toMatch(/^shipshape-admin\/[a-z0-9-]+\/[A-Za-z]+\/.+/);
    // The text report names the context first.
    expect(result.stdout).toMatch(/^context shipshape-admin/);
  });

  it('limited user: a partial read, marked so, and exit 5 only with --fail-on-partial', async () => {
    const plain = await cli(['audit', '--context', 'shipshape-limited', '--format', 'json']);
    const document = JSON.parse(plain.stdout) as ReportDocument;
    expect(document.partial).toBe(true);
    expect(document.namespaces.map((namespace) => namespace.namespace).sort()).toEqual(['payments', 'storefront']);
    expect(document.skipped.filter((entry) => entry.reason === 'hidden').map((entry) => entry.namespace)).toContain('identity');
    const forbidden = document.namespaces.flatMap((namespace) => namespace.checks.filter((check) => check.reason === 'forbidden'));
    expect(forbidden.length).toBeGreaterThan(2);
    expect(plain.status).not.toBe(EXIT.partial);
    // A failed gate outranks a partial read (exit 1 before 5); with the not-ready namespaces left
    // out (--namespace), the gate passes and the partial read decides the code.
    const passing = document.namespaces.filter((namespace) => namespace.verdict !== 'not-ready').map((namespace) => namespace.namespace);
    expect(passing.length).toBeGreaterThan(0);
    const strict = await cli([
      'audit',
      '--context',
      'shipshape-limited',
      '--fail-on-partial',
      ...passing.flatMap((name) => ['--namespace', name]),
    ]);
    expect(strict.status, strict.stderr).toBe(EXIT.partial);
    expect(strict.stderr).toContain('the read of context shipshape-limited is partial (--fail-on-partial)');
  });

  it('runs from the bin as npx shipshape does, server-only modules and all', () => {
    const { SHIPSHAPE_CONFIG: _unused, ...inherited } = process.env;
    const env = { ...inherited, KUBECONFIG: cluster.kubeconfig };
    const result = spawnSync(process.execPath, [path.join(root, 'bin', 'shipshape.mjs'), 'audit', '--context', 'shipshape-team'], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    expect([EXIT.ready, EXIT.notReady], result.stderr).toContain(result.status);
    expect(result.stdout).toMatch(/^tracking\s+/m);
  });
});
