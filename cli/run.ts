/**
 * Shipshape on the command line, as a pipeline gate: grade files or folders of manifests, or
 * live kubeconfig contexts through the dashboard's live read (its timeouts and honest partial
 * results), with the same checks library; write text, JSON, SARIF, JUnit or Markdown, and exit
 * with a code a pipeline can act on (README, "In CI"):
 *   0  the gate passed
 *   1  the gate failed: a namespace is not ready (`--fail-on blocking`, the default), or has a
 *      failing (`fail`) or failing-or-warning (`warn`) finding, new since `--baseline` if given,
 *      or scores below `--min-score`
 *   2  usage, the input, the baseline or the configuration file cannot be used
 *   3  nothing was graded: no objects, or every namespace skipped or with nothing to grade
 *   4  a cluster could not be read at all (unreachable, credentials rejected, …)
 *   5  part of a cluster could not be read (forbidden kinds, hidden namespaces), only with
 *      `--fail-on-partial`; the report is still written and marked partial
 * When several apply, the first in the order 2, 4, 1, 3, 5 wins: a broken run is never mistaken
 * for a verdict, and a verdict is never hidden by a partial read.
 *
 * The configuration is `--config FILE`, else the file SHIPSHAPE_CONFIG names, else
 * `shipshape.config.yaml` in the working directory if there is one, else the defaults
 * (findConfigFile, strict). Unlike the dashboard, which falls back to the defaults, a bad file
 * stops the run: a pipeline must not pass on settings nobody asked for.
 *
 * Everything it touches comes in as arguments (argv, env, io), so tests call it in-process.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ClusterReport, evaluateCluster, type SkipReason } from '../lib/checks/evaluate';
import { buildInventory, type Inventory } from '../lib/inventory';
import type { ObjectRef } from '../lib/k8s/objects';
import { findingIdentity } from '../lib/report/identity';
import { parseJsonReport, renderJsonReport } from '../lib/report/json';
import { renderJunit } from '../lib/report/junit';
import { renderMarkdown } from '../lib/report/markdown';
import { buildReport, openFindings, type ReportDocument, type ReportLocation } from '../lib/report/model';
import { renderSarif } from '../lib/report/sarif';
import { loadReviewFolder, reviewFolderFor } from '../lib/review/review-folder';
import { type LoadedSnapshot, loadSnapshot, snapshotLimitsFromEnv } from '../lib/snapshot/load-snapshot';
import { manifestLocationOf } from '../lib/snapshot/parse-manifests';
import { findConfigFile, WHOLE_FILE } from '../lib/sources/find-config-file';
import { type CliArgs, type Format, type OutputTarget, parseCliArgs, USAGE } from './args';
import { renderJson } from './render/json';
import { renderText } from './render/text';

export type CliEnv = Readonly<Record<string, string | undefined>>;

export interface CliIo {
  /** The report. */
  stdout(text: string): void;
  /** Problems with the input, the configuration and the run, one message a line. */
  stderr(text: string): void;
  /** Where relative paths (the targets, --config, --output, SHIPSHAPE_CONFIG) start. */
  cwd: string;
  /** stdout is a terminal: the text report is coloured then, unless NO_COLOR is set. */
  isTTY?: boolean;
}

export const EXIT = { ready: 0, notReady: 1, unusable: 2, nothingGraded: 3, unreadable: 4, partial: 5 } as const;
type ExitCode = (typeof EXIT)[keyof typeof EXIT];
/** Which code wins when several apply (see the header). */
const PRECEDENCE: readonly ExitCode[] = [EXIT.unusable, EXIT.unreadable, EXIT.notReady, EXIT.nothingGraded, EXIT.partial, EXIT.ready];

export const TOOL_VERSION = (JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string })
  .version;

/** One graded input: a set of files, or one live context. */
export interface Graded {
  document: ReportDocument;
  report: ClusterReport;
  /** What was graded: `reviews` and `since-signoff` read a namespace's reviews and objects from it. */
  inventory: Inventory;
  /** The legacy `--json` output needs the loader's own view. */
  snapshot?: LoadedSnapshot;
  configFile: string | undefined;
  label: string;
}

