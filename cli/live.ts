/**
 * `shipshape audit --context NAME` / `--all-contexts`: each context read by the dashboard's live
 * read (createLiveSource: its time limits, retries, forbidden kinds and hidden namespaces kept
 * as an honest partial result, the same typed errors), then graded in this process with the
 * CLI's own configuration file rather than the dashboard's.
 *
 * Separate from run.ts so that a run over files never loads client-node.
 */
import type { ShipshapeConfig } from '../lib/checks/config/parse';
import { buildReport } from '../lib/report/model';
import type { ContextInfo, GradingInput, LoadResult } from '../lib/sources/cluster-source';
import { runGradingJob } from '../lib/sources/grading-worker/grading-job';
import { loadKubeconfig } from '../lib/sources/live/kubeconfig';
import { createLiveSource } from '../lib/sources/live/live-source';
import type { CliArgs } from './args';
import { type CliEnv, EXIT } from './run';

type Graded = {
  document: ReturnType<typeof buildReport>;
  report: Extract<LoadResult, { ok: true }>['cluster']['report'];
  inventory: Extract<LoadResult, { ok: true }>['cluster']['inventory'];
  configFile: string | undefined;
  label: string;
};

export async function gradeContexts(
  args: CliArgs,
  config: ShipshapeConfig,
  configFile: string | undefined,
  env: CliEnv,
  error: (message: string) => void,
  toolVersion: string,
): Promise<{ graded: Graded[]; unreadable: boolean } | number> {
  const kubeconfig = loadKubeconfig({ ...env });
  for (const problem of kubeconfig.problems) error(`kubeconfig ${problem.file}: ${problem.message}`);
  const known = kubeconfig.config.getContexts().map((context) => context.name);
  const names = args.allContexts ? known : args.contexts;
  if (names.length === 0) {
    error('no kubeconfig contexts to grade (KUBECONFIG, ~/.kube/config)');
    return EXIT.unusable;
  }
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    error(`no such kubeconfig context: ${unknown.join(', ')}; known: ${known.join(', ') || 'none'}`);
    return EXIT.unusable;
  }
  const grade = async (context: ContextInfo, input: GradingInput): Promise<LoadResult> => {
    if (input.from !== 'objects') throw new Error('a live read hands over objects');
    const output = await runGradingJob({
      kind: 'objects',
      origin: input.origin,
      objects: input.objects,
      accessGaps: input.accessGaps,
      hiddenNamespaces: input.hiddenNamespaces,
      manifestErrors: input.manifestErrors,
      ...(input.serverVersion ? { serverVersion: input.serverVersion } : {}),
      config,
    });
    return {
      ok: true,
      cluster: {
        context,
        inventory: output.inventory,
        report: output.report,
        evaluatedAt: new Date().toISOString(),
        manifestErrors: output.manifestErrors,
        ignoredKinds: output.ignoredKinds,
        hiddenNamespaces: input.hiddenNamespaces,
      },
    };
  };

  const graded: Graded[] = [];
  let unreadable = false;
  for (const name of names) {
    const info: ContextInfo = { name, kind: 'live', label: name };
    // The read's one log line per failure goes to stderr, where a pipeline's log shows it.
    const source = createLiveSource(info, kubeconfig.config, name, {
      grade,
      cacheMs: 0,
      log: (line) => error(line.replace(/^shipshape: /, '')),
    });
    const result = await source.load();
    if (!result.ok) {
      error(`${result.error.message} ${result.error.hint ?? ''}`.trim());
      unreadable = true;
      continue;
    }
    const { cluster } = result;
    for (const problem of cluster.manifestErrors) error(`${problem.file}: ${problem.message}`);
    graded.push({
      document: buildReport({
        report: cluster.report,
        toolVersion,
        evaluatedAt: cluster.evaluatedAt,
        source: { kind: 'live', context: name },
        configFile,
        manifestErrors: cluster.manifestErrors,
        ignoredKinds: cluster.ignoredKinds,
        ...(args.namespaces.length > 0 ? { namespaces: args.namespaces } : {}),
      }),
      report: cluster.report,
      inventory: cluster.inventory,
      configFile,
      label: `context ${name}`,
    });
  }
  return { graded, unreadable };
}
