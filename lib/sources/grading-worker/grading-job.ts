/**
 * The CPU-heavy part of a read, as one job: for a snapshot, reading, parsing and grading its
 * folder; for a live cluster, building the inventory from the objects read and grading it. Runs
 * on the grading worker (worker.ts), so it imports only pure modules and never `server-only`
 * ones; jobs and their outputs cross the thread boundary by structured clone (plain data and
 * Maps, no functions).
 */
import type { ShipshapeConfig } from '../../checks/config/parse';
import { type ClusterReport, evaluateCluster, type GradeOptions, gradeNamespaces, type NamespaceReport } from '../../checks/evaluate';
import { type AccessGap, buildInventory, type Inventory, type InventoryOrigin } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { loadReviewFolder } from '../../review/review-folder';
import { loadSnapshot, type SnapshotLimits } from '../../snapshot/load-snapshot';
import { locationKey } from '../../snapshot/object-locations';
import { type ManifestError, type ManifestLocation, manifestLocationOf } from '../../snapshot/parse-manifests';

export type GradingJob =
  | {
      kind: 'objects';
      origin: InventoryOrigin;
      objects: readonly KubeObject[];
      accessGaps: readonly AccessGap[];
      hiddenNamespaces: readonly string[];
      manifestErrors: ManifestError[];
      serverVersion?: string;
      config: ShipshapeConfig;
    }
  /** `limits` come from the request thread's environment, the one the operator set (a worker's is a copy from its start). */
  | {
      kind: 'snapshot';
      target: string;
      limits?: SnapshotLimits;
      config: ShipshapeConfig;
      /** The snapshot's review folder (lib/review/review-folder.ts): its reviews' accepted risks are waivers. */
      reviewDir?: string;
    }
  /**
   * The watch cache's regrade: grade `namespaces` (every graded one when unset) of the inventory
   * these objects make. For a few namespaces, `objects` holds theirs plus what their checks read
   * elsewhere: cluster-scoped objects and every namespace's Secrets (a Secret of the same name in
   * another namespace changes a finding). The inventory itself stays on the request thread.
   */
  | RegradeJob;

export interface RegradeJob {
  kind: 'regrade';
  objects: readonly KubeObject[];
  accessGaps: readonly AccessGap[];
  hiddenNamespaces: readonly string[];
  serverVersion?: string;
  config: ShipshapeConfig;
  namespaces?: readonly string[];
  /** The clock waivers are judged by (ISO 8601); the present moment when unset, a fixed date in tests. */
  now?: string;
}

export interface RegradeOutput {
  reports: NamespaceReport[];
}

/** What a job of each kind hands back. */
export type OutputOf<Job extends GradingJob> = Job extends RegradeJob ? RegradeOutput : GradingOutput;

export interface GradingOutput {
  inventory: Inventory;
  report: ClusterReport;
  manifestErrors: ManifestError[];
  ignoredKinds: Record<string, number>;
  /**
   * Where each object of a snapshot is written, by locationKey: plain data, since the parser's
   * own table (a WeakMap on the objects) does not cross the thread boundary.
   */
  locations?: Record<string, ManifestLocation>;
}

/** Thrown between steps when nobody waits for the job any more. */
export class GradingAbortedError extends Error {
  constructor() {
    super('The grading job was aborted.');
    this.name = 'AbortError';
  }
}

/** Run one job where it is called: on the worker, or in-thread when the worker cannot start. */
export async function runGradingJob<Job extends GradingJob>(job: Job, isAborted?: () => boolean): Promise<OutputOf<Job>>;
export async function runGradingJob(job: GradingJob, isAborted: () => boolean = () => false): Promise<GradingOutput | RegradeOutput> {
  if (job.kind === 'regrade') {
    const inventory = buildInventory(job.objects, job.accessGaps, { origin: 'live' });
    if (isAborted()) throw new GradingAbortedError();
    const options: GradeOptions = { config: job.config, hiddenNamespaces: job.hiddenNamespaces };
    if (job.serverVersion) options.serverVersion = job.serverVersion;
    if (job.now) options.now = new Date(job.now);
    return { reports: gradeNamespaces(inventory, options, job.namespaces) };
  }
  if (job.kind === 'objects') {
    const inventory = buildInventory(job.objects, job.accessGaps, { origin: job.origin });
    if (isAborted()) throw new GradingAbortedError();
    const options: GradeOptions = { config: job.config, hiddenNamespaces: job.hiddenNamespaces };
    if (job.serverVersion) options.serverVersion = job.serverVersion;
    return { inventory, report: evaluateCluster(inventory, options), manifestErrors: job.manifestErrors, ignoredKinds: {} };
  }
  const parsed = await loadSnapshot(job.target, job.limits);
  if (isAborted()) throw new GradingAbortedError();
  const reviews = job.reviewDir ? await loadReviewFolder(job.reviewDir, job.limits) : { objects: [], errors: [] };
  if (isAborted()) throw new GradingAbortedError();
  const locations: Record<string, ManifestLocation> = Object.create(null);
  for (const object of parsed.objects) {
    const at = manifestLocationOf(object);
    if (at) locations[locationKey(object.kind, object.metadata.namespace, object.metadata.name)] = at;
  }
  const inventory = buildInventory([...parsed.objects, ...reviews.objects]);
  if (isAborted()) throw new GradingAbortedError();
  return {
    inventory,
    report: evaluateCluster(inventory, { config: job.config }),
    manifestErrors: [...parsed.errors, ...reviews.errors],
    ignoredKinds: parsed.ignoredKinds,
    locations,
  };
}
