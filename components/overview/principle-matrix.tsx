import Link from 'next/link';
import { StatusBadge, statusWord } from '@/components/badges/status-badge';
import { ClusterText } from '@/components/page/cluster-text';
import type { NamespaceReport } from '@/lib/checks/evaluate';
import { PRINCIPLES, worstStatus } from '@/lib/checks/principles';
import { hrefs, principleAnchor } from '@/lib/web/hrefs';

/**
 * Namespaces × principles: where each team stands on each principle, at a glance. Each cell is
 * the worst status of that principle's checks and links to that part of the checklist.
 */
export function PrincipleMatrix({ context, reports }: { context: string; reports: readonly NamespaceReport[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Worst status of each principle in each namespace</caption>
        <thead className="border-b border-slate-200 bg-slate-100 text-slate-700 dark:border-slate-800 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-2 py-2">
              Namespace
            </th>
            {PRINCIPLES.map((principle) => (
              <th key={principle.id} scope="col" className="px-1 py-2 font-medium">
                <abbr title={principle.title} className="no-underline">
                  {principle.shortTitle}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr
              key={report.namespace}
              className="border-b border-slate-100 last:border-0 dark:border-slate-800"
              data-matrix-namespace={report.namespace}
            >
              <th scope="row" className="px-2 py-1.5 font-medium">
                <ClusterText value={report.namespace} />
              </th>
              {PRINCIPLES.map((principle) => {
                const status = worstStatus(report.items.filter((item) => item.principle === principle.id));
                return (
                  <td key={principle.id} className="px-1 py-1.5">
                    <Link
                      href={hrefs.namespace(context, report.namespace, { anchor: principleAnchor(principle.id) })}
                      aria-label={`${report.namespace}, ${principle.title}: ${statusWord(status)}`}
                      className="inline-block rounded hover:opacity-80"
                    >
                      <StatusBadge status={status} />
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
