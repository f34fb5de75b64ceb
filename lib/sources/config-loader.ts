import 'server-only';
/**
 * Where the configuration file comes from: the path in SHIPSHAPE_CONFIG, else
 * `shipshape.config.yaml` in the working directory, else the defaults. In a cluster the file is a
 * ConfigMap key mounted as a file, with SHIPSHAPE_CONFIG pointing at it. A missing, unreadable or
 * invalid file never stops the dashboard: it grades with the defaults and the pages show why.
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

/** `defaults`: no file; `file`: a valid file is applied; `invalid`: the file has errors and the defaults are used. */
export type ConfigState = 'defaults' | 'file' | 'invalid';

export interface LoadedConfig {
  state: ConfigState;
  /** What grading uses: the file's configuration, or the defaults. */
  config: ShipshapeConfig;
  /** The file's name (not its full path, which is the server's business); unset when there is none. */
  file?: string;
  errors: ConfigError[];
}

export const CONFIG_ENV = 'SHIPSHAPE_CONFIG';

/** Read and validate the configuration file. Never throws. */
export async function loadShipshapeConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Promise<LoadedConfig> {
  const named = env[CONFIG_ENV]?.trim();
  const target = path.resolve(cwd, named || DEFAULT_CONFIG_FILE_NAME);
  const file = path.basename(target);
  const invalid = (message: string): LoadedConfig => ({
    state: 'invalid',
    config: DEFAULT_SHIPSHAPE_CONFIG,
    file,
    errors: [{ path: '(file)', message }],
  });
  let text: string;
  try {
    // The file is named at run time (SHIPSHAPE_CONFIG); nothing to trace into the build.
    // Size and type come first, so a 200 MB file or a FIFO is refused without being read (review L6).
    const info = await stat(/*turbopackIgnore: true*/ target);
    if (info.isDirectory()) return invalid(`${CONFIG_ENV} names a directory, not a file`);
    if (!info.isFile()) return invalid(`${file} is not a regular file`);
    if (info.size > MAX_CONFIG_BYTES) return invalid(`the file is larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
    const bytes = await readFile(/*turbopackIgnore: true*/ target);
    if (bytes.length > MAX_CONFIG_BYTES) return invalid(`the file is larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Without SHIPSHAPE_CONFIG, no file simply means the defaults.
    if (!named && code === 'ENOENT') return { state: 'defaults', config: DEFAULT_SHIPSHAPE_CONFIG, errors: [] };
    if (code === 'ENOENT') return invalid(`${CONFIG_ENV} names ${file}, which does not exist`);
    if (code === 'EACCES') return invalid(`${file} is not readable by the Shipshape process`);
    if (code === 'EISDIR') return invalid(`${CONFIG_ENV} names a directory, not a file`);
    return invalid(`${file} could not be read (${code ?? 'unknown error'})`);
  }
  const parsed = parseConfigFile(text, CATALOG_CHECK_IDS, file);
  if (parsed.errors.length > 0) return { state: 'invalid', config: parsed.config, file, errors: parsed.errors };
  return { state: 'file', config: parsed.config, file, errors: [] };
}
