import 'server-only';
/**
 * Which cluster contexts the dashboard offers, and the source behind each: every context of
 * the kubeconfig (KUBECONFIG, ~/.kube/config, or the in-cluster service account), a snapshot
 * folder when SHIPSHAPE_SNAPSHOT names one, and the bundled demo, which is always there.
 */
import path from 'node:path';
import type { ClusterSource, ContextInfo, LoadResult } from './cluster-source';
import { type KubeconfigProblem, loadKubeconfig } from './live/kubeconfig';
import { createLiveSource } from './live/live-source';
import { createSnapshotSource } from './snapshot-source';

export const DEMO_CONTEXT = 'demo';
const SNAPSHOT_CONTEXT = 'snapshot';

/** Where the bundled demo cluster's manifests live. */
export const DEMO_MANIFESTS_DIR = path.join(process.cwd(), 'lib', 'demo', 'manifests');

interface Registry {
  sources: Map<string, ClusterSource>;
  /** The kubeconfig's current context, opened when no context is named. */
  preferred: string | undefined;
  problems: KubeconfigProblem[];
}

let registry: Registry | undefined;

function buildRegistry(): Registry {
  const sources = new Map<string, ClusterSource>();
  const reserved = new Set([DEMO_CONTEXT, SNAPSHOT_CONTEXT]);
  const kubeconfig = loadKubeconfig();
  let preferred: string | undefined;
  for (const context of kubeconfig.config.getContexts()) {
    // A kubeconfig context may not take the demo's or the snapshot's name in URLs.
    const name = reserved.has(context.name) ? `kubeconfig:${context.name}` : context.name;
    const info: ContextInfo = { name, kind: 'live', label: context.name };
    sources.set(name, createLiveSource(info, kubeconfig.config, context.name));
    if (context.name === kubeconfig.currentContext) preferred = name;
  }
  const snapshot = process.env.SHIPSHAPE_SNAPSHOT;
  if (snapshot) {
    const info: ContextInfo = { name: SNAPSHOT_CONTEXT, kind: 'snapshot', label: `Snapshot ${path.basename(snapshot)}` };
    sources.set(info.name, createSnapshotSource(info, path.resolve(snapshot)));
  }
  const demo: ContextInfo = { name: DEMO_CONTEXT, kind: 'demo', label: 'Kestrel Freight (demo)' };
  sources.set(demo.name, createSnapshotSource(demo, DEMO_MANIFESTS_DIR));
  return { sources, preferred, problems: kubeconfig.problems };
}

function currentRegistry(): Registry {
  registry ??= buildRegistry();
  return registry;
}

export function listContexts(): ContextInfo[] {
  return [...currentRegistry().sources.values()].map((source) => source.info);
}

/** Kubeconfig files that could not be read, by file name and cause. */
export function kubeconfigProblems(): KubeconfigProblem[] {
  return currentRegistry().problems;
}

/** The context to open when none is named: the kubeconfig's current context, else the first live one, else the demo. */
export function defaultContext(): string {
  const { preferred } = currentRegistry();
  if (preferred) return preferred;
  return listContexts()[0]?.name ?? DEMO_CONTEXT;
}

export async function loadContext(name: string, options?: { fresh?: boolean }): Promise<LoadResult> {
  const source = currentRegistry().sources.get(name);
  if (!source) {
    return { ok: false, context: undefined, error: { kind: 'unknown-context', message: `There is no cluster context named “${name}”.` } };
  }
  return source.load(options);
}
