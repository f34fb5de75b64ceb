import type { Metadata } from 'next';
import Link from 'next/link';
import { GradeBadge, VerdictBadge } from '@/components/badges/grade-badge';
import { RejectedWaiverList } from '@/components/checklist/waiver-note';
import { AccessNotice } from '@/components/notices/access-notice';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { ConfigNotice } from '@/components/notices/config-notice';
import { PrincipleMatrix } from '@/components/overview/principle-matrix';
import { ClusterText } from '@/components/page/cluster-text';
import { ColumnHeader } from '@/components/page/column-header';
import { Freshness } from '@/components/page/freshness';
import { PageHeader } from '@/components/page/page-header';
import { checkById } from '@/lib/checks/catalog';
import type { NamespaceReport, SkippedNamespace, TargetVersion } from '@/lib/checks/evaluate';
import { GRADE_THRESHOLDS, type Grade, SCORE_FORMULA, VERDICT_LABELS, VERDICT_RULE, type Verdict } from '@/lib/checks/scoring';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { loadContext } from '@/lib/sources/registry';
import { contextPath, firstParam, requireContext, type SearchParams } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Cluster overview' };

const VERDICTS = Object.keys(VERDICT_LABELS) as Verdict[];
const GRADES: readonly (Grade | 'N/A')[] = [...GRADE_THRESHOLDS.map((threshold) => threshold.grade), 'N/A'];

interface OverviewFilters {
  verdict?: Verdict;
  grade?: Grade | 'N/A';
  q?: string;
}

function parseFilters(searchParams: SearchParams): OverviewFilters {
  const filters: OverviewFilters = {};
  const verdict = firstParam(searchParams.verdict);
  if (verdict && (VERDICTS as string[]).includes(verdict)) filters.verdict = verdict as Verdict;
  const grade = firstParam(searchParams.grade);
  const knownGrade = GRADES.find((candidate) => candidate === grade);
  if (knownGrade) filters.grade = knownGrade;
  const q = firstParam(searchParams.q)?.trim().slice(0, 63);
  if (q) filters.q = q;
  return filters;
}

function matches(report: NamespaceReport, filters: OverviewFilters): boolean {
  if (filters.verdict && report.verdict !== filters.verdict) return false;
  if (filters.grade && (report.score.grade ?? 'N/A') !== filters.grade) return false;
  if (filters.q && !report.namespace.includes(filters.q.toLowerCase())) return false;
  return true;
}

