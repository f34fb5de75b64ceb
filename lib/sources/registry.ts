import 'server-only';
/**
 * Which cluster contexts the dashboard offers, and the source behind each. The demo is
 * always there; SHIPSHAPE_SNAPSHOT adds a snapshot folder; live kubeconfig contexts plug in here.
 */
import path from 'node:path';
import type { ClusterSource, ContextInfo, LoadResult } from './cluster-source';
import { createSnapshotSource } from './snapshot-source';

export const DEMO_CONTEXT = 'demo';

/** Where the bundled demo cluster's manifests live. */
export const DEMO_MANIFESTS_DIR = path.join(process.cwd(), 'lib', 'demo', 'manifests');

let sources: Map<string, ClusterSource> | undefined;

function buildSources(): Map<string, ClusterSource> {
  const map = new Map<string, ClusterSource>();
  const demo: ContextInfo = { name: DEMO_CONTEXT, kind: 'demo', label: 'Kestrel Freight (demo)' };
  map.set(demo.name, createSnapshotSource(demo, DEMO_MANIFESTS_DIR));
  const snapshot = process.env.SHIPSHAPE_SNAPSHOT;
  if (snapshot) {
    const info: ContextInfo = { name: 'snapshot', kind: 'snapshot', label: `Snapshot ${path.basename(snapshot)}` };
    map.set(info.name, createSnapshotSource(info, path.resolve(snapshot)));
  }
  return map;
}

function allSources(): Map<string, ClusterSource> {
  sources ??= buildSources();
  return sources;
}

export function listContexts(): ContextInfo[] {
  return [...allSources().values()].map((source) => source.info);
}

/** The context to open when none is named. */
export function defaultContext(): string {
  return listContexts()[0]?.name ?? DEMO_CONTEXT;
}

export async function loadContext(name: string, options?: { fresh?: boolean }): Promise<LoadResult> {
  const source = allSources().get(name);
  if (!source) {
    return { ok: false, context: undefined, error: { kind: 'unknown-context', message: `There is no cluster context named “${name}”.` } };
  }
  return source.load(options);
}
