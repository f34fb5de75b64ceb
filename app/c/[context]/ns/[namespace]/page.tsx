import type { Metadata } from 'next';
import { GradeBadge, VerdictBadge } from '@/components/badges/grade-badge';
import { BlockingFailures } from '@/components/checklist/blocking-failures';
import { StatusFilterLinks } from '@/components/checklist/filter-links';
import { PrincipleBar } from '@/components/checklist/principle-bar';
import { PrincipleSection } from '@/components/checklist/principle-section';
import { RejectedWaiverList } from '@/components/checklist/waiver-note';
import { AccessNotice } from '@/components/notices/access-notice';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { InternalErrorNotice } from '@/components/notices/internal-error-notice';
import { Freshness } from '@/components/page/freshness';
import { PageHeader } from '@/components/page/page-header';
import { ExportLinks } from '@/components/report/export-links';
import { SignOffPanel } from '@/components/review/sign-off-panel';
import { PRINCIPLES } from '@/lib/checks/principles';
import { SCORE_FORMULA, VERDICT_RULE } from '@/lib/checks/scoring';
import { hrefs } from '@/lib/web/hrefs';
import { loadNamespaceReport } from '@/lib/web/namespace-report';
import { loadNamespaceReviews } from '@/lib/web/namespace-reviews';
import { parseChecklistFilters, requireNamespaceName, type SearchParams } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

type Params = Promise<{ context: string; namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace } = await params;
  return { title: `Namespace ${requireNamespaceName(namespace)}` };
}

export default async function NamespacePage({ params, searchParams }: { params: Params; searchParams: Promise<SearchParams> }) {
  const raw = await params;
  const loaded = await loadNamespaceReport(raw.context, raw.namespace);
  const { context, namespace } = loaded;
  const crumbs = [{ href: hrefs.context(context), label: context.label }, { label: namespace }];
  if (!loaded.ok) {
    return (
      <>
        <PageHeader crumbs={crumbs} title={`Namespace ${namespace}`} />
        <ClusterErrorPanel error={loaded.error} />
      </>
    );
  }
  const { cluster, report } = loaded;
  const filters = parseChecklistFilters(await searchParams);
  const reviews = await loadNamespaceReviews(cluster, report);
  const visible = report.items.filter(
    (item) => (!filters.status || item.status === filters.status) && (!filters.principle || item.principle === filters.principle),
  );

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={
          <span className="flex flex-wrap items-center gap-4">
            <span>
              Namespace <span className="font-mono">{namespace}</span>
            </span>
            <GradeBadge score={report.score} size="lg" />
            <VerdictBadge verdict={report.verdict} />
          </span>
        }
        aside={
          <div className="flex flex-col items-end gap-2">
            <Freshness evaluatedAt={cluster.evaluatedAt} context={context.name} freshness={cluster.freshness} />
            <ExportLinks scope={{ context: context.name, namespace }} />
          </div>
        }
      />

      <RejectedWaiverList rejected={report.rejectedWaivers} />

      {report.partial ? (
        <AccessNotice gaps={cluster.inventory.accessGaps.filter((gap) => gap.namespace === undefined || gap.namespace === namespace)} />
      ) : null}

      <InternalErrorNotice items={report.items} />

      <SignOffPanel context={context.name} namespace={namespace} reviews={reviews} />

      <BlockingFailures items={report.blockingFailures} />

      <PrincipleBar context={context.name} namespace={namespace} items={report.items} />

      <StatusFilterLinks
        context={context.name}
        namespace={namespace}
        filters={filters}
        counts={report.counts}
        total={report.items.length}
      />

      {PRINCIPLES.map((principle) => (
        <PrincipleSection
          key={principle.id}
          context={context.name}
          namespace={namespace}
          principle={principle}
          items={visible.filter((item) => item.principle === principle.id)}
        />
      ))}
      {visible.length === 0 ? <p className="text-slate-600 dark:text-slate-400">No checks match this filter.</p> : null}

      <details className="mt-6 text-xs text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer underline">How the score and verdict are computed</summary>
        <p className="mt-1">{SCORE_FORMULA}</p>
        <p className="mt-1">{VERDICT_RULE}</p>
      </details>
    </>
  );
}
