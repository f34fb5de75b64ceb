/**
 * The one way to find and read the configuration file, shared by the dashboard and the CLI:
 * the file named on the command line (`--config`, CLI only), else the path in SHIPSHAPE_CONFIG,
 * else `shipshape.config.yaml` in the working directory, else the defaults. A file that is named
 * must exist; only the default file may be absent.
 *
 * The two callers differ in what an unusable file means, and `strict` says which one is asking:
 * the dashboard (lenient) grades with the defaults and shows why, the CLI (strict) gets no
 * configuration at all, so a pipeline cannot pass on settings nobody asked for.
 *
 * Not `server-only`: the CLI runs this under plain Node. It returns nothing secret, only the
 * configuration and the file's name.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CATALOG_CHECK_IDS } from '../checks/catalog';
import {
  type ConfigError,
  DEFAULT_CONFIG_FILE_NAME,
  DEFAULT_SHIPSHAPE_CONFIG,
  MAX_CONFIG_BYTES,
  parseConfigFile,
  type ShipshapeConfig,
} from '../checks/config/parse';

export const CONFIG_ENV = 'SHIPSHAPE_CONFIG';

/** `defaults`: no file; `file`: a valid file is applied; `invalid`: the file cannot be used. */
export type ConfigState = 'defaults' | 'file' | 'invalid';

/** The lenient answer: always a configuration to grade with (the defaults when the file is unusable). */
export interface LoadedConfig {
  state: ConfigState;
  /** What grading uses: the file's configuration, or the defaults. */
  config: ShipshapeConfig;
  /** The file's name (not its full path, which is the server's business); unset when there is none. */
  file?: string;
  errors: ConfigError[];
}

/** The strict answer: a configuration only when the file (if any) is usable. */
export type StrictConfig =
  | { state: 'defaults' | 'file'; config: ShipshapeConfig; file?: string; location?: string; errors: [] }
  | { state: 'invalid'; file: string; location: string; errors: ConfigError[] };

export interface FindConfigOptions {
  /** A file named on the command line; it outranks SHIPSHAPE_CONFIG. */
  named?: string;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** An I/O-level problem with the file as a whole, rather than with one of its fields. */
export const WHOLE_FILE = '(file)';

export function findConfigFile(options: FindConfigOptions & { strict: true }): Promise<StrictConfig>;
export function findConfigFile(options?: FindConfigOptions & { strict?: false }): Promise<LoadedConfig>;
export async function findConfigFile(options: FindConfigOptions & { strict?: boolean } = {}): Promise<LoadedConfig | StrictConfig> {
  const { loaded, location } = await readConfig(options);
  if (!options.strict) return loaded;
  if (loaded.state === 'invalid') return { state: 'invalid', file: loaded.file ?? location, location, errors: loaded.errors };
  if (loaded.state === 'defaults') return { state: 'defaults', config: loaded.config, errors: [] };
  return { state: 'file', config: loaded.config, file: loaded.file, location, errors: [] };
}

/** Never throws: every problem is a `(file)` error naming the file and the cause. */
async function readConfig(options: FindConfigOptions): Promise<{ loaded: LoadedConfig; location: string }> {
  const env = options.env ?? process.env;
  const fromFlag = options.named?.trim();
  const fromEnv = env[CONFIG_ENV]?.trim();
  const named = fromFlag || fromEnv;
  // Who named the file, so a message about it points at the right knob.
  const namer = fromFlag ? '--config' : CONFIG_ENV;
  /** The path as the user wrote it, for the CLI's messages and its report. */
  const location = named || DEFAULT_CONFIG_FILE_NAME;
  const target = path.resolve(options.cwd ?? process.cwd(), location);
  const file = path.basename(target);
  const invalid = (message: string) => ({
    loaded: { state: 'invalid' as const, config: DEFAULT_SHIPSHAPE_CONFIG, file, errors: [{ path: WHOLE_FILE, message }] },
    location,
  });
  let text: string;
  try {
    // The file is named at run time (SHIPSHAPE_CONFIG); nothing to trace into the build.
    // Size and type come first, so a 200 MB file or a FIFO is refused without being read (review L6).
    const info = await stat(/*turbopackIgnore: true*/ target);
    if (info.isDirectory()) return invalid(`${namer} names a directory, not a file`);
    if (!info.isFile()) return invalid(`${file} is not a regular file`);
    if (info.size > MAX_CONFIG_BYTES) return invalid(`the file is larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
    const bytes = await readFile(/*turbopackIgnore: true*/ target);
    if (bytes.length > MAX_CONFIG_BYTES) return invalid(`the file is larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Without a named file, no file simply means the defaults.
    if (!named && code === 'ENOENT') return { loaded: { state: 'defaults', config: DEFAULT_SHIPSHAPE_CONFIG, errors: [] }, location };
    if (code === 'ENOENT') return invalid(`${namer} names ${file}, which does not exist`);
    if (code === 'EACCES') return invalid(`${file} is not readable by the Shipshape process`);
    if (code === 'EISDIR') return invalid(`${namer} names a directory, not a file`);
    return invalid(`${file} could not be read (${code ?? 'unknown error'})`);
  }
  const parsed = parseConfigFile(text, CATALOG_CHECK_IDS, file);
  if (parsed.errors.length > 0) return { loaded: { state: 'invalid', config: parsed.config, file, errors: parsed.errors }, location };
  return { loaded: { state: 'file', config: parsed.config, file, errors: [] }, location };
}
