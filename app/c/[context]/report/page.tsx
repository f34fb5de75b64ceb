import type { Metadata } from 'next';
import { RejectedWaiverList } from '@/components/checklist/waiver-note';
import { AccessNotice } from '@/components/notices/access-notice';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { InputNotices } from '@/components/overview/input-notices';
import { SkippedNamespaces } from '@/components/overview/skipped-namespaces';
import { PageHeader } from '@/components/page/page-header';
import {
  NamespaceReportSection,
  NamespaceSummaryTable,
  ReportHeader,
  ScoreExplanation,
  VerdictSummary,
  WaiverTable,
} from '@/components/report/printable-report';
import { loadContext } from '@/lib/sources/registry';
import { requireContext } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Readiness report' };

/** The whole cluster on paper: the same cached read as the overview, never a second one. */
export default async function ClusterReportPage({ params }: { params: Promise<{ context: string }> }) {
  const context = await requireContext((await params).context);
  const result = await loadContext(context.name);
  if (!result.ok) {
    return (
      <>
        <PageHeader crumbs={[{ label: context.label }]} title="Readiness report" />
        <ClusterErrorPanel error={result.error} />
      </>
    );
  }
  const { cluster } = result;
  const reports = cluster.report.namespaces;
  return (
    <article data-report="cluster">
      <ReportHeader title="Cluster readiness report" cluster={cluster}>
        <VerdictSummary reports={reports} />
      </ReportHeader>
      <AccessNotice gaps={cluster.inventory.accessGaps} hiddenNamespaces={cluster.hiddenNamespaces} />
      <NamespaceSummaryTable reports={reports} />
      <ScoreExplanation />
      <WaiverTable reports={reports} />
      <RejectedWaiverList rejected={cluster.report.rejectedWaivers} />
      <SkippedNamespaces skipped={cluster.report.skipped} />
      <InputNotices cluster={cluster} />
      {reports.map((report) => (
        <NamespaceReportSection key={report.namespace} report={report} newPage />
      ))}
    </article>
  );
}
