/**
 * The CPU-heavy part of a read, as one job: for a snapshot, reading, parsing and grading its
 * folder; for a live cluster, building the inventory from the objects read and grading it. Runs
 * on the grading worker (worker.ts), so it imports only pure modules and never `server-only`
 * ones; jobs and their outputs cross the thread boundary by structured clone (plain data and
 * Maps, no functions).
 */
import type { ShipshapeConfig } from '../../checks/config/parse';
import { type ClusterReport, evaluateCluster, type GradeOptions } from '../../checks/evaluate';
import { type AccessGap, buildInventory, type Inventory, type InventoryOrigin } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { loadReviewFolder } from '../../review/review-folder';
import { loadSnapshot, type SnapshotLimits } from '../../snapshot/load-snapshot';
import type { ManifestError } from '../../snapshot/parse-manifests';

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
    };

export interface GradingOutput {
  inventory: Inventory;
  report: ClusterReport;
  manifestErrors: ManifestError[];
  ignoredKinds: Record<string, number>;
}

/** Thrown between steps when nobody waits for the job any more. */
export class GradingAbortedError extends Error {
  constructor() {
    super('The grading job was aborted.');
    this.name = 'AbortError';
  }
}

/** Run one job where it is called: on the worker, or in-thread when the worker cannot start. */
export async function runGradingJob(job: GradingJob, isAborted: () => boolean = () => false): Promise<GradingOutput> {
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
  const inventory = buildInventory([...parsed.objects, ...reviews.objects]);
  if (isAborted()) throw new GradingAbortedError();
  return {
    inventory,
    report: evaluateCluster(inventory, { config: job.config }),
    manifestErrors: [...parsed.errors, ...reviews.errors],
    ignoredKinds: parsed.ignoredKinds,
  };
}
