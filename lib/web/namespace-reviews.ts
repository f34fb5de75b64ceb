import 'server-only';
/**
 * A namespace's go-live reviews for its pages: the reviews newest first (and those refused as
 * invalid), whether this identity may sign off here (and if not, the store's reason and fix),
 * who would sign, and the state against the last sign-off. A store that fails is a notice on
 * the page, never an outage: the checklist works read-only without reviews.
 */
import type { NamespaceReport } from '../checks/evaluate';
import { reviewStoreFor } from '../review/store-for-context';
import type { ReadinessReview, ReviewUnavailable, Signer, SinceSignOff } from '../review/types';
import type { LoadedCluster } from '../sources/cluster-source';
import { sinceReview } from './review-draft';

export interface NamespaceReviews {
  /** Newest first; empty when none or when they could not be read (`readError`). */
  reviews: ReadinessReview[];
  /** Review objects that failed validation, by name and problem. */
  rejected: string[];
  readError?: ReviewUnavailable;
  write: { ok: true } | ({ ok: false } & ReviewUnavailable);
  /** The verified identity that signs (live contexts); unset in snapshot mode, where the reviewer types a name. */
  signer?: Signer;
  /** The namespace now against its last valid sign-off. */
  since?: SinceSignOff;
}

function failed(error: unknown, what: string): ReviewUnavailable {
  // The class only: a message could quote a server's answer.
  console.error(`shipshape: ${what} failed (${error instanceof Error ? error.name : typeof error})`);
  return {
    reason: 'unreachable',
    message: `The reviews could not be read (${what} failed).`,
    hint: 'Reload the page; the server log says more.',
  };
}

export async function loadNamespaceReviews(cluster: LoadedCluster, report: NamespaceReport): Promise<NamespaceReviews> {
  const { namespace } = report;
  const found = await reviewStoreFor(cluster.context);
  const [listed, write, signer] = await Promise.all([
    found.store
      .list(namespace)
      .catch((error: unknown) => ({ ok: false as const, ...failed(error, `listing the reviews of ${namespace}`) })),
    found.store.canWrite(namespace).catch((error: unknown) => ({ ok: false as const, ...failed(error, 'checking the right to sign off') })),
    found.verifiesSigner ? found.store.whoAmI().catch(() => undefined) : Promise.resolve(undefined),
  ]);
  if (!listed.ok) {
    const { ok: _ok, ...readError } = listed;
    return { reviews: [], rejected: [], readError, write, ...(signer ? { signer } : {}) };
  }
  const latest = listed.reviews[0];
  const since = latest ? sinceReview(latest, cluster, report) : undefined;
  return { reviews: listed.reviews, rejected: listed.rejected, write, ...(signer ? { signer } : {}), ...(since ? { since } : {}) };
}
