/**
 * The CLI's arguments, parsed by Node's standard parser (`node:util` parseArgs): one folder or
 * file, `--json`, `--config FILE`, `--help`. Anything else is a usage error, never ignored.
 */
import { parseArgs } from 'node:util';

export const USAGE = 'usage: shipshape <folder-or-file of Kubernetes YAML> [--json] [--config FILE]';

export interface CliArgs {
  target: string;
  json: boolean;
  config?: string;
}

export type ParsedArgs = { kind: 'run'; args: CliArgs } | { kind: 'help' } | { kind: 'usage-error'; message: string };

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let values: { json?: boolean; config?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    // parseArgs names the option: "Unknown option '--jsno'", "Option '--config <value>' argument missing".
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  const [target, ...extra] = positionals;
  if (!target) return { kind: 'usage-error', message: 'no folder or file to grade' };
  if (extra.length > 0) return { kind: 'usage-error', message: `one folder or file at a time; also given: ${extra.join(' ')}` };
  if (values.config !== undefined && values.config.trim() === '') return { kind: 'usage-error', message: '--config needs a file' };
  return { kind: 'run', args: { target, json: values.json ?? false, ...(values.config !== undefined ? { config: values.config } : {}) } };
}
