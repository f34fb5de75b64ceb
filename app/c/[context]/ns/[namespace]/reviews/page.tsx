import type { Metadata } from 'next';
import Link from 'next/link';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { ClusterText } from '@/components/page/cluster-text';
import { PageHeader } from '@/components/page/page-header';
import { AcceptedRiskList, ReviewUnavailableNotice } from '@/components/review/review-parts';
import { RejectedReviews, ReviewSummary } from '@/components/review/sign-off-panel';
import { hrefs } from '@/lib/web/hrefs';
import { loadNamespaceReport } from '@/lib/web/namespace-report';
import { loadNamespaceReviews } from '@/lib/web/namespace-reviews';
import { requireNamespaceName } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

type Params = Promise<{ context: string; namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace } = await params;
  return { title: `Sign-offs: ${requireNamespaceName(namespace)}` };
}

/** Every go-live review of the namespace, newest first, each with its decisions. */
export default async function ReviewHistoryPage({ params }: { params: Params }) {
  const raw = await params;
  const loaded = await loadNamespaceReport(raw.context, raw.namespace);
  const { context, namespace } = loaded;
  const crumbs = [
    { href: hrefs.context(context), label: context.label },
    { href: hrefs.namespace(context, namespace), label: namespace },
    { label: 'Sign-offs' },
  ];
  const title = (
    <>
      Sign-offs: <span className="font-mono">{namespace}</span>
    </>
  );
  if (!loaded.ok) {
    return (
      <>
        <PageHeader crumbs={crumbs} title={title} />
        <ClusterErrorPanel error={loaded.error} />
      </>
    );
  }
  const reviews = await loadNamespaceReviews(loaded.cluster, loaded.report);
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={title}
        aside={
          <Link href={hrefs.review(context, namespace)} className="rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-600">
            Review for go-live
          </Link>
        }
      />
      {reviews.readError ? <ReviewUnavailableNotice unavailable={reviews.readError} /> : null}
      <RejectedReviews rejected={reviews.rejected} />
      {reviews.reviews.length === 0 && !reviews.readError ? <p className="text-sm">Not signed off yet.</p> : null}
      <ol className="space-y-4" data-review-history={reviews.reviews.length}>
        {reviews.reviews.map((review) => (
          <li key={review.name} className="rounded border border-slate-300 p-3 dark:border-slate-700">
            <ReviewSummary review={review} />
            <details className="mt-2">
              <summary className="cursor-pointer text-sm underline">
                Decisions: {review.acceptedRisks.length} accepted, {review.fixBeforeGoLive.length} to fix
              </summary>
              <h3 className="mt-2 text-sm font-semibold">Accepted risks</h3>
              <AcceptedRiskList risks={review.acceptedRisks} />
              <h3 className="mt-2 text-sm font-semibold">To fix before go-live</h3>
              <ul className="list-disc pl-5 font-mono text-xs">
                {review.fixBeforeGoLive.map((fix) => (
                  <li key={`${fix.checkId}/${fix.object?.kind}/${fix.object?.name}`}>
                    {fix.checkId} {fix.object ? <ClusterText value={`${fix.object.kind}/${fix.object.name}`} /> : '(namespace)'}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
