import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLoadError, loadKubeconfig } from './kubeconfig';

function kubeconfig(contexts: { name: string; server: string }[], current?: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((context) => ({ name: context.name, cluster: { server: context.server } })),
    users: contexts.map((context) => ({ name: context.name, user: { token: 'not-a-real-token' } })),
    contexts: contexts.map((context) => ({ name: context.name, context: { cluster: context.name, user: context.name } })),
    'current-context': current,
  });
}

describe('loadKubeconfig', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-kubeconfig-'));
  const first = path.join(dir, 'first.yaml');
  const second = path.join(dir, 'second.yaml');
  const broken = path.join(dir, 'broken.yaml');
  writeFileSync(first, kubeconfig([{ name: 'prod', server: 'https://prod.example:6443' }], 'prod'));
  writeFileSync(
    second,
    kubeconfig(
      [
        { name: 'prod', server: 'https://shadowed.example:6443' },
        { name: 'staging', server: 'https://staging.example:6443' },
      ],
      'staging',
    ),
  );
  writeFileSync(broken, 'clusters: [ { name: unterminated\n');

  it('merges every file in KUBECONFIG, the first to name something winning', () => {
    const loaded = loadKubeconfig({ KUBECONFIG: [first, second].join(path.delimiter), HOME: dir });
    expect(loaded.origin).toBe('kubeconfig');
    expect(loaded.config.getContexts().map((context) => context.name)).toEqual(['prod', 'staging']);
    expect(loaded.config.getCluster('prod')?.server).toBe('https://prod.example:6443');
    expect(loaded.currentContext).toBe('prod');
  });

  it('reports a malformed or missing file by name and keeps the others', () => {
    const loaded = loadKubeconfig({ KUBECONFIG: [broken, path.join(dir, 'missing.yaml'), second].join(path.delimiter), HOME: dir });
    expect(loaded.config.getContexts().map((context) => context.name)).toEqual(['prod', 'staging']);
    expect(loaded.problems.map((problem) => problem.file)).toEqual(['broken.yaml', 'missing.yaml']);
    expect(loaded.problems[0]?.message).toMatch(/^the file is not valid YAML at line \d+, column \d+$/);
    expect(loaded.problems[1]?.message).toMatch(/does not exist/);
    // Only the base name: a full path could reveal a home directory.
    expect(JSON.stringify(loaded.problems)).not.toContain(dir);
  });

  it('falls back to ~/.kube/config, and to nothing at all (never localhost:8080)', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'shipshape-home-'));
    const empty = loadKubeconfig({ HOME: home });
    expect(empty.origin).toBe('none');
    expect(empty.config.getContexts()).toEqual([]);
    expect(empty.config.getClusters()).toEqual([]);
  });

  it('never quotes the file in a problem: YAML errors give line and column only (review H2)', () => {
    const canary = 'SHIPSHAPE-CANARY-kubeconfig';
    const bodies = [
      `users:\n- name: u\n  user:\n    token: |${canary}\n`,
      `users:\n- name: u\n  user:\n    token: "${canary}\n`,
      ` users:\n- name: u\n  user: {token: ${canary}}\n`,
      `users:\n- name: u\n  user:\n    token: ] ${btoa(canary)}\n`,
      `users:\n- name: u\n  user:\n    token: !!binary ${canary}\n    token: ${canary}\n`,
      `clusters:\n- cluster: {server: https://x.example}\n  token: ${canary}\n`,
    ];
    for (const [index, body] of bodies.entries()) {
      const file = path.join(dir, `canary-${index}.yaml`);
      writeFileSync(file, body);
      const loaded = loadKubeconfig({ KUBECONFIG: file, HOME: dir });
      expect(loaded.problems, body).toHaveLength(1);
      const text = JSON.stringify(loaded.problems);
      expect(text, body).not.toContain(canary);
      expect(text, body).not.toContain(btoa(canary).replace(/=+$/, ''));
    }
    expect(describeLoadError(new Error('clusters[0].name is missing'))).toBe(
      'the file is not a valid kubeconfig (clusters[0].name is missing)',
    );
    expect(describeLoadError(new Error(`something about ${canary}`))).toBe('the file is not a valid kubeconfig');
  });
});
