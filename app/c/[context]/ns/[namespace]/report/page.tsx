import type { Metadata } from 'next';
import { RejectedWaiverList } from '@/components/checklist/waiver-note';
import { AccessNotice } from '@/components/notices/access-notice';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { ClusterText } from '@/components/page/cluster-text';
import { PageHeader } from '@/components/page/page-header';
import { NamespaceReportSection, ReportHeader, ScoreExplanation, WaiverTable } from '@/components/report/printable-report';
import { SignOffReportSection } from '@/components/report/sign-off-section';
import { VERDICT_LABELS } from '@/lib/checks/scoring';
import { hrefs } from '@/lib/web/hrefs';
import { loadNamespaceReport } from '@/lib/web/namespace-report';
import { loadNamespaceReviews } from '@/lib/web/namespace-reviews';
import { requireNamespaceName } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

type Params = Promise<{ context: string; namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace } = await params;
  return { title: `Readiness report: ${requireNamespaceName(namespace)}` };
}

/** One namespace on paper, from the same cached read as its checklist. */
export default async function NamespaceReportPage({ params }: { params: Params }) {
  const raw = await params;
  const loaded = await loadNamespaceReport(raw.context, raw.namespace);
  const { context, namespace } = loaded;
  if (!loaded.ok) {
    return (
      <>
        <PageHeader crumbs={[{ href: hrefs.context(context), label: context.label }, { label: namespace }]} title="Readiness report" />
        <ClusterErrorPanel error={loaded.error} />
      </>
    );
  }
  const { cluster, report } = loaded;
  const reviews = await loadNamespaceReviews(cluster, report);
  return (
    <article data-report="namespace">
      <ReportHeader
        title={
          <>
            Namespace readiness report:{' '}
            <span className="font-mono">
              <ClusterText value={namespace} />
            </span>
          </>
        }
        cluster={cluster}
      >
        <p className="mt-3 text-base font-semibold" data-report-verdicts="">
          Verdict: {VERDICT_LABELS[report.verdict]} — grade {report.score.grade ?? 'N/A'}
          {report.score.value === null ? '' : ` (${report.score.value} / 100)`}
        </p>
      </ReportHeader>
      {report.partial ? (
        <AccessNotice gaps={cluster.inventory.accessGaps.filter((gap) => gap.namespace === undefined || gap.namespace === namespace)} />
      ) : null}
      <RejectedWaiverList rejected={report.rejectedWaivers} />
      <SignOffReportSection reviews={reviews} />
      <NamespaceReportSection report={report} />
      <WaiverTable reports={[report]} />
      <ScoreExplanation />
    </article>
  );
}
