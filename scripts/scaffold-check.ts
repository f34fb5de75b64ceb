/**
 * The new-check scaffold: writes a check's skeleton and its two fixtures into its principle's
 * folder, registers it in the catalog index at the end of its principle's group, and says what
 * a person still has to write. Kept apart from the `new-check` entry so tests run it in-process
 * against a temporary tree.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRINCIPLES } from '../lib/checks/principles';

export interface ScaffoldResult {
  /** The files written, relative to the root. */
  files: string[];
  /** The import line added to the catalog index. */
  importLine: string;
  /** What is left for a person to do, in order. */
  todo: string[];
}

const CATALOG = path.join('lib', 'checks', 'catalog');
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ScaffoldError extends Error {}

/** `pod-restarts` → `podRestarts`: the name the check is exported under. */
export function exportNameOf(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** The folder (under the catalog) that holds a check with this id, if one does. */
function existingFolderOf(catalogDir: string, id: string): string | undefined {
  for (const entry of readdirSync(catalogDir, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(path.join(catalogDir, entry.name, `${id}.ts`))) return entry.name;
  }
  return undefined;
}

function checkSource(id: string, principle: string): string {
  return `import { workloadFinding } from '../../findings';
import { containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

// TODO(new-check): write this check. The catalog test asks for every field below; the fixtures
// beside this file decide whether evaluate() is right. Look at a check in this folder for the style.
export const ${exportNameOf(id)}: Check = {
  id: '${id}',
  title: 'TODO: what a ready namespace has, as a statement',
  principle: '${principle}',
  // TODO: blocking, major or minor (see the principle's other checks).
  severity: 'major',
  // TODO: the kinds that receive findings, and every kind evaluate() reads (a kind that cannot be
  // read makes the check not evaluated rather than wrong).
  targets: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'],
  rationale: 'TODO: why this matters in production, in one or two sentences that name the failure it prevents.',
  remediation: {
    summary: 'TODO: the fix, in one sentence.',
    snippet: \`# TODO: the fix as YAML a person can paste
spec:
  template:
    spec:
      containers:
        - name: api\`,
  },
  docs: 'https://kubernetes.io/docs/TODO',
  evaluate({ namespace }) {
    // TODO: one finding per object graded; an empty list means "not applicable here", never "passed".
    return namespace.workloads.map((workload) => {
      const offending = containersOf(workload)
        .filter(() => false)
        .map((container) => container.name);
      return workloadFinding(workload, offending, {
        pass: 'TODO: what is right, in a few words',
        fail: (names) => \`TODO: what is wrong on container \${names}\`,
      });
    });
  },
};
`;
}

function fixtureSource(id: string, variant: 'pass' | 'fail'): string {
  const intent =
    variant === 'pass'
      ? `# TODO(new-check): objects that ${id} passes. Keep them minimal and kubectl-applyable.`
      : `# TODO(new-check): objects that ${id} fails: the passing fixture with the one thing wrong.\n# A check that can only warn names this file ${id}.warn.yaml instead.`;
  return `${intent}
apiVersion: v1
kind: Namespace
metadata:
  name: fixture
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: fixture
spec:
  replicas: 2
  selector:
    matchLabels: { app.kubernetes.io/name: api }
  template:
    metadata:
      labels: { app.kubernetes.io/name: api }
    spec:
      containers:
        - name: api
          image: gcr.io/distroless/static:nonroot
`;
}

/**
 * Adds the import (in the sorted place the formatter keeps) and the catalog entry (last in its
 * principle's group, which a `// <principle>` comment opens) to the index source.
 */
export function registerInIndex(source: string, id: string, principle: string): { source: string; importLine: string } {
  const name = exportNameOf(id);
  const specifier = `./${principle}/${id}`;
  const importLine = `import { ${name} } from '${specifier}';`;
  const lines = source.split('\n');

  const imports = lines.flatMap((line, index) => {
    const match = /^import .* from '(\.\/[^']+)';$/.exec(line);
    return match?.[1] ? [{ index, specifier: match[1] }] : [];
  });
  if (imports.length === 0) throw new ScaffoldError('lib/checks/catalog/index.ts has no check imports to add to');
  const before = imports.filter((entry) => entry.specifier < specifier).at(-1);
  lines.splice(before ? before.index + 1 : (imports[0]?.index ?? 0), 0, importLine);

  const opening = lines.findIndex((line) => new RegExp(`^\\s*// ${principle}( |$)`).test(line));
  if (opening < 0) throw new ScaffoldError(`lib/checks/catalog/index.ts has no "// ${principle}" group in CATALOG`);
  let end = opening + 1;
  while (end < lines.length && /^\s+[A-Za-z0-9]+,$/.test(lines[end] ?? '')) end += 1;
  lines.splice(end, 0, `  ${name},`);
  return { source: lines.join('\n'), importLine };
}

/** Writes the skeleton under `root` (the project root). Throws a ScaffoldError naming what is wrong. */
export function scaffoldCheck(root: string, id: string, principle: string): ScaffoldResult {
  if (!KEBAB_CASE.test(id)) throw new ScaffoldError(`check id "${id}" is not kebab-case (like pod-restarts)`);
  const principles = PRINCIPLES.map((candidate) => candidate.id as string);
  if (!principles.includes(principle)) {
    throw new ScaffoldError(`unknown principle "${principle}"; it is one of: ${principles.join(', ')}`);
  }
  const catalogDir = path.join(root, CATALOG);
  const indexFile = path.join(catalogDir, 'index.ts');
  if (!existsSync(indexFile)) throw new ScaffoldError(`no catalog index at ${indexFile}`);
  const existing = existingFolderOf(catalogDir, id);
  if (existing) throw new ScaffoldError(`check ${id} already exists in ${path.join(CATALOG, existing)}`);

  const folder = path.join(catalogDir, principle);
  const files: [string, string][] = [
    [path.join(folder, `${id}.ts`), checkSource(id, principle)],
    [path.join(folder, `${id}.pass.yaml`), fixtureSource(id, 'pass')],
    [path.join(folder, `${id}.fail.yaml`), fixtureSource(id, 'fail')],
  ];
  for (const [file] of files) if (existsSync(file)) throw new ScaffoldError(`${path.relative(root, file)} already exists`);

  // Register first: if the index cannot take the check, nothing has been written.
  const { source, importLine } = registerInIndex(readFileSync(indexFile, 'utf8'), id, principle);
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of files) writeFileSync(file, text, { flag: 'wx' });
  writeFileSync(indexFile, source);

  const checkFile = path.join(CATALOG, principle, id);
  return {
    files: files.map(([file]) => path.relative(root, file)),
    importLine,
    todo: [
      `write the check in ${checkFile}.ts: title, severity, targets and reads, rationale, remediation, docs, evaluate()`,
      `make ${checkFile}.pass.yaml pass and ${checkFile}.fail.yaml fail (or rename it .warn.yaml if the check only warns)`,
      `add an entry for ${id} to every corpus entry in lib/checks/corpus/expected.yaml`,
      `make one object in lib/demo/manifests/ fail or warn ${id}; update DEMO_EXPECTATIONS in lib/demo/demo-cluster.ts if grades move`,
      `add the ${id} row to the check table in README.md (a test keeps the table equal to the catalog)`,
      `run: npx vitest run --project unit lib/checks/catalog.test.ts lib/checks/corpus lib/demo`,
    ],
  };
}
