import 'server-only';
/**
 * The seam between the dashboard and where cluster data comes from: the bundled demo, a
 * snapshot folder, or a live cluster through a kubeconfig context. Every source
 * produces the same `LoadedCluster`, so pages never know which one they are showing.
 */
import type { ClusterReport } from '../checks/evaluate';
import type { AccessGap, Inventory } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import type { ManifestError } from '../snapshot/parse-manifests';
import { type LoadedConfig, loadShipshapeConfig } from './config-loader';
import { GradingWorkerError, gradingPool } from './grading-worker/grading-pool';
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

/** What a source hands over to be graded: the objects it read (live), or the folder to read (snapshot). */
export type GradingInput =
  | { from: 'objects'; objects: readonly KubeObject[]; accessGaps: readonly AccessGap[]; hiddenNamespaces: string[] }
  | { from: 'snapshot'; target: string };

/**
 * Build the inventory and grade it with the dashboard's configuration file, on the grading
 * worker (reading and parsing a snapshot too), so the request thread stays free for other
 * contexts: the last step of every source. A crash of the worker is an `internal` error for this
 * read; errors of the read itself (a missing folder, say) are thrown with their `code`.
 */
export async function gradeInventory(
  context: ContextInfo,
  input: GradingInput,
  options: { signal?: AbortSignal } = {},
): Promise<LoadResult> {
  const config = await loadShipshapeConfig();
  const job =
    input.from === 'objects'
      ? { kind: 'objects' as const, objects: input.objects, accessGaps: input.accessGaps, config: config.config }
      : { kind: 'snapshot' as const, target: input.target, config: config.config };
  try {
    const { output } = await gradingPool().run(job, options);
    const cluster: LoadedCluster = {
      context,
      inventory: output.inventory,
      report: output.report,
      config,
      evaluatedAt: new Date().toISOString(),
      manifestErrors: output.manifestErrors,
      ignoredKinds: output.ignoredKinds,
      hiddenNamespaces: input.from === 'objects' ? input.hiddenNamespaces : [],
    };
    return { ok: true, cluster };
  } catch (error) {
    if (!(error instanceof GradingWorkerError)) throw error;
    console.error(`shipshape: grading context ${context.name} failed: ${error.message}`);
    return {
      ok: false,
      context,
      error: {
        kind: 'internal',
        message: `Grading ${context.label} stopped: ${error.message}`,
        hint: 'Re-run; if it happens again, the server log says more (a very large input can exhaust the worker’s memory).',
      },
    };
  }
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
