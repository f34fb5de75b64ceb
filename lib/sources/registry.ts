import 'server-only';
/**
 * Which cluster contexts the dashboard offers, and the source behind each: every context of
 * the kubeconfig (KUBECONFIG, ~/.kube/config, or the in-cluster service account), a snapshot
 * folder when SHIPSHAPE_SNAPSHOT names one, and the bundled demo, which is always there.
 */
import path from 'node:path';
import { isReadOnly, reviewFolderFor } from '../review/review-folder';
import type { ReviewStore } from '../review/types';
import type { ClusterSource, ContextInfo, LoadOptions, LoadResult } from './cluster-source';
import type { KubeconfigProblem } from './live/kubeconfig';
import { kubeconfigMayExist } from './live/kubeconfig-paths';
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

/**
 * Pages and route handlers are separate bundles, each with its own copy of this module: the
 * registry lives on globalThis so that they share one cache and one in-flight read per context.
 */
const REGISTRY_KEY = Symbol.for('shipshape.registry');
type RegistryHolder = { [REGISTRY_KEY]?: Promise<Registry> };

/** The live contexts, loading client-node only when there may be a kubeconfig to read. */
async function liveSources(reserved: Set<string>): Promise<Pick<Registry, 'preferred' | 'problems'> & { sources: ClusterSource[] }> {
  if (!kubeconfigMayExist()) return { sources: [], preferred: undefined, problems: [] };
  let modules: [typeof import('./live/kubeconfig'), typeof import('./live/live-source'), typeof import('./live/watch-cache')];
  try {
    modules = await Promise.all([import('./live/kubeconfig'), import('./live/live-source'), import('./live/watch-cache')]);
  } catch (error) {
    // The demo and snapshots still work without the live source (an old Node, a broken install).
    console.error(`shipshape: the live source could not be loaded (${error instanceof Error ? error.name : typeof error})`);
    return {
      sources: [],
      preferred: undefined,
      problems: [{ file: 'kubeconfig', message: 'the Kubernetes client could not be loaded, so no live context is offered' }],
    };
  }
  const [{ loadKubeconfig }, { createLiveSource }, { createWatchedLiveSource, liveWatchEnabled }] = modules;
  // Watched by default: pages are served from memory and never wait on a re-list (SHIPSHAPE_LIVE_WATCH=0: periodic reads).
  const watched = liveWatchEnabled();
  const kubeconfig = loadKubeconfig();
  const sources: ClusterSource[] = [];
  let preferred: string | undefined;
  for (const context of kubeconfig.config.getContexts()) {
    // A kubeconfig context may not take the demo's or the snapshot's name in URLs.
    const name = reserved.has(context.name) ? `kubeconfig:${context.name}` : context.name;
    const info: ContextInfo = { name, kind: 'live', label: context.name };
    sources.push(
      watched ? createWatchedLiveSource(info, kubeconfig.config, context.name) : createLiveSource(info, kubeconfig.config, context.name),
    );
    if (context.name === kubeconfig.currentContext) preferred = name;
  }
  return { sources, preferred, problems: kubeconfig.problems };
}

async function buildRegistry(): Promise<Registry> {
  const sources = new Map<string, ClusterSource>();
  const live = await liveSources(new Set([DEMO_CONTEXT, SNAPSHOT_CONTEXT]));
  for (const source of live.sources) sources.set(source.info.name, source);
  const snapshot = process.env.SHIPSHAPE_SNAPSHOT;
  if (snapshot) {
    const info: ContextInfo = { name: SNAPSHOT_CONTEXT, kind: 'snapshot', label: `Snapshot ${path.basename(snapshot)}` };
    const target = path.resolve(snapshot);
    sources.set(info.name, createSnapshotSource(info, target, { reviewDir: reviewFolderFor(target), readOnly: isReadOnly('snapshot') }));
  }
  const demo: ContextInfo = { name: DEMO_CONTEXT, kind: 'demo', label: 'Kestrel Freight (demo)' };
  // The demo's review folder is its own, beside its manifests (SHIPSHAPE_REVIEW_DIR is the snapshot's); read-only by default.
  sources.set(
    demo.name,
    createSnapshotSource(demo, DEMO_MANIFESTS_DIR, { reviewDir: `${DEMO_MANIFESTS_DIR}.reviews`, readOnly: isReadOnly('demo') }),
  );
  return { sources, preferred: live.preferred, problems: live.problems };
}

function currentRegistry(): Promise<Registry> {
  const holder = globalThis as RegistryHolder;
  holder[REGISTRY_KEY] ??= buildRegistry().catch((error: unknown) => {
    // Never keep a failed start: the next request tries again.
    delete holder[REGISTRY_KEY];
    throw error;
  });
  return holder[REGISTRY_KEY];
}

export async function listContexts(): Promise<ContextInfo[]> {
  return [...(await currentRegistry()).sources.values()].map((source) => source.info);
}

/** Kubeconfig files that could not be read, by file name and cause. */
export async function kubeconfigProblems(): Promise<KubeconfigProblem[]> {
  return (await currentRegistry()).problems;
}

/** The context to open when none is named: the kubeconfig's current context, else the first live one, else the demo. */
export async function defaultContext(): Promise<string> {
  const { preferred } = await currentRegistry();
  if (preferred) return preferred;
  return (await listContexts())[0]?.name ?? DEMO_CONTEXT;
}

/** The review store a source keeps (the snapshot's and the demo's review folder); undefined for live contexts and unknown names. */
export async function sourceReviewStore(name: string): Promise<ReviewStore | undefined> {
  return (await currentRegistry()).sources.get(name)?.reviews;
}

/** Read (or join the read of) one context. Requests with a `signal` stop waiting when they end. */
export async function loadContext(name: string, options?: LoadOptions): Promise<LoadResult> {
  const source = (await currentRegistry()).sources.get(name);
  if (!source) {
    return { ok: false, context: undefined, error: { kind: 'unknown-context', message: `There is no cluster context named “${name}”.` } };
  }
  return source.load(options);
}
