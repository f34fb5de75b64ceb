import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportNameOf, ScaffoldError, scaffoldCheck } from './scaffold-check';

const PROJECT = path.resolve(import.meta.dirname, '..');
const INDEX = path.join('lib', 'checks', 'catalog', 'index.ts');

/** A project tree with the real catalog index and one real check, to scaffold into. */
let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'shipshape-new-check-'));
  mkdirSync(path.join(root, 'lib', 'checks', 'catalog', 'probes'), { recursive: true });
  copyFileSync(path.join(PROJECT, INDEX), path.join(root, INDEX));
  copyFileSync(
    path.join(PROJECT, 'lib', 'checks', 'catalog', 'probes', 'readiness-probe.ts'),
    path.join(root, 'lib', 'checks', 'catalog', 'probes', 'readiness-probe.ts'),
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('new-check scaffold', () => {
  it('writes the check and its two fixtures in its principle folder', () => {
    const result = scaffoldCheck(root, 'startup-probe', 'probes');
    expect(result.files).toEqual([
      'lib/checks/catalog/probes/startup-probe.ts',
      'lib/checks/catalog/probes/startup-probe.pass.yaml',
      'lib/checks/catalog/probes/startup-probe.fail.yaml',
    ]);
    const check = read('lib/checks/catalog/probes/startup-probe.ts');
    expect(check).toContain('export const startupProbe: Check = {');
    expect(check).toContain("id: 'startup-probe',");
    expect(check).toContain("principle: 'probes',");
    for (const field of ['title:', 'severity:', 'targets:', 'reads:', 'rationale:', 'remediation:', 'snippet:', 'docs:', 'evaluate(']) {
      expect(check, field).toContain(field);
    }
    expect(check).toContain('TODO');
    for (const variant of ['pass', 'fail']) {
      const fixture = read(`lib/checks/catalog/probes/startup-probe.${variant}.yaml`);
      expect(fixture).toContain('kind: Namespace');
      expect(fixture).toContain('namespace: fixture');
    }
  });

  it('registers the check at the end of its principle group, with its import in sorted place', () => {
    const before = read(INDEX);
    const result = scaffoldCheck(root, 'startup-probe', 'probes');
    const after = read(INDEX);
    expect(result.importLine).toBe("import { startupProbe } from './probes/startup-probe';");
    expect(after.split('\n').length).toBe(before.split('\n').length + 2);

    const imports = after.split('\n').filter((line) => /^import \{ \w+ \} from '\.\//.test(line));
    const specifiers = imports.map((line) => line.replace(/.* from '(.*)';$/, '$1'));
    expect(specifiers).toEqual([...specifiers].sort());
    expect(imports).toContain(result.importLine);

    // The probes group ends with the new entry, just before the next principle's comment.
    const group = after.slice(after.indexOf('  // probes\n'), after.indexOf('  // availability\n'));
    expect(group.trimEnd().split('\n').at(-1)).toBe('  startupProbe,');
    expect(group).toContain('  readinessProbe,\n');
  });

  it('registers into the last group, which ends the list', () => {
    scaffoldCheck(root, 'pod-evicted', 'live-health');
    expect(read(INDEX)).toMatch(/ {2}workloadAvailableReplicas,\n {2}podEvicted,\n\];/);
  });

  it('prints what is left to do, the corpus data and the README row among it', () => {
    const { todo } = scaffoldCheck(root, 'startup-probe', 'probes');
    expect(todo).toContain('add an entry for startup-probe to every corpus entry in lib/checks/corpus/expected.yaml');
    expect(todo.some((step) => step.includes('README.md'))).toBe(true);
    expect(todo.some((step) => step.includes('lib/demo/manifests/'))).toBe(true);
  });

  it.each([
    ['Startup_Probe', 'probes', /not kebab-case/],
    ['startup-probe', 'probing', /unknown principle "probing"; it is one of: minimal-images, /],
    ['readiness-probe', 'probes', /already exists in lib\/checks\/catalog\/probes/],
    ['readiness-probe', 'availability', /already exists in lib\/checks\/catalog\/probes/],
  ])('refuses %s in %s, writing nothing', (id, principle, message) => {
    const before = read(INDEX);
    expect(() => scaffoldCheck(root, id, principle)).toThrow(ScaffoldError);
    expect(() => scaffoldCheck(root, id, principle)).toThrow(message);
    expect(read(INDEX)).toBe(before);
    expect(existsSync(path.join(root, 'lib', 'checks', 'catalog', principle, `${id}.pass.yaml`))).toBe(false);
  });

  it('names the export in camel case', () => {
    expect(exportNameOf('rbac-pods-exec')).toBe('rbacPodsExec');
    expect(exportNameOf('image-tag-pinned')).toBe('imageTagPinned');
  });
});
