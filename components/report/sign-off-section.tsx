import { ClusterText } from '@/components/page/cluster-text';
import { AcceptedRiskList, SinceSignOffDetails } from '@/components/review/review-parts';
import { RejectedReviews, ReviewSummary } from '@/components/review/sign-off-panel';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import type { NamespaceReviews } from '@/lib/web/namespace-reviews';

/**
 * The sign-off on paper: the last review (verdict, signer and whether the cluster verified it,
 * when, notes), every accepted risk with its reason, owner and expiry, and what moved since.
 * The printable report is the sign-off document a team files.
 */
export function SignOffReportSection({ reviews }: { reviews: NamespaceReviews }) {
  const latest = reviews.reviews[0];
  return (
    <section aria-labelledby="report-sign-off" className="mb-8 break-inside-avoid" data-report-sign-off={latest?.name ?? 'none'}>
      <h2 id="report-sign-off" className="border-b border-slate-300 pb-1 text-xl font-semibold">
        Go-live sign-off
      </h2>
      {reviews.readError ? (
        <p className="mt-2 text-sm">
          Reviews could not be read: <ClusterText value={reviews.readError.message} limit={SENTENCE_LIMIT} />
        </p>
      ) : latest ? (
        <div className="mt-2 space-y-3">
          <ReviewSummary review={latest} />
          <div>
            <h3 className="font-semibold">Accepted risks ({latest.acceptedRisks.length})</h3>
            <AcceptedRiskList risks={latest.acceptedRisks} />
          </div>
          {reviews.since ? (
            <div>
              <h3 className="font-semibold">Since sign-off</h3>
              <SinceSignOffDetails since={reviews.since} />
            </div>
          ) : null}
          <p className="text-xs text-slate-600 print:text-black">
            {reviews.reviews.length} sign-off{reviews.reviews.length === 1 ? '' : 's'} in all; this is the newest.
          </p>
        </div>
      ) : (
        <p className="mt-2 text-sm">Not signed off: no go-live review has been recorded for this namespace.</p>
      )}
      <RejectedReviews rejected={reviews.rejected} />
    </section>
  );
}
