/**
 * The overview at cluster scale: filter, sort and page the namespace rows on the server, so a
 * page holds at most OVERVIEW_PAGE_SIZE rows (and its principle matrix as many) whatever the
 * size of the cluster. Pure: the page and its tests share it.
 */
import type { NamespaceReport } from '../checks/evaluate';
import type { OverviewFilters, OverviewSort } from './hrefs';

/**
 * Rows per overview page. A row costs ~30 KB of HTML and RSC payload (the principle matrix is
 * 15 linked badges), so 50 rows keep a page near 1.5 MB whatever the size of the cluster.
 */
export const OVERVIEW_PAGE_SIZE = 50;

export const OVERVIEW_SORTS: readonly { value: OverviewSort; label: string }[] = [
  { value: 'verdict', label: 'Worst first' },
  { value: 'score', label: 'Lowest score first' },
  { value: 'name', label: 'Name' },
];

const byName = (a: NamespaceReport, b: NamespaceReport) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0);

/** No score (nothing graded) sorts after every score, as in the cluster report's own order. */
const scoreOf = (report: NamespaceReport) => report.score.value ?? 101;

/**
 * Rows in the requested order. `verdict` keeps the report's own order (worst verdict, then
 * lowest score, then name: evaluateCluster sorts it so); the others sort a copy.
 */
export function sortReports(reports: readonly NamespaceReport[], sort: OverviewSort | undefined): readonly NamespaceReport[] {
  if (sort === 'name') return [...reports].sort(byName);
  if (sort === 'score') return [...reports].sort((a, b) => scoreOf(a) - scoreOf(b) || byName(a, b));
  return reports;
}

export interface OverviewPage {
  /** The rows of this page, in order. */
  rows: readonly NamespaceReport[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  pageCount: number;
  /** Rows matching the filters, over all pages. */
  matching: number;
  /** 1-based position of the first row shown (0 when there is none). */
  first: number;
  last: number;
}

/** One page of `reports` (already filtered), sorted as asked; a page past the end shows the last one. */
export function overviewPage(
  reports: readonly NamespaceReport[],
  filters: Pick<OverviewFilters, 'sort' | 'page'>,
  pageSize: number = OVERVIEW_PAGE_SIZE,
): OverviewPage {
  const pageCount = Math.max(1, Math.ceil(reports.length / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(filters.page ?? 1)), pageCount);
  const start = (page - 1) * pageSize;
  const rows = sortReports(reports, filters.sort).slice(start, start + pageSize);
  return {
    rows,
    page,
    pageCount,
    matching: reports.length,
    first: rows.length === 0 ? 0 : start + 1,
    last: start + rows.length,
  };
}

/** A page number from the query: a positive integer, else undefined (the first page). */
export function parsePageNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}
