import type { Metadata } from 'next';
import { RejectedWaiverList } from '@/components/checklist/waiver-note';
import { AccessNotice } from '@/components/notices/access-notice';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { ConfigNotice } from '@/components/notices/config-notice';
import { FilterForm } from '@/components/overview/filter-form';
import { GradingNotes } from '@/components/overview/grading-notes';
import { InputNotices } from '@/components/overview/input-notices';
import { NamespaceTable } from '@/components/overview/namespace-table';
import { OverviewPager } from '@/components/overview/pager';
import { PrincipleMatrix } from '@/components/overview/principle-matrix';
import { SkippedNamespaces } from '@/components/overview/skipped-namespaces';
import { SummaryTiles } from '@/components/overview/summary-tiles';
import { Freshness } from '@/components/page/freshness';
import { PageHeader } from '@/components/page/page-header';
import { ExportLinks } from '@/components/report/export-links';
import { loadContext } from '@/lib/sources/registry';
import type { OverviewSort } from '@/lib/web/hrefs';
import { signOffMarks } from '@/lib/web/namespace-reviews';
import { overviewPage } from '@/lib/web/overview-page';
import { matchesOverviewFilters, parseOverviewFilters, requireContext, type SearchParams } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Cluster overview' };

/** The table's caption says the order its rows are in. */
const SORT_CAPTIONS: Record<OverviewSort, string> = { verdict: 'worst first', score: 'lowest score first', name: 'by name' };

export default async function OverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ context: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const context = await requireContext((await params).context);
  const query = await searchParams;
  const result = await loadContext(context.name);
  if (!result.ok) {
    return (
      <>
        <PageHeader crumbs={[{ label: context.label }]} title="Cluster overview" />
        <ClusterErrorPanel error={result.error} />
      </>
    );
  }
  const { cluster } = result;
  const filters = parseOverviewFilters(query);
  const all = cluster.report.namespaces;
  // Filtered, sorted and paged here: a page holds at most a page of rows, whatever the cluster's size.
  const page = overviewPage(
    all.filter((report) => matchesOverviewFilters(report, filters)),
    filters,
  );
  const signOffs = signOffMarks(
    cluster,
    page.rows.map((report) => report.namespace),
  );

  return (
    <>
      <PageHeader
        crumbs={[{ label: context.label }]}
        title="Cluster overview"
        aside={
          <div className="flex flex-col items-end gap-2">
            <Freshness evaluatedAt={cluster.evaluatedAt} context={context.name} freshness={cluster.freshness} />
            <ExportLinks scope={{ context: context.name }} />
          </div>
        }
      />

      <AccessNotice gaps={cluster.inventory.accessGaps} hiddenNamespaces={cluster.hiddenNamespaces} />
      {cluster.config?.state === 'invalid' ? <ConfigNotice loaded={cluster.config} /> : null}

      <SummaryTiles context={context.name} reports={all} />
      <FilterForm context={context.name} filters={filters} />
      <NamespaceTable
        context={context.name}
        reports={page.rows}
        graded={all.length}
        skipped={cluster.report.skipped.length}
        signOffs={signOffs}
        caption={`Namespaces, ${SORT_CAPTIONS[filters.sort ?? 'verdict']}${page.pageCount > 1 ? `, page ${page.page} of ${page.pageCount}` : ''}`}
      />
      <OverviewPager context={context.name} filters={filters} page={page} />

      <section aria-labelledby="matrix" className="mt-8">
        <h2 id="matrix" className="mb-2 text-lg font-semibold">
          Principles by namespace
        </h2>
        <PrincipleMatrix context={context.name} reports={page.rows} />
      </section>

      <GradingNotes kubernetesVersion={cluster.report.kubernetesVersion} config={cluster.config} />

      <SkippedNamespaces skipped={cluster.report.skipped} />

      <InputNotices cluster={cluster} />

      <div className="mt-6">
        <RejectedWaiverList rejected={cluster.report.rejectedWaivers} />
      </div>
    </>
  );
}
