import 'server-only';
/**
 * A cluster read from YAML files on disk: the bundled demo, or a folder named by
 * SHIPSHAPE_SNAPSHOT. Graded once and cached; files are re-read on `fresh`.
 */
import path from 'node:path';
import { evaluateCluster } from '../checks/evaluate';
import { buildInventory } from '../inventory';
import { loadSnapshot } from '../snapshot/load-snapshot';
import type { ClusterSource, ContextInfo, LoadResult } from './cluster-source';
import { loadShipshapeConfig } from './config-loader';

export function createSnapshotSource(info: ContextInfo, target: string): ClusterSource {
  let cached: Promise<LoadResult> | undefined;
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
      const inventory = buildInventory(parsed.objects);
      const config = await loadShipshapeConfig();
      return {
        ok: true,
        cluster: {
          context: info,
          inventory,
          report: evaluateCluster(inventory, { config: config.config }),
          config,
          evaluatedAt: new Date().toISOString(),
          manifestErrors: parsed.errors,
          ignoredKinds: parsed.ignoredKinds,
          hiddenNamespaces: [],
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const where = path.basename(target);
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
  return {
    info,
    load({ fresh = false } = {}) {
      if (!cached || fresh) cached = read();
      return cached;
    },
  };
}
