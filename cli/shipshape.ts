/**
 * Shipshape on the command line: grade a folder of manifests with the same checks library as
 * the dashboard. Exit codes (README, "Development"):
 *   0  every graded namespace is ready, or ready with risks
 *   1  a namespace is not ready, so it can gate a pipeline
 *   2  the input or the configuration file cannot be used
 *   3  nothing was graded: no objects, or every namespace skipped (system, excluded) or with nothing to grade
 *
 *   npm run cli -- <folder-or-file> [--json] [--config FILE]
 *
 * The configuration is `--config FILE`, else the file SHIPSHAPE_CONFIG names, else
 * `shipshape.config.yaml` in the working directory if there is one, else the defaults. Unlike
 * the dashboard, which falls back to the defaults, a bad file stops the run: a pipeline must not
 * pass on settings nobody asked for.
 */

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkById } from '../lib/checks/catalog';
import {
  DEFAULT_CONFIG_FILE_NAME,
  DEFAULT_SHIPSHAPE_CONFIG,
  MAX_CONFIG_BYTES,
  parseConfigFile,
  type ShipshapeConfig,
} from '../lib/checks/config-file';
import { evaluateCluster, type SkipReason } from '../lib/checks/evaluate';
import { VERDICT_LABELS } from '../lib/checks/scoring';
import { describeWaiverNote } from '../lib/checks/waivers';
import { buildInventory } from '../lib/inventory';
import { loadSnapshot } from '../lib/snapshot/load-snapshot';

const USAGE = 'usage: npm run cli -- <folder-or-file of Kubernetes YAML> [--json] [--config FILE]';

