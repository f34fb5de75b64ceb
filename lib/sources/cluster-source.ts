import 'server-only';
/**
 * The seam between the dashboard and where cluster data comes from: the bundled demo, a
 * snapshot folder, or a live cluster through a kubeconfig context. Every source
 * produces the same `LoadedCluster`, so pages never know which one they are showing.
 */
import { type ClusterReport, evaluateCluster, type GradeOptions } from '../checks/evaluate';
import type { Inventory } from '../inventory';
import type { ManifestError } from '../snapshot/parse-manifests';
import { type LoadedConfig, loadShipshapeConfig } from './config-loader';
import type { SourceError } from './source-error';

export type SourceKind = 'demo' | 'snapshot' | 'live';

export interface ContextInfo {
  /** The context name, as it appears in URLs (`/c/<name>/…`). */
  name: string;
  kind: SourceKind;
  /** What people see, e.g. "Kestrel Freight (demo)". */
  label: string;
}

export interface LoadedCluster {
  context: ContextInfo;
  inventory: Inventory;
  report: ClusterReport;
  /** When the data was read and graded (ISO 8601). */
  evaluatedAt: string;
  /** Problems in the input that did not stop the rest (malformed files, …). */
  manifestErrors: ManifestError[];
  /** Objects of kinds Shipshape does not read, by kind. */
  ignoredKinds: Record<string, number>;
  /** Namespaces that exist but in which nothing could be read (live contexts with partial rights). */
  hiddenNamespaces: string[];
  /** The configuration file the report was graded with (or why the defaults were used). */
  config?: LoadedConfig;
}

export type LoadResult = { ok: true; cluster: LoadedCluster } | { ok: false; context: ContextInfo | undefined; error: SourceError };

export interface ClusterSource {
  info: ContextInfo;
  /** Read and grade. `fresh` skips any cache. */
  load(options?: { fresh?: boolean }): Promise<LoadResult>;
}

/** Grade an inventory with the dashboard's configuration file: the last step of every source. */
export async function gradeInventory(
  context: ContextInfo,
  inventory: Inventory,
  input: Pick<LoadedCluster, 'manifestErrors' | 'ignoredKinds' | 'hiddenNamespaces'>,
  /** The live API server's version, the target for API versions unless the configuration names one. */
  serverVersion?: string,
): Promise<LoadedCluster> {
  const config = await loadShipshapeConfig();
  const options: GradeOptions = { config: config.config, hiddenNamespaces: input.hiddenNamespaces };
  if (serverVersion) options.serverVersion = serverVersion;
  return {
    context,
    inventory,
    report: evaluateCluster(inventory, options),
    config,
    evaluatedAt: new Date().toISOString(),
    ...input,
  };
}

/**
 * Reads shared and kept for `maxAgeMs`. A read in flight is joined, even by a `fresh` request
 * (a layout and its page asking in the same request then cost one read, not two); failures are
 * never kept, so the next request after an outage or a fixed file tries again.
 */
export function cachedLoader(read: () => Promise<LoadResult>, maxAgeMs: number): ClusterSource['load'] {
  let entry: { at: number; result: Promise<LoadResult>; settled: boolean } | undefined;
  return ({ fresh = false } = {}) => {
    const now = Date.now();
    if (entry && (!entry.settled || (!fresh && now - entry.at < maxAgeMs))) return entry.result;
    const current = { at: now, result: read(), settled: false };
    entry = current;
    void current.result.then((outcome) => {
      current.settled = true;
      if (!outcome.ok && entry === current) entry = undefined;
    });
    return current.result;
  };
}
