import Link from 'next/link';
import { GradeBadge, VerdictBadge } from '@/components/badges/grade-badge';
import { ClusterText } from '@/components/page/cluster-text';
import { ColumnHeader } from '@/components/page/column-header';
import { type SignOffMark, SignOffMarker } from '@/components/review/sign-off-marker';
import { checkById } from '@/lib/checks/catalog';
import type { NamespaceReport } from '@/lib/checks/evaluate';
import { hrefs } from '@/lib/web/hrefs';

/** Blocking findings listed per row before the rest is a link to the failing list. */
const BLOCKING_SHOWN = 3;

/**
 * The graded namespaces, worst first: grade, verdict, counts that link to the checks behind them,
 * and the first blocking findings. Says why when there is no row.
 */
export function NamespaceTable({
  context,
  reports,
  graded,
  skipped,
  caption = 'Namespaces, worst first',
  signOffs,
}: {
  context: string;
  /** The rows to show (after the filters). */
  reports: readonly NamespaceReport[];
  /** How many namespaces were graded in all. */
  graded: number;
  /** How many namespaces were left out of grading. */
  skipped: number;
  /** For screen readers: what the rows are and in which order. */
  caption?: string;
  /** Each signed-off namespace's last sign-off, and whether it still holds. */
  signOffs?: ReadonlyMap<string, SignOffMark>;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
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
          {reports.map((report) => (
            <NamespaceRow key={report.namespace} context={context} report={report} signOff={signOffs?.get(report.namespace)} />
          ))}
          {reports.length === 0 ? (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                {graded === 0
                  ? skipped > 0
                    ? 'Nothing was graded: every namespace was left out. See “Not graded” below for which and why.'
                    : 'Nothing was graded: no namespace holds objects Shipshape reads.'
                  : 'No namespace matches these filters.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function NamespaceRow({ context, report, signOff }: { context: string; report: NamespaceReport; signOff: SignOffMark | undefined }) {
  const { namespace } = report;
  return (
    <tr className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800" data-namespace={namespace}>
      <th scope="row" className="px-3 py-2 font-medium">
        <Link href={hrefs.namespace(context, namespace)} className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
          <ClusterText value={namespace} expandable={false} />
        </Link>
        {report.partial ? <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">(partial)</span> : null}
        <SignOffMarker context={context} namespace={namespace} mark={signOff} />
      </th>
      <td className="px-3 py-2">
        <GradeBadge score={report.score} />
      </td>
      <td className="px-3 py-2">
        <VerdictBadge verdict={report.verdict} />
      </td>
      <td className="px-3 py-2 text-right tabular-nums">
        <Link
          href={hrefs.namespace(context, namespace, { status: 'fail' })}
          className="underline-offset-2 hover:underline"
          aria-label={`${report.counts.fail} failing checks in ${namespace}`}
        >
          {report.counts.fail}
        </Link>
      </td>
      <td className="px-3 py-2 text-right tabular-nums">
        <Link
          href={hrefs.namespace(context, namespace, { status: 'warn' })}
          className="underline-offset-2 hover:underline"
          aria-label={`${report.counts.warn} warnings in ${namespace}`}
        >
          {report.counts.warn}
        </Link>
      </td>
      <td className="px-3 py-2">
        {report.blockingFailures.length === 0 ? (
          <span className="text-slate-600 dark:text-slate-400">None</span>
        ) : (
          <ul className="space-y-0.5">
            {report.blockingFailures.slice(0, BLOCKING_SHOWN).map((item) => (
              <li key={item.checkId}>
                <Link href={hrefs.namespace(context, namespace, { anchor: item.checkId })} className="underline-offset-2 hover:underline">
                  {checkById(item.checkId)?.title ?? item.checkId}
                </Link>
                <span className="text-slate-600 dark:text-slate-400">
                  {' '}
                  · {item.counts.fail} object{item.counts.fail === 1 ? '' : 's'}
                </span>
              </li>
            ))}
            {report.blockingFailures.length > BLOCKING_SHOWN ? (
              <li>
                <Link
                  href={hrefs.namespace(context, namespace, { status: 'fail' })}
                  className="text-slate-600 underline dark:text-slate-400"
                >
                  and {report.blockingFailures.length - BLOCKING_SHOWN} more
                </Link>
              </li>
            ) : null}
          </ul>
        )}
      </td>
    </tr>
  );
}