export async function run(argv: readonly string[], env: CliEnv, io: CliIo): Promise<number> {
  if (argv[0] === 'reviews' || argv[0] === 'since-signoff') {
    // Imported here: a plain audit never needs the review commands.
    const { runReviewCommand } = await import('./reviews');
    return runReviewCommand(argv[0], argv.slice(1), env, io);
  }
  const error = (message: string) => io.stderr(`shipshape: ${message}\n`);
  const parsedArgs = parseCliArgs(argv);
  if (parsedArgs.kind === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT.ready;
  }
  if (parsedArgs.kind === 'usage-error') {
    error(parsedArgs.message);
    io.stderr(`${USAGE}\n`);
    return EXIT.unusable;
  }
  const args = parsedArgs.args;

  const found = await loadCliConfig(args.config, env, io, error);
  if (typeof found === 'number') return found;

  let baseline: Set<string> | undefined;
  if (args.baseline) {
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, args.baseline), 'utf8');
    } catch (thrown) {
      error(`cannot read baseline ${args.baseline}: ${(thrown as NodeJS.ErrnoException).code ?? 'error'}`);
      return EXIT.unusable;
    }
    const parsed = parseJsonReport(text);
    if (!parsed.ok) {
      error(`baseline ${args.baseline} is ${parsed.message}; write one with --format json`);
      return EXIT.unusable;
    }
    baseline = new Set(
      [...openFindings(parsed.document)].map(({ namespace, check, finding }) => findingIdentity(namespace, check, finding)),
    );
  }

  const graded: Graded[] = [];
  const codes: ExitCode[] = [];
  if (args.targets.length > 0) {
    const files = await gradeFiles(args, found.config, found.location, env, io, error);
    if (typeof files === 'number') return files;
    graded.push(files);
  } else {
    // Imported here: the live read pulls in client-node, which a run over files never needs.
    const { gradeContexts } = await import('./live');
    const live = await gradeContexts(args, found.config, found.location, env, error, TOOL_VERSION);
    if (typeof live === 'number') return live;
    graded.push(...live.graded);
    if (live.unreadable) codes.push(EXIT.unreadable);
  }

  for (const entry of graded) {
    for (const rejected of entry.report.rejectedWaivers) error(`waiver ${rejected.message}`);
    for (const wanted of args.namespaces)
      if (
        !entry.document.namespaces.some((namespace) => namespace.namespace === wanted) &&
        !entry.document.skipped.some((skip) => skip.namespace === wanted)
      )
        error(`--namespace ${wanted}: no such namespace in ${entry.label}`);
    const nothingGraded = nothingGradedReason(entry, args);
    if (nothingGraded) {
      error(`${nothingGraded}.`);
      codes.push(EXIT.nothingGraded);
    }
    const gate = judgeGate(entry.document, args, baseline);
    if (!gate.passed) codes.push(EXIT.notReady);
    if (!nothingGraded && gate.message) error(gate.message);
    if (args.failOnPartial && entry.document.partial) {
      error(`the read of ${entry.label} is partial (--fail-on-partial): some kinds or namespaces could not be read, listed in the report`);
      codes.push(EXIT.partial);
    }
    (entry as Graded & { gate?: string }).gate = nothingGraded ? 'nothing graded' : gate.passed ? 'gate passed' : 'gate failed';
  }

  const colour = io.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
  const written = await writeOutputs(args.outputs, graded, io, colour, error);
  if (!written) return EXIT.unusable;
  for (const code of PRECEDENCE) if (codes.includes(code)) return code;
  return EXIT.ready;
}

/** The configuration a run grades with (strict: a bad file stops the run, exit 2, every problem on stderr). */
export async function loadCliConfig(named: string | undefined, env: CliEnv, io: CliIo, error: (message: string) => void) {
  const found = await findConfigFile({ strict: true, named, env, cwd: io.cwd });
  if (found.state !== 'invalid') return found;
  const wholeFile = found.errors.every((problem) => problem.path === WHOLE_FILE);
  for (const problem of found.errors) {
    if (problem.path === WHOLE_FILE) error(`cannot read configuration ${found.location}: ${problem.message}`);
    else error(`${found.location}${problem.line ? `:${problem.line}` : ''}: ${problem.path}: ${problem.message}`);
  }
  error(
    wholeFile ? 'the configuration file cannot be used; nothing was graded.' : 'the configuration file has errors; nothing was graded.',
  );
  return EXIT.unusable;
}

