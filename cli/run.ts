/**
 * Shipshape on the command line: grade a folder of manifests with the same checks library as the
 * dashboard. `run` does the whole run and returns the exit code (README, "Development"):
 *   0  every graded namespace is ready, or ready with risks
 *   1  a namespace is not ready, so it can gate a pipeline
 *   2  usage, the input or the configuration file cannot be used
 *   3  nothing was graded: no objects, or every namespace skipped (system, excluded) or with nothing to grade
 *
 * The configuration is `--config FILE`, else the file SHIPSHAPE_CONFIG names, else
 * `shipshape.config.yaml` in the working directory if there is one, else the defaults
 * (findConfigFile, strict). Unlike the dashboard, which falls back to the defaults, a bad file
 * stops the run: a pipeline must not pass on settings nobody asked for.
 *
 * Everything it touches comes in as arguments (argv, env, io), so tests call it in-process.
 */
import path from 'node:path';
import { evaluateCluster, type SkipReason } from '../lib/checks/evaluate';
import { buildInventory } from '../lib/inventory';
import { type LoadedSnapshot, loadSnapshot, snapshotLimitsFromEnv } from '../lib/snapshot/load-snapshot';
import { findConfigFile, WHOLE_FILE } from '../lib/sources/find-config-file';
import { parseCliArgs, USAGE } from './args';
import { renderJson } from './render/json';
import { renderText } from './render/text';

export type CliEnv = Readonly<Record<string, string | undefined>>;

export interface CliIo {
  /** The report. */
  stdout(text: string): void;
  /** Problems with the input, the configuration and the run, one message a line. */
  stderr(text: string): void;
  /** Where relative paths (the target, --config, SHIPSHAPE_CONFIG) start. */
  cwd: string;
}

export const EXIT = { ready: 0, notReady: 1, unusable: 2, nothingGraded: 3 } as const;

export async function run(argv: readonly string[], env: CliEnv, io: CliIo): Promise<number> {
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
  const { target, json, config: configArg } = parsedArgs.args;

  const found = await findConfigFile({ strict: true, named: configArg, env, cwd: io.cwd });
  if (found.state === 'invalid') {
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

  let snapshot: LoadedSnapshot;
  try {
    snapshot = await loadSnapshot(path.resolve(io.cwd, target), snapshotLimitsFromEnv(env));
  } catch (thrown) {
    error(`cannot read ${target}: ${(thrown as NodeJS.ErrnoException).code ?? 'error'}`);
    return EXIT.unusable;
  }
  for (const problem of snapshot.errors) error(`${problem.file}: ${problem.message}`);

  const report = evaluateCluster(buildInventory(snapshot.objects), { config: found.config });
  for (const rejected of report.rejectedWaivers) error(`waiver ${rejected.message}`);
  const nothingGraded = nothingGradedReason(report, snapshot, target);
  if (nothingGraded) error(`${nothingGraded}.`);

  io.stdout(json ? renderJson(report, snapshot, found.location) : renderText(report, snapshot));
  if (nothingGraded) return EXIT.nothingGraded;
  return report.namespaces.some((namespace) => namespace.verdict === 'not-ready') ? EXIT.notReady : EXIT.ready;
}

/** Why nothing was graded, and what would change that; undefined when something was graded. */
function nothingGradedReason(report: ReturnType<typeof evaluateCluster>, snapshot: LoadedSnapshot, target: string): string | undefined {
  if (report.namespaces.some((namespace) => namespace.verdict !== 'not-graded')) return undefined;
  if (snapshot.objects.length === 0) {
    const rejected =
      snapshot.errors.length > 0
        ? `; ${snapshot.errors.length} ${snapshot.errors.length === 1 ? 'document was' : 'documents were'} rejected, listed above`
        : '';
    const ignored = Object.keys(snapshot.ignoredKinds).length > 0 ? '; only kinds Shipshape does not read were found' : '';
    return `no Kubernetes objects to grade in ${target}${rejected}${ignored}`;
  }
  const skippedBecause = (reason: SkipReason) => report.skipped.filter((entry) => entry.reason === reason).map((entry) => entry.namespace);
  const parts: string[] = [];
  const system = skippedBecause('system');
  const excluded = skippedBecause('excluded');
  if (system.length > 0)
    parts.push(
      `system namespace${system.length === 1 ? '' : 's'} ${system.join(', ')} (set namespaces.includeSystem: true in the configuration file to grade them)`,
    );
  if (excluded.length > 0) parts.push(`excluded by namespaces.exclude: ${excluded.join(', ')}`);
  const empty = report.namespaces.map((namespace) => namespace.namespace);
  if (empty.length > 0) parts.push(`nothing any check grades in ${empty.join(', ')}`);
  return `nothing was graded: ${parts.join('; ')}`;
}
