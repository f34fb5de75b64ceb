import 'server-only';
import { z } from 'zod';
/**
 * The seam between the dashboard and where cluster data comes from: the bundled demo, a
 * snapshot folder, or a live cluster through a kubeconfig context. Every source
 * produces the same `LoadedCluster`, so pages never know which one they are showing.
 */
import type { ClusterReport } from '../checks/evaluate';
import type { AccessGap, Inventory, InventoryOrigin } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import type { ReviewStore } from '../review/types';
import { snapshotLimitsFromEnv } from '../snapshot/load-snapshot';
import type { ManifestError, ManifestLocation } from '../snapshot/parse-manifests';
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
  /** Where each object is written, by locationKey (snapshots only), so exports can point at the line. */
  locations?: Record<string, ManifestLocation>;
  /** Namespaces that exist but in which nothing could be read (live contexts with partial rights). */
  hiddenNamespaces: string[];
  /** The configuration file the report was graded with (or why the defaults were used). */
  config?: LoadedConfig;
  /**
   * Live contexts kept current by watches: how current the data is, and whether it is stale (a
   * watch broken or silent). `evaluatedAt` is then `asOf`: the moment up to which every kind is
   * known current. Absent for the demo, snapshots and one-off reads.
   */
  freshness?: Freshness;
}

/** How current a watched context's data is, as the pages show it. */
export interface Freshness {
  /** `watch`: kept current by watches; `poll`: read again in the background every interval. */
  mode: 'watch' | 'poll';
  /** Every kind is known current up to this moment (ISO 8601). */
  asOf: string;
  stale: boolean;
  /** Why it is stale, in words that name the lists. */
  staleReason?: string;
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
  /**
   * With `fresh`: Shipshape itself just wrote (a sign-off), so the read is taken even within the
   * minimum re-run interval. Only a successful write may ask, so it cannot be used to hammer a server.
   */
  afterWrite?: boolean;
  /** The request asking; when every request waiting for a read has gone, the read is aborted. */
  signal?: AbortSignal;
}

export interface ClusterSource {
  info: ContextInfo;
  load(options?: LoadOptions): Promise<LoadResult>;
  /** Where this context's go-live reviews live (lib/review); unset where none can be kept. */
  reviews?: ReviewStore;
  /** Stop what the source keeps running in the background (a live context's watches); the next load starts again. */
  stop?(): void;
}

/** What a source hands over to be graded: the objects it read (live), or the folder to read (snapshot). */
export type GradingInput =
  | {
      from: 'objects';
      origin: InventoryOrigin;
      objects: readonly KubeObject[];
      accessGaps: readonly AccessGap[];
      hiddenNamespaces: string[];
      /** Objects refused at admission, shown like a snapshot's bad objects. */
      manifestErrors: ManifestError[];
      /** The live API server's version, the target for API versions unless the configuration names one. */
      serverVersion?: string;
    }
  | { from: 'snapshot'; target: string; reviewDir?: string };

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
      ? {
          kind: 'objects' as const,
          origin: input.origin,
          objects: input.objects,
          accessGaps: input.accessGaps,
          hiddenNamespaces: input.hiddenNamespaces,
          manifestErrors: input.manifestErrors,
          ...(input.serverVersion ? { serverVersion: input.serverVersion } : {}),
          config: config.config,
        }
      : {
          kind: 'snapshot' as const,
          target: input.target,
          limits: snapshotLimitsFromEnv(),
          config: config.config,
          ...(input.reviewDir ? { reviewDir: input.reviewDir } : {}),
        };
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
      ...(output.locations ? { locations: output.locations } : {}),
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

  return ({ fresh = false, afterWrite = false, signal } = {}) => {
    if (entry && entry.settledAt === undefined) {
      join(entry, signal);
      return fresh ? withOutcome(entry, true) : entry.result;
    }
    if (entry?.settledAt !== undefined) {
      const age = Date.now() - entry.settledAt;
      if (!fresh && age < maxAgeMs) return entry.result;
      if (fresh && !afterWrite && age < minRerunIntervalMs) return withOutcome(entry, false);
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