export async function gradeFiles(
  args: CliArgs,
  config: Awaited<ReturnType<typeof findConfigFile>>['config'],
  configFile: string | undefined,
  env: CliEnv,
  io: CliIo,
  error: (message: string) => void,
): Promise<Graded | number> {
  const merged: LoadedSnapshot = { objects: [], errors: [], ignoredKinds: {}, files: [] };
  const locations = new Map<string, ReportLocation>();
  const cwdRelative: { file: string; line?: number; message: string }[] = [];
  for (const target of args.targets) {
    const absolute = path.resolve(io.cwd, target);
    let snapshot: LoadedSnapshot;
    try {
      snapshot = await loadSnapshot(absolute, snapshotLimitsFromEnv(env));
    } catch (thrown) {
      error(`cannot read ${target}: ${(thrown as NodeJS.ErrnoException).code ?? 'error'}`);
      return EXIT.unusable;
    }
    // The loader names files from the folder given; reports name them from the working directory, as code scanning expects.
    const base = snapshot.files.length === 1 && !(await isFolder(absolute)) ? path.dirname(absolute) : absolute;
    const fromCwd = (file: string) => path.relative(io.cwd, path.join(base, file)).split(path.sep).join('/');
    for (const problem of snapshot.errors) error(`${problem.file}: ${problem.message}`);
    merged.errors.push(...snapshot.errors);
    cwdRelative.push(...snapshot.errors.map((problem) => ({ ...problem, file: fromCwd(problem.file) })));
    for (const [kind, count] of Object.entries(snapshot.ignoredKinds)) merged.ignoredKinds[kind] = (merged.ignoredKinds[kind] ?? 0) + count;
    merged.files.push(...snapshot.files.map(fromCwd));
    for (const object of snapshot.objects) {
      merged.objects.push(object);
      const at = manifestLocationOf(object);
      if (at)
        locations.set(objectKey(object.kind, object.metadata.namespace ?? 'default', object.metadata.name), {
          ...at,
          file: fromCwd(at.file),
        });
    }
  }
  // Each folder's review folder (SHIPSHAPE_REVIEW_DIR, else <folder>.reviews beside it), as in snapshot mode: accepted risks apply.
  for (const folder of new Set(args.targets.map((target) => reviewFolderFor(path.resolve(io.cwd, target), env)))) {
    const reviews = await loadReviewFolder(folder, snapshotLimitsFromEnv(env));
    const fromCwd = (file: string) =>
      path
        .relative(io.cwd, path.join(path.dirname(folder), file))
        .split(path.sep)
        .join('/');
    for (const problem of reviews.errors) error(`${fromCwd(problem.file)}: ${problem.message}`);
    cwdRelative.push(...reviews.errors.map((problem) => ({ ...problem, file: fromCwd(problem.file) })));
    merged.objects.push(...reviews.objects);
  }
  const inventory = buildInventory(merged.objects);
  const report = evaluateCluster(inventory, { config });
  const label = args.targets.join(' ');
  const document = buildReport({
    report,
    toolVersion: TOOL_VERSION,
    evaluatedAt: new Date().toISOString(),
    source: { kind: 'files', context: label },
    configFile,
    manifestErrors: cwdRelative,
    ignoredKinds: merged.ignoredKinds,
    ...(args.namespaces.length > 0 ? { namespaces: args.namespaces } : {}),
    locate: (object: ObjectRef) => locations.get(objectKey(object.kind, object.namespace ?? 'default', object.name)),
  });
  return { document, report, inventory, snapshot: merged, configFile, label };
}

const objectKey = (kind: string, namespace: string, name: string) => JSON.stringify([kind, namespace, name]);

async function isFolder(target: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return (await stat(target)).isDirectory();
}

/** Whether the gate passes, and one line saying why it does not. */
export function judgeGate(document: ReportDocument, args: Pick<CliArgs, 'failOn' | 'minScore'>, baseline: Set<string> | undefined) {
  const reasons: string[] = [];
  const open = [...openFindings(document)];
  const fresh = baseline ? open.filter(({ namespace, check, finding }) => !baseline.has(findingIdentity(namespace, check, finding))) : open;
  const counted = fresh.filter(({ check, finding }) => {
    if (args.failOn === 'warn') return true;
    if (finding.status !== 'fail') return false;
    return args.failOn === 'fail' || check.severity === 'blocking';
  });
  const since = baseline ? ' new since the baseline' : '';
  // Without a baseline, `blocking` is the verdict itself, as before: a namespace that is not ready.
  const notReady = document.namespaces.filter((namespace) => namespace.verdict === 'not-ready');
  if (args.failOn === 'blocking' && !baseline) {
    if (notReady.length > 0) reasons.push(`not ready: ${notReady.map((namespace) => namespace.namespace).join(', ')}`);
  } else if (counted.length > 0) {
    const what =
      args.failOn === 'blocking' ? 'blocking failure' : args.failOn === 'fail' ? 'failing finding' : 'failing or warning finding';
    reasons.push(`${counted.length} ${what}${counted.length === 1 ? '' : 's'}${since}`);
  }
  if (args.minScore !== undefined) {
    const low = document.namespaces.filter((namespace) => namespace.score.value !== null && namespace.score.value < (args.minScore ?? 0));
    if (low.length > 0)
      reasons.push(
        `below --min-score ${args.minScore}: ${low.map((namespace) => `${namespace.namespace} (${namespace.score.value})`).join(', ')}`,
      );
  }
  return {
    passed: reasons.length === 0,
    message: reasons.length > 0 ? `gate failed (--fail-on ${args.failOn}): ${reasons.join('; ')}` : undefined,
  };
}

