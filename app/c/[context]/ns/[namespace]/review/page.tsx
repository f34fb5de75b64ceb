import type { Metadata } from 'next';
import { SeverityTag } from '@/components/badges/severity-tag';
import { StatusBadge } from '@/components/badges/status-badge';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { ClusterText } from '@/components/page/cluster-text';
import { ObjectRefText } from '@/components/page/object-ref';
import { PageHeader } from '@/components/page/page-header';
import { ReviewUnavailableNotice } from '@/components/review/review-parts';
import { type ReviewRow, SignOffForm } from '@/components/review/sign-off-form';
import { ReviewSummary } from '@/components/review/sign-off-panel';
import { checkById } from '@/lib/checks/catalog';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { latestExpiry, MAX_FORM_FINDINGS, openFindings } from '@/lib/review/sign-off-form';
import { hrefs } from '@/lib/web/hrefs';
import { loadNamespaceReport } from '@/lib/web/namespace-report';
import { loadNamespaceReviews } from '@/lib/web/namespace-reviews';
import { requireNamespaceName } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

type Params = Promise<{ context: string; namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace } = await params;
  return { title: `Go-live review: ${requireNamespaceName(namespace)}` };
}

/** Walk the namespace's open findings, decide each, and sign off; read-only, with the reason, where signing is not possible. */
export default async function ReviewPage({ params }: { params: Params }) {
  const raw = await params;
  const loaded = await loadNamespaceReport(raw.context, raw.namespace);
  const { context, namespace } = loaded;
  const crumbs = [
    { href: hrefs.context(context), label: context.label },
    { href: hrefs.namespace(context, namespace), label: namespace },
    { label: 'Go-live review' },
  ];
  const title = (
    <>
      Go-live review: <span className="font-mono">{namespace}</span>
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
  const { cluster, report } = loaded;
  const reviews = await loadNamespaceReviews(cluster, report);
  const rows: ReviewRow[] = openFindings(report).map((finding) => ({
    ...finding,
    title: checkById(finding.checkId)?.title ?? finding.checkId,
  }));
  const latest = reviews.reviews[0];
  const now = new Date();
  const unavailable = reviews.readError ?? (reviews.write.ok ? undefined : reviews.write);
  return (
    <>
      <PageHeader crumbs={crumbs} title={title} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        Decide each open finding: fix it before go-live, or accept the risk with a reason and a date until which it holds. Accepted risks
        become waivers, shown on every page, and count again when they expire. Then sign off with a verdict; a review is never changed
        afterwards, and a new sign-off is a new review.
      </p>
      {latest ? (
        <section aria-label="Last sign-off" className="mb-4 rounded border border-slate-300 p-3 dark:border-slate-700">
          <h2 className="font-semibold">This sign-off follows</h2>
          <ReviewSummary review={latest} />
        </section>
      ) : null}
      {unavailable ? (
        <>
          <ReviewUnavailableNotice unavailable={unavailable} />
          <ReadOnlyFindings rows={rows} />
        </>
      ) : rows.length > MAX_FORM_FINDINGS ? (
        <p role="note" className="rounded border border-amber-400 p-3 text-sm">
          This namespace has {rows.length} open findings, more than one review form holds ({MAX_FORM_FINDINGS}): fix some, then review.
        </p>
      ) : (
        <SignOffForm
          context={context.name}
          namespace={namespace}
          rows={rows}
          previous={latest?.name}
          signer={reviews.signer}
          earliest={now.toISOString().slice(0, 10)}
          latest={latestExpiry(now)}
          reloadHref={hrefs.review(context, namespace)}
        />
      )}
    </>
  );
}

/** The findings a reviewer would decide, shown when signing is not possible here. */
function ReadOnlyFindings({ rows }: { rows: readonly ReviewRow[] }) {
  return (
    <section aria-labelledby="open-findings">
      <h2 id="open-findings" className="text-lg font-semibold">
        Open findings ({rows.length})
      </h2>
      <ul className="mt-2 space-y-2">
        {rows.map((row) => (
          <li key={row.key} className="text-sm" data-finding={row.key}>
            <span className="flex flex-wrap items-center gap-2">
              <StatusBadge status={row.status} /> <span className="font-semibold">{row.title}</span> <SeverityTag severity={row.severity} />
              <ObjectRefText object={row.object} />
            </span>
            <ClusterText value={row.message} limit={SENTENCE_LIMIT} />
          </li>
        ))}
      </ul>
    </section>
  );
}
