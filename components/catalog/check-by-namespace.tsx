import Link from 'next/link';
import { StatusBadge } from '@/components/badges/status-badge';
import { WaiverNoteText } from '@/components/checklist/waiver-note';
import { ClusterText } from '@/components/page/cluster-text';
import { ColumnHeader } from '@/components/page/column-header';
import { ObjectRefText } from '@/components/page/object-ref';
import type { NamespaceReport } from '@/lib/checks/evaluate';
import type { Check } from '@/lib/checks/types';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { hrefs } from '@/lib/web/hrefs';

/** Where one check stands in each graded namespace, with the objects that need work and a link to each checklist entry. */
export function CheckByNamespace({ context, check, reports }: { context: string; check: Check; reports: readonly NamespaceReport[] }) {
  return (
    <table className="mt-2 w-full rounded-md border border-slate-200 bg-white text-left text-sm dark:border-slate-800 dark:bg-slate-900">
      <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-300">
        <tr>
          <ColumnHeader>Namespace</ColumnHeader>
          <ColumnHeader>Status</ColumnHeader>
          <ColumnHeader>Objects needing work</ColumnHeader>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => {
          const item = report.items.find((candidate) => candidate.checkId === check.id);
          if (!item) return null;
          const offending = item.findings.filter((finding) => finding.status !== 'pass');
          return (
            <tr key={report.namespace} className="border-t border-slate-100 align-top dark:border-slate-800">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link
                  href={hrefs.namespace(context, report.namespace, { anchor: check.id })}
                  className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                >
                  <ClusterText value={report.namespace} expandable={false} />
                </Link>
              </th>
              <td className="px-3 py-2">
                <StatusBadge status={item.status} />
              </td>
              <td className="px-3 py-2">
                {offending.length === 0 ? (
                  <span className="text-slate-600 dark:text-slate-400">
                    {item.status === 'not-evaluated' ? <ClusterText value={item.reasonDetail ?? ''} limit={SENTENCE_LIMIT} /> : 'None'}
                  </span>
                ) : (
                  <ul className="space-y-0.5">
                    {offending.map((finding) => (
                      <li key={`${finding.object.kind}/${finding.object.name}`}>
                        <ObjectRefText object={finding.object} />{' '}
                        <span className="text-slate-700 dark:text-slate-300">
                          — <ClusterText value={finding.message} limit={SENTENCE_LIMIT} />
                        </span>
                        {finding.waiver ? <WaiverNoteText note={finding.waiver} /> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