function render(format: Format | 'legacy-json', entry: Graded, colour: boolean): string {
  switch (format) {
    case 'text':
      return renderText(entry.document, { colour, gate: (entry as Graded & { gate?: string }).gate });
    case 'json':
      return renderJsonReport(entry.document);
    case 'sarif':
      return renderSarif(entry.document);
    case 'junit':
      return renderJunit(entry.document);
    case 'markdown':
      return renderMarkdown(entry.document);
    case 'legacy-json':
      return renderJson(entry.report, entry.snapshot ?? { objects: [], errors: [], ignoredKinds: {}, files: [] }, entry.configFile);
  }
}

/** A file per context when several were graded: `shipshape.sarif` becomes `shipshape.<context>.sarif`. */
function fileFor(file: string, entry: Graded, several: boolean): string {
  if (!several) return file;
  const safe = entry.label.replace(/[^A-Za-z0-9._-]+/g, '_');
  const extension = path.extname(file);
  return `${file.slice(0, file.length - extension.length)}.${safe}${extension}`;
}

async function writeOutputs(
  outputs: readonly OutputTarget[],
  graded: readonly Graded[],
  io: CliIo,
  colour: boolean,
  error: (message: string) => void,
) {
  // Files first: a report that cannot be written stops the run before stdout suggests it went well.
  // The folder must exist (as for a shell redirect): creating folders is the pipeline's business.
  for (const output of outputs) {
    if (output.file === undefined) continue;
    for (const entry of graded) {
      const file = path.resolve(io.cwd, fileFor(output.file, entry, graded.length > 1));
      try {
        await writeFile(file, render(output.format, entry, false));
      } catch (thrown) {
        error(`cannot write ${output.file}: ${(thrown as NodeJS.ErrnoException).code ?? 'error'}`);
        return false;
      }
    }
  }
  for (const output of outputs) if (output.file === undefined) for (const entry of graded) io.stdout(render(output.format, entry, colour));
  return true;
}

/** Why nothing was graded, and what would change that; undefined when something was graded. */
function nothingGradedReason(entry: Graded, args: CliArgs): string | undefined {
  const { document, snapshot, label } = entry;
  if (document.namespaces.some((namespace) => namespace.verdict !== 'not-graded')) return undefined;
  if (args.namespaces.length > 0 && document.namespaces.length === 0 && document.skipped.length === 0)
    return `nothing was graded: --namespace ${args.namespaces.join(', ')} matched no namespace in ${label}`;
  if (snapshot && snapshot.objects.length === 0) {
    const rejected =
      snapshot.errors.length > 0
        ? `; ${snapshot.errors.length} ${snapshot.errors.length === 1 ? 'document was' : 'documents were'} rejected, listed above`
        : '';
    const ignored = Object.keys(snapshot.ignoredKinds).length > 0 ? '; only kinds Shipshape does not read were found' : '';
    return `no Kubernetes objects to grade in ${label}${rejected}${ignored}`;
  }
  const skippedBecause = (reason: SkipReason) => document.skipped.filter((skip) => skip.reason === reason).map((skip) => skip.namespace);
  const parts: string[] = [];
  const system = skippedBecause('system');
  const excluded = skippedBecause('excluded');
  const hidden = skippedBecause('hidden');
  if (system.length > 0)
    parts.push(
      `system namespace${system.length === 1 ? '' : 's'} ${system.join(', ')} (set namespaces.includeSystem: true in the configuration file to grade them)`,
    );
  if (excluded.length > 0) parts.push(`excluded by namespaces.exclude: ${excluded.join(', ')}`);
  if (hidden.length > 0) parts.push(`nothing could be read in ${hidden.join(', ')}`);
  const empty = document.namespaces.map((namespace) => namespace.namespace);
  if (empty.length > 0) parts.push(`nothing any check grades in ${empty.join(', ')}`);
  if (parts.length === 0) parts.push(`no namespaces in ${label}`);
  return `nothing was graded: ${parts.join('; ')}`;
}
