import 'server-only';
/**
 * Where one dashboard context's reviews live: a kubeconfig context keeps them as ReadinessReview
 * objects in the cluster (the live store, with the same kubeconfig loading as the live source),
 * a snapshot in its review folder (the file store), and the bundled demo in a read-only store
 * unless the operator asks for a writable demo (SHIPSHAPE_READ_ONLY=0 and SHIPSHAPE_REVIEW_DIR).
 * SHIPSHAPE_READ_ONLY=1 makes every store refuse writes. One store per context, kept on
 * globalThis so pages, route handlers and server actions share it.
 */
import path from 'node:path';
import type { ContextInfo } from '../sources/cluster-source';
import { DEMO_MANIFESTS_DIR } from '../sources/registry';
import { createFileReviewStore } from './file-store';
import type { ReviewStore } from './types';

export interface ContextReviewStore {
  store: ReviewStore;
  /** True when the store signs as an identity the cluster verified; false in snapshot mode (the reviewer types a name). */
  verifiesSigner: boolean;
}

/** SHIPSHAPE_READ_ONLY: `1`/`true` refuses every write, `0`/`false` allows them (also in the demo, with a review folder). */
export function readOnlySetting(env: Record<string, string | undefined> = process.env): boolean | undefined {
  const value = env.SHIPSHAPE_READ_ONLY?.trim().toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/** The folder a snapshot's reviews are written to: SHIPSHAPE_REVIEW_DIR, else `<snapshot>.reviews` beside it. */
export function reviewDirectoryFor(snapshot: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.SHIPSHAPE_REVIEW_DIR?.trim();
  return configured ? path.resolve(configured) : `${path.resolve(snapshot)}.reviews`;
}

const STORES_KEY = Symbol.for('shipshape.review-stores');
type StoresHolder = { [STORES_KEY]?: Map<string, Promise<ContextReviewStore>> };

async function createStore(context: ContextInfo, env: Record<string, string | undefined>): Promise<ContextReviewStore> {
  const readOnly = readOnlySetting(env);
  if (context.kind === 'live') {
    // Loaded only for live contexts: the demo and snapshots never load client-node for reviews.
    const [{ loadKubeconfig, configForContext }, { createLiveReviewStore }] = await Promise.all([
      import('../sources/live/kubeconfig'),
      import('./live-store'),
    ]);
    const kubeconfig = configForContext(loadKubeconfig(env).config, context.label);
    return { store: createLiveReviewStore(kubeconfig, { readOnly: readOnly === true }), verifiesSigner: true };
  }
  if (context.kind === 'snapshot') {
    const snapshot = env.SHIPSHAPE_SNAPSHOT ?? '';
    return {
      store: createFileReviewStore({ directory: reviewDirectoryFor(snapshot, env), readOnly: readOnly === true }),
      verifiesSigner: false,
    };
  }
  // The demo is shown to anyone: read-only unless the operator turns writes on and names a folder.
  const folder = env.SHIPSHAPE_REVIEW_DIR?.trim();
  const writable = readOnly === false && Boolean(folder);
  return {
    store: createFileReviewStore({
      directory: folder ? path.join(path.resolve(folder), 'demo') : `${DEMO_MANIFESTS_DIR}.reviews`,
      readOnly: !writable,
    }),
    verifiesSigner: false,
  };
}

/** The review store of a context the registry offers. */
export function reviewStoreFor(context: ContextInfo, env: Record<string, string | undefined> = process.env): Promise<ContextReviewStore> {
  const holder = globalThis as StoresHolder;
  holder[STORES_KEY] ??= new Map();
  const stores = holder[STORES_KEY];
  const key = `${context.kind}:${context.name}`;
  let store = stores.get(key);
  if (!store) {
    store = createStore(context, env).catch((error: unknown) => {
      stores.delete(key);
      throw error;
    });
    stores.set(key, store);
  }
  return store;
}