const args = process.argv.slice(2);
let json = false;
let configArg: string | undefined;
const positional: string[] = [];
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index] as string;
  if (arg === '--json') json = true;
  else if (arg === '--config') {
    configArg = args[index + 1];
    index += 1;
    if (!configArg) {
      console.error(`shipshape: --config needs a file\n${USAGE}`);
      process.exit(2);
    }
  } else if (arg.startsWith('--config=')) configArg = arg.slice('--config='.length);
  else if (arg.startsWith('--')) {
    console.error(`shipshape: unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  } else positional.push(arg);
}
const target = positional[0];
if (!target) {
  console.error(USAGE);
  process.exit(2);
}

/** The configuration file to use, and whether one was asked for by name (then it must exist). */
function configFile(): { file: string; named: boolean } {
  if (configArg) return { file: configArg, named: true };
  const fromEnv = process.env.SHIPSHAPE_CONFIG?.trim();
  if (fromEnv) return { file: fromEnv, named: true };
  return { file: DEFAULT_CONFIG_FILE_NAME, named: false };
}

function loadConfig(): { config: ShipshapeConfig; file?: string } {
  const { file, named } = configFile();
  let text: string;
  try {
    // Size and type first: a huge file or a FIFO is refused without reading it.
    const info = statSync(file);
    if (!info.isFile() || info.size > MAX_CONFIG_BYTES) {
      console.error(
        `shipshape: configuration ${file} is ${info.isFile() ? `larger than ${MAX_CONFIG_BYTES / 1024} KiB` : 'not a regular file'}`,
      );
      process.exit(2);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!named && code === 'ENOENT') return { config: DEFAULT_SHIPSHAPE_CONFIG };
    console.error(`shipshape: cannot read configuration ${file}: ${code ?? 'error'}`);
    process.exit(2);
  }
  const parsed = parseConfigFile(text, path.basename(file));
  if (parsed.errors.length > 0) {
    for (const error of parsed.errors) {
      console.error(`shipshape: ${file}${error.line ? `:${error.line}` : ''}: ${error.path}: ${error.message}`);
    }
    console.error('shipshape: the configuration file has errors; nothing was graded.');
    process.exit(2);
  }
  return { config: parsed.config, file };
}

const { config, file: configFileUsed } = loadConfig();

let parsed: Awaited<ReturnType<typeof loadSnapshot>>;
try {
  parsed = await loadSnapshot(target);
} catch (error) {
  console.error(`shipshape: cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  process.exit(2);
}
for (const error of parsed.errors) console.error(`shipshape: ${error.file}: ${error.message}`);

const report = evaluateCluster(buildInventory(parsed.objects), { config });
for (const rejected of report.rejectedWaivers) console.error(`shipshape: waiver ${rejected.message}`);
/** Exit code 3: a run that graded nothing must not pass a pipeline as if all were well. */
const NOTHING_GRADED = 3;
const gradedSomething = report.namespaces.some((namespace) => namespace.verdict !== 'not-graded');

/** Why nothing was graded, and what would change that; undefined when something was graded. */
function nothingGradedReason(): string | undefined {
  if (gradedSomething) return undefined;
  if (parsed.objects.length === 0) {
    const rejected =
      parsed.errors.length > 0
        ? `; ${parsed.errors.length} ${parsed.errors.length === 1 ? 'document was' : 'documents were'} rejected, listed above`
        : '';
    const ignored = Object.keys(parsed.ignoredKinds).length > 0 ? '; only kinds Shipshape does not read were found' : '';
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

const nothingGraded = nothingGradedReason();
if (nothingGraded) console.error(`shipshape: ${nothingGraded}.`);

if (json) {
  console.log(
    JSON.stringify(
      {
        namespaces: report.namespaces,
        skipped: report.skipped,
        skippedNamespaces: report.skippedNamespaces,
        excludedNamespaces: report.excludedNamespaces,
        kubernetesVersion: report.kubernetesVersion,
        rejectedWaivers: report.rejectedWaivers,
        configFile: configFileUsed ?? null,
        manifestErrors: parsed.errors,
        ignoredKinds: parsed.ignoredKinds,
      },
      null,
      2,
    ),
  );
} else {
  const plural = (count: number) => `${count} object${count === 1 ? '' : 's'}`;
  for (const namespace of report.namespaces) {
    const score = namespace.score.value === null ? 'N/A' : `${namespace.score.grade} ${namespace.score.value}`;
    console.log(`${namespace.namespace.padEnd(28)} ${score.padEnd(7)} ${VERDICT_LABELS[namespace.verdict]}`);
    for (const item of namespace.blockingFailures) {
      const expired = item.findings.find((finding) => finding.status === 'fail' && finding.waiver?.state === 'expired')?.waiver;
      console.log(
        `    blocking: ${checkById(item.checkId)?.title ?? item.checkId} (${plural(item.counts.fail)})${expired ? `; waiver expired on ${expired.expires}` : ''}`,
      );
    }
    for (const item of namespace.items) {
      // The stack is on stderr (logged by the grader); here, which check is missing from the grade.
      if (item.reason === 'internal-error')
        console.log(`    not evaluated (internal error): ${checkById(item.checkId)?.title ?? item.checkId}`);
      for (const finding of item.findings) {
        if (finding.status !== 'waived' || !finding.waiver) continue;
        console.log(
          `    waived: ${checkById(item.checkId)?.title ?? item.checkId}, ${finding.object.kind}/${finding.object.name}. ${describeWaiverNote(finding.waiver)}`,
        );
      }
    }
  }
  for (const entry of report.skipped) console.log(`not graded: ${entry.namespace} (${plural(entry.objects)}): ${entry.detail}`);
  const ignored = Object.entries(parsed.ignoredKinds);
  if (ignored.length > 0)
    console.log(`not graded, kinds Shipshape does not read: ${ignored.map(([kind, count]) => `${kind} (${count})`).join(', ')}`);
  const { version, source } = report.kubernetesVersion;
  console.log(
    `API versions judged against Kubernetes ${version} (${source === 'configuration' ? 'settings.kubernetesVersion' : 'the default; set settings.kubernetesVersion to change it'})`,
  );
}
// exitCode, not exit(): a report larger than the pipe's buffer must reach the reader whole.
process.exitCode = nothingGraded ? NOTHING_GRADED : report.namespaces.some((namespace) => namespace.verdict === 'not-ready') ? 1 : 0;
