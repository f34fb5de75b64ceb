import type { Route } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { statusWord } from '@/components/badges/status-badge';
import type { CheckStatus } from '@/lib/checks/types';
import { type ChecklistFilters, hrefs } from '@/lib/web/hrefs';
import { STATUS_ORDER } from '@/lib/web/route-params';

/**
 * The checklist's status filter as links (state in the URL): each keeps the principle filter,
 * with a way to drop that one.
 */
export function StatusFilterLinks({
  context,
  namespace,
  filters,
  counts,
  total,
}: {
  context: string;
  namespace: string;
  filters: ChecklistFilters;
  counts: Record<CheckStatus, number>;
  total: number;
}) {
  const withStatus = (status?: CheckStatus) => hrefs.namespace(context, namespace, { status, principle: filters.principle });
  return (
    <nav aria-label="Filter by status" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-700 dark:text-slate-300">Show:</span>
      <FilterLink href={withStatus()} active={!filters.status}>
        All ({total})
      </FilterLink>
      {STATUS_ORDER.map((status) => (
        <FilterLink key={status} href={withStatus(status)} active={filters.status === status}>
          {statusWord(status)} ({counts[status]})
        </FilterLink>
      ))}
      {filters.principle ? (
        <Link href={hrefs.namespace(context, namespace, { status: filters.status })} className="underline">
          Clear principle filter
        </Link>
      ) : null}
    </nav>
  );
}

function FilterLink({ href, active, children }: { href: Route; active: boolean; children: ReactNode }) {
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
