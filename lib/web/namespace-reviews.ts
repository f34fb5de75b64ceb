import 'server-only';
/**
 * A namespace's go-live reviews for its pages: the reviews newest first (and those refused as
 * invalid), whether this identity may sign off here (and if not, the store's reason and fix),
 * who would sign, and the state against the last sign-off. A store that fails is a notice on
 * the page, never an outage: the checklist works read-only without reviews.
 */
import type { NamespaceReport } from '../checks/evaluate';
import { newestFirst } from '../review/names';
import { fromReviewObject } from '../review/schema';
import { reviewStoreFor } from '../review/store-for-context';
import type { ReadinessReview, ReviewUnavailable, Signer, SinceSignOff } from '../review/types';
import type { LoadedCluster } from '../sources/cluster-source';
import { sinceReview } from './review-draft';

/** A namespace's last sign-off as the overview shows it: whether it still holds. */
export type SignOffMark = Pick<SinceSignOff, 'holds'> & { verdict: SinceSignOff['review']['verdict'] };

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
  let found: Awaited<ReturnType<typeof reviewStoreFor>>;
  try {
    found = await reviewStoreFor(cluster.context);
  } catch (error) {
    const readError = failed(error, 'opening the review store');
    return { reviews: [], rejected: [], readError, write: { ok: false, ...readError } };
  }
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

/** The newest valid review among a namespace's ReadinessReview objects as the read found them. */
function newestInInventory(cluster: LoadedCluster, namespace: string): ReadinessReview | undefined {
  const objects = cluster.inventory.reviews?.get(namespace) ?? [];
  const reviews: ReadinessReview[] = [];
  for (const object of objects) {
    const parsed = fromReviewObject(object);
    if (parsed.ok) reviews.push(parsed.review);
  }
  return reviews.sort(newestFirst)[0];
}

/**
 * Each signed-off namespace's last review and the state since, for the overview and the exports.
 * Every source grades with its reviews (a live read lists the ReadinessReview objects; a
 * snapshot's grading reads its review folder), and a sign-off re-reads its source, so the graded
 * inventory already holds them: no request or file read per namespace, and the marker agrees
 * with the waivers the same reviews gave.
 */
export function latestSignOffs(
  cluster: LoadedCluster,
  namespaces?: readonly string[],
): Map<string, { review: ReadinessReview; since: SinceSignOff }> {
  const wanted = namespaces ? new Set(namespaces) : undefined;
  const out = new Map<string, { review: ReadinessReview; since: SinceSignOff }>();
  for (const report of cluster.report.namespaces) {
    if (wanted && !wanted.has(report.namespace)) continue;
    const latest = newestInInventory(cluster, report.namespace);
    if (latest) out.set(report.namespace, { review: latest, since: sinceReview(latest, cluster, report) });
  }
  return out;
}

/** The overview's marker per signed-off namespace, for the namespaces shown (a page of rows, not the whole cluster). */
export function signOffMarks(cluster: LoadedCluster, namespaces?: readonly string[]): Map<string, SignOffMark> {
  const marks = new Map<string, SignOffMark>();
  for (const [namespace, { review, since }] of latestSignOffs(cluster, namespaces))
    marks.set(namespace, { holds: since.holds, verdict: review.verdict });
  return marks;
}
