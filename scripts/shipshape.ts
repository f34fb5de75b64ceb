/**
 * Shipshape on the command line: grade a folder of manifests with the same checks library as
 * the dashboard. Exits 1 when a namespace is not ready, so it can gate a pipeline; exits 2 when
 * the input or the configuration file cannot be used.
 *
 *   npm run cli -- <folder-or-file> [--json] [--config FILE]
 *
 * The configuration is `--config FILE`, else the file SHIPSHAPE_CONFIG names, else
 * `shipshape.config.yaml` in the working directory if there is one, else the defaults. Unlike
 * the dashboard, which falls back to the defaults, a bad file stops the run: a pipeline must not
 * pass on settings nobody asked for.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkById } from '../lib/checks/catalog';
import { DEFAULT_CONFIG_FILE_NAME, DEFAULT_SHIPSHAPE_CONFIG, parseConfigFile, type ShipshapeConfig } from '../lib/checks/config-file';
import { evaluateCluster } from '../lib/checks/evaluate';
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
if (json) {
  console.log(
    JSON.stringify(
      {
        namespaces: report.namespaces,
        excludedNamespaces: report.excludedNamespaces,
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
      for (const finding of item.findings) {
        if (finding.status !== 'waived' || !finding.waiver) continue;
        console.log(
          `    waived: ${checkById(item.checkId)?.title ?? item.checkId}, ${finding.object.kind}/${finding.object.name}. ${describeWaiverNote(finding.waiver)}`,
        );
      }
    }
  }
  const ignored = Object.entries(parsed.ignoredKinds);
  if (ignored.length > 0) console.log(`ignored kinds: ${ignored.map(([kind, count]) => `${kind} (${count})`).join(', ')}`);
  if (report.excludedNamespaces.length > 0) console.log(`excluded by configuration: ${report.excludedNamespaces.join(', ')}`);
}
// exitCode, not exit(): a report larger than the pipe's buffer must reach the reader whole.
process.exitCode = report.namespaces.some((namespace) => namespace.verdict === 'not-ready') ? 1 : 0;