export default async function OverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ context: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const context = await requireContext((await params).context);
  const query = await searchParams;
  const base = contextPath(context);
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
  const filters = parseFilters(query);
  const all = cluster.report.namespaces;
  const shown = all.filter((report) => matches(report, filters));
  const byVerdict = (verdict: Verdict) => all.filter((report) => report.verdict === verdict).length;

  return (
    <>
      <PageHeader
        crumbs={[{ label: context.label }]}
        title="Cluster overview"
        aside={<Freshness evaluatedAt={cluster.evaluatedAt} context={context.name} />}
      />

      <AccessNotice gaps={cluster.inventory.accessGaps} hiddenNamespaces={cluster.hiddenNamespaces} />
      {cluster.config?.state === 'invalid' ? <ConfigNotice loaded={cluster.config} /> : null}

      <section aria-label="Summary" className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <SummaryTile label="Namespaces graded" value={all.length} href={base} />
        {(['not-ready', 'incomplete', 'ready-with-risks', 'ready'] as const).map((verdict) => (
          <SummaryTile key={verdict} label={VERDICT_LABELS[verdict]} value={byVerdict(verdict)} href={`${base}?verdict=${verdict}`} />
        ))}
      </section>

      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter namespaces">
        <FilterSelect
          name="verdict"
          label="Verdict"
          value={filters.verdict}
          options={VERDICTS.map((verdict) => ({ value: verdict, label: VERDICT_LABELS[verdict] }))}
        />
        <FilterSelect name="grade" label="Grade" value={filters.grade} options={GRADES.map((grade) => ({ value: grade, label: grade }))} />
        <label className="flex flex-col gap-1">
          <span className="text-slate-700 dark:text-slate-300">Namespace contains</span>
          <input
            name="q"
            defaultValue={filters.q ?? ''}
            maxLength={63}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-white dark:bg-slate-100 dark:text-slate-900">
          Apply
        </button>
        {filters.verdict || filters.grade || filters.q ? (
          <Link href={base} className="py-1.5 underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Namespaces, worst first</caption>
          <thead className="border-b border-slate-200 bg-slate-100 text-xs uppercase tracking-wide text-slate-700 dark:border-slate-800 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <ColumnHeader>Namespace</ColumnHeader>
              <ColumnHeader>Grade</ColumnHeader>
              <ColumnHeader>Verdict</ColumnHeader>
              <ColumnHeader align="right">Failing</ColumnHeader>
              <ColumnHeader align="right">Warnings</ColumnHeader>
              <ColumnHeader>Blocking findings</ColumnHeader>
            </tr>
          </thead>
          <tbody>
            {shown.map((report) => {
              const nsPath = `${base}/ns/${report.namespace}`;
              return (
                <tr
                  key={report.namespace}
                  className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
                  data-namespace={report.namespace}
                >
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={nsPath} className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
                      <ClusterText value={report.namespace} expandable={false} />
                    </Link>
                    {report.partial ? <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">(partial)</span> : null}
                  </th>
                  <td className="px-3 py-2">
                    <GradeBadge score={report.score} />
                  </td>
                  <td className="px-3 py-2">
                    <VerdictBadge verdict={report.verdict} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Link
                      href={`${nsPath}?status=fail`}
                      className="underline-offset-2 hover:underline"
                      aria-label={`${report.counts.fail} failing checks in ${report.namespace}`}
                    >
                      {report.counts.fail}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Link
                      href={`${nsPath}?status=warn`}
                      className="underline-offset-2 hover:underline"
                      aria-label={`${report.counts.warn} warnings in ${report.namespace}`}
                    >
                      {report.counts.warn}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {report.blockingFailures.length === 0 ? (
                      <span className="text-slate-600 dark:text-slate-400">None</span>
                    ) : (
                      <ul className="space-y-0.5">
                        {report.blockingFailures.slice(0, 3).map((item) => (
                          <li key={item.checkId}>
                            <Link href={`${nsPath}#${item.checkId}`} className="underline-offset-2 hover:underline">
                              {checkById(item.checkId)?.title ?? item.checkId}
                            </Link>
                            <span className="text-slate-600 dark:text-slate-400">
                              {' '}
                              · {item.counts.fail} object{item.counts.fail === 1 ? '' : 's'}
                            </span>
                          </li>
                        ))}
                        {report.blockingFailures.length > 3 ? (
                          <li>
                            <Link href={`${nsPath}?status=fail`} className="text-slate-600 underline dark:text-slate-400">
                              and {report.blockingFailures.length - 3} more
                            </Link>
                          </li>
                        ) : null}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                  {all.length === 0
                    ? cluster.report.skipped.length > 0
                      ? 'Nothing was graded: every namespace was left out. See “Not graded” below for which and why.'
                      : 'Nothing was graded: no namespace holds objects Shipshape reads.'
                    : 'No namespace matches these filters.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="matrix" className="mt-8">
        <h2 id="matrix" className="mb-2 text-lg font-semibold">
          Principles by namespace
        </h2>
        <PrincipleMatrix reports={shown} basePath={base} />
      </section>

      <div className="mt-4 space-y-1 text-xs text-slate-600 dark:text-slate-400">
        <p>{SCORE_FORMULA}</p>
        <p>{VERDICT_RULE}</p>
        <p>{targetVersionText(cluster.report.kubernetesVersion)}</p>
        {cluster.config?.state !== 'invalid' ? <ConfigNotice loaded={cluster.config} /> : null}
      </div>

      <SkippedNamespaces skipped={cluster.report.skipped} />

      <InputNotices cluster={cluster} />

      <div className="mt-6">
        <RejectedWaiverList rejected={cluster.report.rejectedWaivers} />
      </div>
    </>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-slate-700 dark:text-slate-300">{label}</span>
      <select
        name={name}
        defaultValue={value ?? ''}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
      >
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function SummaryTile({ label, value, href }: { label: string; value: number; href: string }) {
  return (
    <Link
      href={href}
      className="rounded-md border border-slate-200 bg-white px-3 py-2 hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600"
    >
      <span className="block text-2xl font-semibold tabular-nums">{value}</span>
      <span className="text-sm text-slate-700 dark:text-slate-300">{label}</span>
    </Link>
  );
}

const TARGET_SOURCE: Record<TargetVersion['source'], string> = {
  configuration: 'set by settings.kubernetesVersion in the configuration file',
  server: 'the API server’s own version',
  default: 'the default; settings.kubernetesVersion in the configuration file changes it',
};

function targetVersionText({ version, source }: TargetVersion): string {
  return `API versions are judged against Kubernetes ${version} (${TARGET_SOURCE[source]}).`;
}

const SKIP_LABELS: Record<SkippedNamespace['reason'], string> = {
  system: 'System namespace',
  excluded: 'Excluded',
  hidden: 'Not readable',
};

/** Every namespace left out of the table, with why and how to grade it: nothing is skipped silently. */
function SkippedNamespaces({ skipped }: { skipped: readonly SkippedNamespace[] }) {
  if (skipped.length === 0) return null;
  return (
    <section aria-labelledby="not-graded" className="mt-6 text-sm">
      <h2 id="not-graded" className="mb-1 font-semibold">
        Not graded
      </h2>
      <ul className="list-disc space-y-0.5 pl-5 text-slate-700 dark:text-slate-300" data-testid="skipped-namespaces">
        {skipped.map((entry) => (
          <li key={entry.namespace} data-namespace={entry.namespace} data-reason={entry.reason}>
            <span className="font-mono">{entry.namespace}</span> — {SKIP_LABELS[entry.reason]}
            {entry.reason === 'hidden' ? '' : `, ${entry.objects} object${entry.objects === 1 ? '' : 's'}`}: {entry.detail}.
          </li>
        ))}
      </ul>
    </section>
  );
}

function InputNotices({
  cluster,
}: {
  cluster: { manifestErrors: { file: string; message: string }[]; ignoredKinds: Record<string, number> };
}) {
  const ignored = Object.entries(cluster.ignoredKinds);
  if (cluster.manifestErrors.length === 0 && ignored.length === 0) return null;
  return (
    <section
      aria-label="Input notices"
      className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
    >
      {cluster.manifestErrors.length > 0 ? (
        <>
          <h2 className="font-semibold">Files that could not be read</h2>
          <ul className="mt-1 list-disc pl-5">
            {cluster.manifestErrors.map((error) => (
              <li key={`${error.file}:${error.message}`}>
                <span className="font-mono">
                  <ClusterText value={error.file} />
                </span>
                : <ClusterText value={error.message} limit={SENTENCE_LIMIT} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {ignored.length > 0 ? (
        <p className="mt-1">
          Kinds not graded and ignored:{' '}
          <ClusterText value={ignored.map(([kind, count]) => `${kind} (${count})`).join(', ')} limit={SENTENCE_LIMIT} />.
        </p>
      ) : null}
    </section>
  );
}
