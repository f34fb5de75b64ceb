import Link from 'next/link';
import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import type { ReadinessReview } from '@/lib/review/types';
import { hrefs } from '@/lib/web/hrefs';
import type { NamespaceReviews } from '@/lib/web/namespace-reviews';
import { AcceptedRiskList, ReviewUnavailableNotice, ReviewVerdictBadge, SignerText, SinceSignOffDetails, utcTime } from './review-parts';

const LINK = 'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

/** Who signed what, when, with which notes: the head of a review, on the panel, the history and the report. */
export function ReviewSummary({ review }: { review: ReadinessReview }) {
  return (
    <div className="text-sm" data-review={review.name}>
      <p className="flex flex-wrap items-center gap-2">
        <ReviewVerdictBadge verdict={review.verdict} />
        <span>
          signed by <SignerText signer={review.signer} /> on <time dateTime={review.signedAt}>{utcTime(review.signedAt)}</time>
        </span>
        <span className="font-mono text-xs text-slate-600 print:text-black dark:text-slate-400">{review.name}</span>
      </p>
      <p className="mt-1">
        Graded then: {review.result.grade ?? 'N/A'}
        {review.result.score === null ? '' : ` (${review.result.score} / 100)`}; {review.acceptedRisks.length} accepted risk
        {review.acceptedRisks.length === 1 ? '' : 's'}, {review.fixBeforeGoLive.length} to fix before go-live.
      </p>
      {review.notes ? (
        <p className="mt-1 whitespace-pre-line">
          Notes: <ClusterText value={review.notes} limit={SENTENCE_LIMIT} />
        </p>
      ) : null}
    </div>
  );
}

/** Rejected review objects, by name and problem: never shown as valid, never dropped silently. */
export function RejectedReviews({ rejected }: { rejected: readonly string[] }) {
  if (rejected.length === 0) return null;
  return (
    <div role="note" className="mt-2 rounded border border-amber-400 p-2 text-sm" data-rejected-reviews={rejected.length}>
      <p className="font-semibold">
        {rejected.length} stored review{rejected.length === 1 ? ' was' : 's were'} refused as invalid and{' '}
        {rejected.length === 1 ? 'is' : 'are'} not counted:
      </p>
      <ul className="list-disc pl-5">
        {rejected.map((message) => (
          <li key={message}>
            <ClusterText value={message} limit={SENTENCE_LIMIT} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The namespace's go-live sign-off: the last review and what moved since, or why there is none. */
export function SignOffPanel({ context, namespace, reviews }: { context: string; namespace: string; reviews: NamespaceReviews }) {
  const latest = reviews.reviews[0];
  return (
    <section
      aria-labelledby="sign-off-heading"
      className="mb-6 rounded-md border border-slate-300 p-4 dark:border-slate-700"
      data-sign-off-panel=""
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sign-off-heading" className="text-lg font-semibold">
          Go-live sign-off
        </h2>
        <nav aria-label="Go-live review" className="flex flex-wrap gap-2">
          <Link href={hrefs.review(context, namespace)} className={LINK}>
            {reviews.write.ok ? 'Review for go-live' : 'Review for go-live (read-only)'}
          </Link>
          <Link href={hrefs.reviewHistory(context, namespace)} className={LINK}>
            History ({reviews.reviews.length})
          </Link>
        </nav>
      </div>
      {reviews.readError ? (
        <ReviewUnavailableNotice unavailable={reviews.readError} />
      ) : latest ? (
        <div className="mt-2">
          <ReviewSummary review={latest} />
          {latest.acceptedRisks.length > 0 ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm underline">Accepted risks ({latest.acceptedRisks.length})</summary>
              <AcceptedRiskList risks={latest.acceptedRisks} />
            </details>
          ) : null}
          {reviews.since ? (
            <>
              <h3 className="mt-3 font-semibold">Since sign-off</h3>
              <SinceSignOffDetails since={reviews.since} />
            </>
          ) : null}
        </div>
      ) : (
        <p className="mt-2 text-sm" data-sign-off-none="">
          Not signed off yet: nobody has reviewed this namespace for go-live.
        </p>
      )}
      <RejectedReviews rejected={reviews.rejected} />
      {!reviews.readError && !reviews.write.ok ? <ReviewUnavailableNotice unavailable={reviews.write} /> : null}
    </section>
  );
}
