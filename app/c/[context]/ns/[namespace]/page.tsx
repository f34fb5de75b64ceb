import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GradeBadge, VerdictBadge } from '@/components/badges/grade-badge';
import { ObservedTag } from '@/components/badges/observed-tag';
import { SeverityTag } from '@/components/badges/severity-tag';
import { StatusBadge, statusWord } from '@/components/badges/status-badge';
import { FixSnippet } from '@/components/checklist/fix-snippet';
import { RejectedWaiverList, WaiverNoteText } from '@/components/checklist/waiver-note';
import { AccessNotice } from '@/components/notices/access-notice';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { ClusterText } from '@/components/page/cluster-text';
import { Freshness } from '@/components/page/freshness';
import { ObjectRefText } from '@/components/page/object-ref';
import { PageHeader } from '@/components/page/page-header';
import { checkById } from '@/lib/checks/catalog';
import { PRINCIPLES, worstStatus } from '@/lib/checks/principles';
import { SCORE_FORMULA, VERDICT_RULE } from '@/lib/checks/scoring';
import type { ChecklistItem, CheckStatus, NotEvaluatedReason } from '@/lib/checks/types';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { loadContext } from '@/lib/sources/registry';
import {
  contextPath,
  parsePrincipleFilter,
  parseStatusFilter,
  requireContext,
  requireNamespaceName,
  type SearchParams,
  STATUS_ORDER,
} from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

type Params = Promise<{ context: string; namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace } = await params;
  return { title: `Namespace ${requireNamespaceName(namespace)}` };
}

/** Checks that threw on this namespace: partial results with no access gap behind them, so say so. */
function InternalErrorNotice({ items }: { items: readonly ChecklistItem[] }) {
  const failed = items.filter((item) => item.reason === 'internal-error');
  if (failed.length === 0) return null;
  return (
    <section
      aria-label="Checks that failed"
      data-testid="internal-error-notice"
      className="mb-4 rounded-md border border-slate-300 bg-slate-100 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 className="font-semibold">
        Partial results: {failed.length} check{failed.length === 1 ? '' : 's'} failed while running
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        {failed.map((item) => checkById(item.checkId)?.title ?? item.checkId).join(', ')}. They are marked “Not evaluated” and count neither
        for nor against the score; the error is logged on the server.
      </p>
    </section>
  );
}

const REASON_TEXT = {
  forbidden: 'Not evaluated: access denied',
  unavailable: 'Not evaluated: data unavailable',
  'not-applicable': 'Not applicable',
  disabled: 'Disabled in the configuration',
  'internal-error': 'Not evaluated: internal error',
} as const satisfies Record<NotEvaluatedReason, string>;

