/**
 * The CLI's arguments, parsed by Node's standard parser (`node:util` parseArgs). Two forms:
 *
 *   shipshape <folder-or-file> [--json] [--config FILE]     the original form, one target
 *   shipshape audit <files or folders…> | --context NAME… | --all-contexts  [options]
 *
 * Outputs: each `--output FILE` takes the `--format` given just before it, else the format its
 * extension names (.sarif → sarif, .xml → junit, .md → markdown, .json → json, .txt → text). A
 * `--format` with no `--output` after it goes to stdout (one at most); with no format for stdout,
 * stdout gets the text report. Anything else is a usage error, never ignored.
 */
import { parseArgs } from 'node:util';

export const USAGE = `usage: shipshape <folder-or-file of Kubernetes YAML> [--json] [--config FILE]
       shipshape audit <files or folders…> [options]
       shipshape audit --context NAME [--context NAME…] | --all-contexts [options]
       shipshape reviews | since-signoff … --namespace NAME   (go-live reviews; --help for theirs)

options:
  --format text|json|sarif|junit|markdown   a report format; the next --output is its file, else stdout
  --output FILE        write a report to FILE (repeatable; format from the --format before it, else the extension)
  --namespace NAME     grade one namespace only (repeatable)
  --config FILE        the configuration file (else SHIPSHAPE_CONFIG, else ./shipshape.config.yaml)
  --fail-on blocking|fail|warn   what fails the gate (default blocking: a namespace that is not ready)
  --min-score N        also fail when a graded namespace scores below N (0–100)
  --baseline FILE      a JSON report of an earlier run: only findings new since it fail the gate
  --fail-on-partial    exit 5 when part of the cluster could not be read (forbidden kinds, hidden namespaces)
  -h, --help           this text

exit codes: 0 gate passed · 1 gate failed · 2 usage or configuration error · 3 nothing graded
            4 cluster unreadable · 5 partial read (only with --fail-on-partial)`;

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export type FailOn = 'blocking' | 'fail' | 'warn';

export interface OutputTarget {
  format: Format | 'legacy-json';
  /** Undefined: stdout. */
  file?: string;
}

export interface CliArgs {
  /** Files or folders; empty for a live audit. */
  targets: string[];
  contexts: string[];
  allContexts: boolean;
  outputs: OutputTarget[];
  namespaces: string[];
  config?: string;
  failOn: FailOn;
  minScore?: number;
  baseline?: string;
  failOnPartial: boolean;
}

export type ParsedArgs = { kind: 'run'; args: CliArgs } | { kind: 'help' } | { kind: 'usage-error'; message: string };

const EXTENSIONS: readonly [RegExp, Format][] = [
  [/\.sarif(\.json)?$/i, 'sarif'],
  [/\.xml$/i, 'junit'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.json$/i, 'json'],
  [/\.txt$/i, 'text'],
];

const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value);

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const audit = argv[0] === 'audit';
  let parsed: ReturnType<typeof parseWithTokens>;
  try {
    parsed = parseWithTokens(audit ? argv.slice(1) : argv);
  } catch (error) {
    // parseArgs names the option: "Unknown option '--jsno'", "Option '--config <value>' argument missing".
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { kind: 'help' };

  const contexts = values.context ?? [];
  const allContexts = values['all-contexts'] ?? false;
  const live = contexts.length > 0 || allContexts;
  if (!audit && (live || (values.format ?? []).length > 0 || (values.output ?? []).length > 0) && positionals.length === 0)
    return { kind: 'usage-error', message: 'no folder or file to grade' };
  if (live && positionals.length > 0)
    return { kind: 'usage-error', message: `grade files or a cluster, not both: --context given with ${positionals.join(' ')}` };
  if (allContexts && contexts.length > 0) return { kind: 'usage-error', message: '--all-contexts grades every context; drop --context' };
  if (!live && positionals.length === 0) return { kind: 'usage-error', message: 'no folder or file to grade' };
  // The original form grades one target, so a stray word is not taken for a second folder.
  if (!audit && positionals.length > 1)
    return { kind: 'usage-error', message: `one folder or file at a time; also given: ${positionals.slice(1).join(' ')}` };
  if (values.config !== undefined && values.config.trim() === '') return { kind: 'usage-error', message: '--config needs a file' };

  // Pair each --output with the --format just before it, in the order they were written.
  const outputs: OutputTarget[] = [];
  let pending: Format | undefined;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') {
      const value = token.value ?? '';
      if (!isFormat(value))
        return { kind: 'usage-error', message: `unknown --format ${JSON.stringify(value)}: one of ${FORMATS.join(', ')}` };
      if (pending) outputs.push({ format: pending });
      pending = value;
    } else if (token.name === 'output') {
      const file = token.value ?? '';
      if (file.trim() === '') return { kind: 'usage-error', message: '--output needs a file' };
      const format = pending ?? EXTENSIONS.find(([pattern]) => pattern.test(file))?.[1];
      if (!format)
        return {
          kind: 'usage-error',
          message: `cannot tell the format of --output ${file} from its extension (.sarif, .xml, .md, .json, .txt): put --format before it`,
        };
      outputs.push({ format, file });
      pending = undefined;
    }
  }
  if (pending) outputs.push({ format: pending });
  if (values.json) outputs.push({ format: 'legacy-json' });
  const toStdout = outputs.filter((output) => output.file === undefined);
  if (toStdout.length > 1)
    return {
      kind: 'usage-error',
      message: `only one report can go to stdout; give --output FILE for the others (${toStdout.map((output) => output.format).join(', ')})`,
    };
  const files = outputs.flatMap((output) => (output.file ? [output.file] : []));
  const twice = files.find((file, index) => files.indexOf(file) !== index);
  if (twice) return { kind: 'usage-error', message: `--output ${twice} is given twice` };
  if (toStdout.length === 0) outputs.unshift({ format: 'text' });

  const failOn = values['fail-on'] ?? 'blocking';
  if (failOn !== 'blocking' && failOn !== 'fail' && failOn !== 'warn')
    return { kind: 'usage-error', message: `unknown --fail-on ${JSON.stringify(failOn)}: one of blocking, fail, warn` };
  let minScore: number | undefined;
  if (values['min-score'] !== undefined) {
    minScore = Number(values['min-score']);
    if (values['min-score'].trim() === '' || !Number.isFinite(minScore) || minScore < 0 || minScore > 100)
      return { kind: 'usage-error', message: `--min-score takes a number from 0 to 100, not ${JSON.stringify(values['min-score'])}` };
  }
  if (values.baseline !== undefined && values.baseline.trim() === '') return { kind: 'usage-error', message: '--baseline needs a file' };
  const namespaces = values.namespace ?? [];
  if (namespaces.some((name) => name.trim() === '')) return { kind: 'usage-error', message: '--namespace needs a name' };

  return {
    kind: 'run',
    args: {
      targets: positionals,
      contexts,
      allContexts,
      outputs,
      namespaces,
      ...(values.config !== undefined ? { config: values.config } : {}),
      failOn,
      ...(minScore !== undefined ? { minScore } : {}),
      ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
      failOnPartial: values['fail-on-partial'] ?? false,
    },
  };
}

function parseWithTokens(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      format: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o', multiple: true },
      namespace: { type: 'string', short: 'n', multiple: true },
      context: { type: 'string', multiple: true },
      'all-contexts': { type: 'boolean' },
      'fail-on': { type: 'string' },
      'min-score': { type: 'string' },
      baseline: { type: 'string' },
      'fail-on-partial': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
}
