import 'server-only';
/**
 * The dashboard's configuration: the file findConfigFile finds (SHIPSHAPE_CONFIG, else
 * `shipshape.config.yaml` in the working directory, else the defaults), read leniently. In a
 * cluster the file is a ConfigMap key mounted as a file, with SHIPSHAPE_CONFIG pointing at it. A
 * missing, unreadable or invalid file never stops the dashboard: it grades with the defaults and
 * the pages show why.
 */
import { findConfigFile, type LoadedConfig } from './find-config-file';

export { CONFIG_ENV, type ConfigState, type LoadedConfig } from './find-config-file';

/** Read and validate the configuration file. Never throws. */
export function loadShipshapeConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Promise<LoadedConfig> {
  return findConfigFile({ env, cwd });
}
