import 'server-only';
/**
 * A cluster read from YAML files on disk: the bundled demo, or a folder named by
 * SHIPSHAPE_SNAPSHOT. Graded once and kept; files are re-read on `fresh`.
 */
import path from 'node:path';
import type { Inventory } from '../inventory';
import { createFileReviewStore } from '../review/file-store';
import { type ClusterSource, type ContextInfo, cachedLoader, gradeInventory, type LoadResult } from './cluster-source';

/** No object at all was read (an inventory holds a namespace or a cluster-scoped object for each). */
function isEmpty(inventory: Inventory): boolean {
  return inventory.namespaces.size === 0 && inventory.clusterScoped.size === 0;
}

export interface SnapshotSourceOptions {
  /** The review folder (lib/review/review-folder.ts): read with the snapshot, and where sign-offs are written. */
  reviewDir?: string;
  /** Refuse sign-offs (isReadOnly). */
  readOnly?: boolean;
}

export function createSnapshotSource(info: ContextInfo, target: string, options: SnapshotSourceOptions = {}): ClusterSource {
  const { reviewDir } = options;
  const read = async (signal?: AbortSignal): Promise<LoadResult> => {
    try {
      // Read, parsed and graded on the grading worker, off the request thread.
      const input = reviewDir ? { from: 'snapshot' as const, target, reviewDir } : { from: 'snapshot' as const, target };
      const graded = await gradeInventory(info, input, signal ? { signal } : {});
      if (graded.ok && isEmpty(graded.cluster.inventory) && graded.cluster.manifestErrors.length > 0) {
        const first = graded.cluster.manifestErrors[0];
        return {
          ok: false,
          context: info,
          error: { kind: 'malformed-snapshot', message: `No objects could be read: ${first?.file}: ${first?.message}` },
        };
      }
      return graded;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const where = path.basename(target);
      // The error's class and code only: a message or stack could carry file content.
      if (code !== 'ENOENT') console.error(`shipshape: reading snapshot ${where} failed (${code ?? (error as Error)?.name ?? 'error'})`);
      return {
        ok: false,
        context: info,
        error: {
          kind: 'malformed-snapshot',
          message:
            code === 'ENOENT'
              ? `Snapshot path ${where} does not exist.`
              : code === 'EACCES'
                ? `Snapshot path ${where} is not readable.`
                : `Snapshot ${where} could not be read.`,
          hint: 'Check the SHIPSHAPE_SNAPSHOT setting.',
        },
      };
    }
  };
  // Files change only when someone edits them: kept until a re-run, or until a sign-off here adds a review.
  let load = cachedLoader(read, Number.POSITIVE_INFINITY);
  const source: ClusterSource = { info, load: (loadOptions) => load(loadOptions) };
  if (reviewDir) {
    const store = createFileReviewStore({ directory: reviewDir, readOnly: options.readOnly ?? true });
    source.reviews = {
      ...store,
      create: async (draft) => {
        const created = await store.create(draft);
        // The new review's accepted risks are waivers: the next page grades the snapshot again.
        if (created.ok) load = cachedLoader(read, Number.POSITIVE_INFINITY);
        return created;
      },
    };
  }
  return source;
}
