import Link from 'next/link';
import { hrefs, type OverviewFilters } from '@/lib/web/hrefs';
import type { OverviewPage } from '@/lib/web/overview-page';

const number = new Intl.NumberFormat('en');

/** Which rows the overview shows, and links to the pages before and after (kept filters and sort). Nothing on a single page. */
export function OverviewPager({ context, filters, page }: { context: string; filters: OverviewFilters; page: OverviewPage }) {
  if (page.pageCount <= 1) return null;
  const to = (target: number) => hrefs.context(context, { ...filters, page: target });
  const linkClass = 'rounded border border-slate-300 px-2 py-1 underline-offset-2 hover:underline dark:border-slate-600';
  return (
    <nav aria-label="Namespace pages" className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-700 dark:text-slate-300" data-overview-range>
        Namespaces {number.format(page.first)}–{number.format(page.last)} of {number.format(page.matching)} · page {page.page} of{' '}
        {page.pageCount}
      </span>
      {page.page > 1 ? (
        <>
          <Link href={to(1)} className={linkClass}>
            First
          </Link>
          <Link href={to(page.page - 1)} rel="prev" className={linkClass}>
            Previous
          </Link>
        </>
      ) : null}
      {page.page < page.pageCount ? (
        <>
          <Link href={to(page.page + 1)} rel="next" className={linkClass}>
            Next
          </Link>
          <Link href={to(page.pageCount)} className={linkClass}>
            Last
          </Link>
        </>
      ) : null}
    </nav>
  );
}
