import 'server-only';
/**
 * The seam between the dashboard and where cluster data comes from: the bundled demo, a
 * snapshot folder, or a live cluster through a kubeconfig context. Every source
 * produces the same `LoadedCluster`, so pages never know which one they are showing.
 */
import { z } from 'zod';
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

/** What became of a request for a fresh read (`fresh: true`). */
export interface RerunOutcome {
  /** False when the last read finished less than the minimum interval ago: the result is the current one. */
  accepted: boolean;
  /** When the next fresh read will be accepted (ISO 8601). */
  nextAllowedAt: string;
}

export type LoadResult = ({ ok: true; cluster: LoadedCluster } | { ok: false; context: ContextInfo | undefined; error: SourceError }) & {
  /** Present on answers to a fresh request only. */
  rerun?: RerunOutcome;
};

export interface LoadOptions {
  /** Skip the cache, unless the last read finished less than the minimum re-run interval ago. */
  fresh?: boolean;
  /** The request asking; when every request waiting for a read has gone, the read is aborted. */
  signal?: AbortSignal;
}

export interface ClusterSource {
  info: ContextInfo;
  load(options?: LoadOptions): Promise<LoadResult>;
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

const DEFAULT_RERUN_MIN_INTERVAL_SECONDS = 10;
const RerunIntervalSeconds = z.coerce.number().int().min(0).max(86_400);
let warnedAboutInterval = false;

/** SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS in milliseconds; a bad value is named once in the log and the default used. */
export function rerunMinIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const text = env.SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS?.trim();
  if (!text) return DEFAULT_RERUN_MIN_INTERVAL_SECONDS * 1000;
  const parsed = RerunIntervalSeconds.safeParse(text);
  if (parsed.success) return parsed.data * 1000;
  if (!warnedAboutInterval) {
    warnedAboutInterval = true;
    console.warn(
      `shipshape: SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS=${JSON.stringify(text.slice(0, 40))} is not a whole number of seconds from 0 to 86400; using ${DEFAULT_RERUN_MIN_INTERVAL_SECONDS}.`,
    );
  }
  return DEFAULT_RERUN_MIN_INTERVAL_SECONDS * 1000;
}

interface CacheEntry {
  result: Promise<LoadResult>;
  /** When the read finished; undefined while it is in flight. */
  settledAt: number | undefined;
  controller: AbortController;
  /** Requests still waiting for this read; one without a signal never leaves. */
  waiters: number;
}

/**
 * Reads shared and kept for `maxAgeMs`. A read in flight is joined, even by a `fresh` request
 * (a layout and its page asking in the same request then cost one read, not two); failures are
 * never kept, so the next request after an outage or a fixed file tries again. A fresh request
 * within `minRerunIntervalMs` of the last good read gets that read back, marked refused, so
 * re-runs cannot be used to hammer an API server or the CPU. The read's signal aborts when every
 * request waiting for it has gone, so abandoned page loads stop costing LIST calls.
 */
export function cachedLoader(
  read: (signal: AbortSignal) => Promise<LoadResult>,
  maxAgeMs: number,
  { minRerunIntervalMs = rerunMinIntervalMs() }: { minRerunIntervalMs?: number } = {},
): ClusterSource['load'] {
  let entry: CacheEntry | undefined;

  const join = (current: CacheEntry, signal: AbortSignal | undefined) => {
    current.waiters += 1;
    if (!signal) return;
    const leave = () => {
      current.waiters -= 1;
      if (current.waiters > 0 || current.settledAt !== undefined) return;
      current.controller.abort(new Error('every request waiting for this read has gone'));
      // The next request starts its own read instead of joining one that is being torn down.
      if (entry === current) entry = undefined;
    };
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
  };

  const withOutcome = (current: CacheEntry, accepted: boolean): Promise<LoadResult> =>
    current.result.then((outcome) => ({
      ...outcome,
      rerun: { accepted, nextAllowedAt: new Date((current.settledAt ?? Date.now()) + minRerunIntervalMs).toISOString() },
    }));

  return ({ fresh = false, signal } = {}) => {
    if (entry && entry.settledAt === undefined) {
      join(entry, signal);
      return fresh ? withOutcome(entry, true) : entry.result;
    }
    if (entry?.settledAt !== undefined) {
      const age = Date.now() - entry.settledAt;
      if (!fresh && age < maxAgeMs) return entry.result;
      if (fresh && age < minRerunIntervalMs) return withOutcome(entry, false);
    }
    const controller = new AbortController();
    // A read that throws, even before its first await, becomes a result like any other failure.
    const started = new Promise<LoadResult>((resolve) => resolve(read(controller.signal))).catch((error: unknown): LoadResult => {
      // Sources turn their own failures into results; this is the net under a bug, never shown raw.
      console.error(`shipshape: a read failed unexpectedly (${error instanceof Error ? error.name : typeof error})`);
      return { ok: false, context: undefined, error: { kind: 'internal', message: 'Reading the cluster failed unexpectedly.' } };
    });
    const current: CacheEntry = {
      result: started.then((outcome) => {
        current.settledAt = Date.now();
        if (!outcome.ok && entry === current) entry = undefined;
        return outcome;
      }),
      settledAt: undefined,
      controller,
      waiters: 0,
    };
    entry = current;
    join(current, signal);
    return fresh ? withOutcome(current, true) : current.result;
  };
}