export default async function NamespacePage({ params, searchParams }: { params: Params; searchParams: Promise<SearchParams> }) {
  const raw = await params;
  const context = await requireContext(raw.context);
  const namespace = requireNamespaceName(raw.namespace);
  const query = await searchParams;
  const base = contextPath(context);
  const nsPath = `${base}/ns/${namespace}`;
  const result = await loadContext(context.name);
  const crumbs = [{ href: base, label: context.label }, { label: namespace }];
  if (!result.ok) {
    return (
      <>
        <PageHeader crumbs={crumbs} title={`Namespace ${namespace}`} />
        <ClusterErrorPanel error={result.error} />
      </>
    );
  }
  const report = result.cluster.report.namespaces.find((candidate) => candidate.namespace === namespace);
  if (!report) notFound();

  const statusFilter = parseStatusFilter(query.status);
  const principleFilter = parsePrincipleFilter(query.principle);
  const visible = report.items.filter(
    (item) => (!statusFilter || item.status === statusFilter) && (!principleFilter || item.principle === principleFilter),
  );
  const filterHref = (status?: CheckStatus) => {
    const search = new URLSearchParams();
    if (status) search.set('status', status);
    if (principleFilter) search.set('principle', principleFilter);
    const text = search.toString();
    return text ? `${nsPath}?${text}` : nsPath;
  };

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
        aside={<Freshness evaluatedAt={result.cluster.evaluatedAt} context={context.name} />}
      />

      <RejectedWaiverList rejected={report.rejectedWaivers} />

      {report.partial ? (
        <AccessNotice
          gaps={result.cluster.inventory.accessGaps.filter((gap) => gap.namespace === undefined || gap.namespace === namespace)}
        />
      ) : null}

      <InternalErrorNotice items={report.items} />

      {report.blockingFailures.length > 0 ? (
        <section
          aria-labelledby="blocking"
          className="mb-6 rounded-md border border-rose-300 bg-rose-50 p-3 dark:border-rose-800 dark:bg-rose-950"
        >
          <h2 id="blocking" className="font-semibold text-rose-900 dark:text-rose-200">
            Blocking go-live ({report.blockingFailures.length})
          </h2>
          <ul className="mt-1 list-disc pl-5 text-sm text-rose-900 dark:text-rose-200">
            {report.blockingFailures.map((item) => (
              <li key={item.checkId}>
                <a href={`#${item.checkId}`} className="underline">
                  {checkById(item.checkId)?.title}
                </a>{' '}
                — {item.counts.fail} of {item.findings.length} objects
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <PrincipleBar items={report.items} nsPath={nsPath} />

      <nav aria-label="Filter by status" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-700 dark:text-slate-300">Show:</span>
        <FilterLink href={filterHref()} active={!statusFilter}>
          All ({report.items.length})
        </FilterLink>
        {STATUS_ORDER.map((status) => (
          <FilterLink key={status} href={filterHref(status)} active={statusFilter === status}>
            {statusWord(status)} ({report.counts[status]})
          </FilterLink>
        ))}
        {principleFilter ? (
          <Link href={statusFilter ? `${nsPath}?status=${statusFilter}` : nsPath} className="underline">
            Clear principle filter
          </Link>
        ) : null}
      </nav>

      {PRINCIPLES.map((principle) => {
        const items = visible.filter((item) => item.principle === principle.id);
        if (items.length === 0) return null;
        return (
          <section
            key={principle.id}
            id={`principle-${principle.id}`}
            aria-labelledby={`principle-${principle.id}-title`}
            className="mb-6 scroll-mt-4"
          >
            <h2 id={`principle-${principle.id}-title`} className="text-lg font-semibold">
              <Link href={`${nsPath}?principle=${principle.id}`} className="underline-offset-2 hover:underline">
                {principle.title}
              </Link>
            </h2>
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{principle.summary}</p>
            {items.some((item) => item.observed) ? (
              <p role="note" className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300" data-observed-note>
                Observed now — shown, not graded. These checks read what the cluster reports at this moment, so they count toward neither
                the score nor the verdict.
              </p>
            ) : null}
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
              {items.map((item) => (
                <li key={item.checkId}>
                  <ChecklistEntry item={item} checkHref={`${base}/checks/${item.checkId}`} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {visible.length === 0 ? <p className="text-slate-600 dark:text-slate-400">No checks match this filter.</p> : null}

      <details className="mt-6 text-xs text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer underline">How the score and verdict are computed</summary>
        <p className="mt-1">{SCORE_FORMULA}</p>
        <p className="mt-1">{VERDICT_RULE}</p>
      </details>
    </>
  );
}

function FilterLink({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? 'true' : undefined}
      className={`rounded border px-2 py-0.5 ${active ? 'border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900' : 'border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800'}`}
    >
      {children}
    </Link>
  );
}

function summaryLine(item: ChecklistItem): string {
  if (item.status === 'not-evaluated') return item.reason ? REASON_TEXT[item.reason] : 'Not evaluated';
  const total = item.findings.length;
  const objects = `${total} object${total === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (item.counts.fail) parts.push(`${item.counts.fail} fail`);
  if (item.counts.warn) parts.push(`${item.counts.warn} warn`);
  if (item.counts.waived) parts.push(`${item.counts.waived} waived`);
  return parts.length === 0 ? `${objects}: all pass` : `${objects}: ${parts.join(', ')}`;
}

function PrincipleBar({ items, nsPath }: { items: readonly ChecklistItem[]; nsPath: string }) {
  return (
    <nav aria-label="Principles at a glance" className="mb-6">
      <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
        {PRINCIPLES.map((principle) => {
          const own = items.filter((item) => item.principle === principle.id);
          const status = worstStatus(own);
          return (
            <li key={principle.id}>
              <Link
                href={`${nsPath}#principle-${principle.id}`}
                className="flex h-full items-center gap-2 rounded border border-slate-200 bg-white px-2 py-1.5 hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600"
              >
                <StatusBadge status={status} />
                <span>{principle.title}</span>
                {own.length > 0 && own.every((item) => item.observed) ? (
                  <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">not graded</span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function ChecklistEntry({ item, checkHref }: { item: ChecklistItem; checkHref: string }) {
  const check = checkById(item.checkId);
  if (!check) return null;
  const needsWork = item.status === 'fail' || item.status === 'warn';
  // A waived risk is still a risk: its fix stays on the page.
  const showFix = needsWork || item.status === 'waived';
  return (
    <details id={item.checkId} open={needsWork} className="group scroll-mt-4" data-check={item.checkId} data-status={item.status}>
      <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="chevron h-3 w-3 shrink-0 transition-transform"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
        >
          <path d="M9 6l6 6-6 6" />
        </svg>
        <StatusBadge status={item.status} />
        <span className="font-medium">{check.title}</span>
        <SeverityTag severity={item.severity} />
        {item.observed ? <ObservedTag /> : null}
        <span className="ml-auto text-sm text-slate-600 dark:text-slate-400">{summaryLine(item)}</span>
      </summary>
      <div className="grid gap-4 px-3 pb-4 pl-9 md:grid-cols-2">
        <div>
          {item.status === 'not-evaluated' ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <ClusterText value={item.reasonDetail ?? ''} limit={SENTENCE_LIMIT} />
            </p>
          ) : (
            <>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Objects</h3>
              <ul className="mt-1 space-y-1">
                {item.findings.map((finding) => (
                  <li key={`${finding.object.kind}/${finding.object.name}`} className="flex items-start gap-2 text-sm">
                    <StatusBadge status={finding.status} />
                    <span>
                      <ObjectRefText object={finding.object} />{' '}
                      {finding.owner ? (
                        <span className="text-xs text-slate-600 dark:text-slate-400">
                          (of <ObjectRefText object={finding.owner} />){' '}
                        </span>
                      ) : null}
                      <span className="text-slate-700 dark:text-slate-300">
                        — <ClusterText value={finding.message} limit={SENTENCE_LIMIT} />
                      </span>
                      {finding.waiver ? <WaiverNoteText note={finding.waiver} /> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Why it matters</h3>
          <p className="mt-1 text-sm">{check.rationale}</p>
          <p className="mt-2 text-sm">
            <Link href={checkHref} className="text-sky-800 underline dark:text-sky-300">
              About this check
            </Link>
          </p>
        </div>
        {showFix ? (
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">How to fix</h3>
            <div className="mt-1">
              <FixSnippet remediation={check.remediation} />
            </div>
          </div>
        ) : null}
      </div>
    </details>
  );
}
