import { describe, expect, it } from 'vitest';
import type { NamespaceReport } from '../checks/evaluate';
import { OVERVIEW_PAGE_SIZE, overviewPage, parsePageNumber, sortReports } from './overview-page';

function report(namespace: string, score: number | null, verdict: NamespaceReport['verdict'] = 'not-ready'): NamespaceReport {
  return {
    namespace,
    items: [],
    score: { value: score, grade: score === null ? null : score >= 90 ? 'A' : 'F' },
    verdict,
    counts: { pass: 0, warn: 0, fail: 0, waived: 0, 'not-evaluated': 0 },
    blockingFailures: [],
    partial: false,
    rejectedWaivers: [],
  };
}

const names = (rows: readonly NamespaceReport[]) => rows.map((row) => row.namespace);

describe('sortReports', () => {
  const reports = [report('orders', 40), report('billing', null, 'not-graded'), report('search', 95, 'ready'), report('catalog', 40)];

  it('keeps the report’s own worst-first order by default', () => {
    expect(sortReports(reports, undefined)).toBe(reports);
    expect(sortReports(reports, 'verdict')).toBe(reports);
  });

  it('sorts by name, and by lowest score with names breaking ties and ungraded last', () => {
    expect(names(sortReports(reports, 'name'))).toEqual(['billing', 'catalog', 'orders', 'search']);
    expect(names(sortReports(reports, 'score'))).toEqual(['catalog', 'orders', 'search', 'billing']);
    // A copy: the cluster report's own order is shared with other pages.
    expect(names(reports)).toEqual(['orders', 'billing', 'search', 'catalog']);
  });
});

describe('overviewPage', () => {
  const many = Array.from({ length: 250 }, (_, index) => report(`ns-${String(index).padStart(3, '0')}`, index % 100));

  it('holds at most a page of rows, and says which', () => {
    expect(overviewPage(many, {}).rows).toHaveLength(OVERVIEW_PAGE_SIZE);
    const first = overviewPage(many, {}, 100);
    expect(first.rows).toHaveLength(100);
    expect(first).toMatchObject({ page: 1, pageCount: 3, matching: 250, first: 1, last: 100 });
    const last = overviewPage(many, { page: 3 }, 100);
    expect(last).toMatchObject({ page: 3, first: 201, last: 250 });
    expect(names(last.rows)[0]).toBe('ns-200');
  });

  it('sorts before it pages, so page 2 continues page 1', () => {
    const byScore = [
      ...overviewPage(many, { sort: 'score', page: 1 }, 100).rows,
      ...overviewPage(many, { sort: 'score', page: 2 }, 100).rows,
    ];
    expect(byScore.map((row) => row.score.value)).toEqual([...byScore.map((row) => row.score.value)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(names(byScore)).size).toBe(200);
  });

  it('shows the last page for a page past the end, and one empty page when nothing matches', () => {
    expect(overviewPage(many, { page: 99 }, 100)).toMatchObject({ page: 3, first: 201 });
    expect(overviewPage([], { page: 4 })).toMatchObject({ rows: [], page: 1, pageCount: 1, matching: 0, first: 0, last: 0 });
  });

  it('reads a page number only as a plain positive integer', () => {
    expect(parsePageNumber('12')).toBe(12);
    for (const value of [undefined, '', '0', '-1', '2.5', '1e3', ' 3', '0x10']) expect(parsePageNumber(value)).toBeUndefined();
  });
});
