import 'server-only';
/**
 * Where one dashboard context's reviews live: a kubeconfig context keeps them as ReadinessReview
 * objects in the cluster (the live store, through the same kubeconfig loading as the live source),
 * a snapshot and the demo in their review folders (the file store their source keeps, so a
 * sign-off regrades it). Writes are refused as review-folder.ts's isReadOnly says: the demo is
 * read-only unless SHIPSHAPE_READ_ONLY=0, and SHIPSHAPE_READ_ONLY=1 refuses every write.
 * One live store per context, kept on globalThis so pages, route handlers and actions share it.
 */
import type { ContextInfo } from '../sources/cluster-source';
import { sourceReviewStore } from '../sources/registry';
import { isReadOnly } from './review-folder';
import type { ReviewStore } from './types';

export interface ContextReviewStore {
  store: ReviewStore;
  /** True when the store signs as an identity the cluster verified; false in snapshot mode (the reviewer types a name). */
  verifiesSigner: boolean;
}

const STORES_KEY = Symbol.for('shipshape.live-review-stores');
type StoresHolder = { [STORES_KEY]?: Map<string, Promise<ReviewStore>> };

async function createLiveStore(context: ContextInfo): Promise<ReviewStore> {
  // Loaded only for live contexts: the demo and snapshots never load client-node for reviews.
  const [{ loadKubeconfig, configForContext }, { createLiveReviewStore }] = await Promise.all([
    import('../sources/live/kubeconfig'),
    import('./live-store'),
  ]);
  // The URL name of a kubeconfig context that clashes with the demo's is prefixed; its label is the kubeconfig's own name.
  return createLiveReviewStore(configForContext(loadKubeconfig().config, context.label), { readOnly: isReadOnly('live') });
}

/** The review store of a context the registry offers. */
export async function reviewStoreFor(context: ContextInfo): Promise<ContextReviewStore> {
  if (context.kind !== 'live') {
    const store = await sourceReviewStore(context.name);
    if (!store) throw new Error(`context ${context.name} keeps no review folder`);
    return { store, verifiesSigner: false };
  }
  const holder = globalThis as StoresHolder;
  holder[STORES_KEY] ??= new Map();
  const stores = holder[STORES_KEY];
  let store = stores.get(context.name);
  if (!store) {
    store = createLiveStore(context).catch((error: unknown) => {
      stores.delete(context.name);
      throw error;
    });
    stores.set(context.name, store);
  }
  return { store: await store, verifiesSigner: true };
}
