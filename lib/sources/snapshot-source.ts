import 'server-only';
/**
 * A cluster read from YAML files on disk: the bundled demo, or a folder named by
 * SHIPSHAPE_SNAPSHOT. Graded once and kept; files are re-read on `fresh`.
 */
import path from 'node:path';
import { buildInventory } from '../inventory';
import { loadSnapshot } from '../snapshot/load-snapshot';
import { type ClusterSource, type ContextInfo, cachedLoader, gradeInventory, type LoadResult } from './cluster-source';

export function createSnapshotSource(info: ContextInfo, target: string): ClusterSource {
  const read = async (): Promise<LoadResult> => {
    try {
      const parsed = await loadSnapshot(target);
      if (parsed.objects.length === 0 && parsed.errors.length > 0) {
        const first = parsed.errors[0];
        return {
          ok: false,
          context: info,
          error: { kind: 'malformed-snapshot', message: `No objects could be read: ${first?.file}: ${first?.message}` },
        };
      }
      const cluster = await gradeInventory(info, buildInventory(parsed.objects), {
        manifestErrors: parsed.errors,
        ignoredKinds: parsed.ignoredKinds,
        hiddenNamespaces: [],
      });
      return { ok: true, cluster };
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
  // Files change only when someone edits them: kept until a re-run.
  return { info, load: cachedLoader(read, Number.POSITIVE_INFINITY) };
}
