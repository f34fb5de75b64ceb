import { describe, expect, it } from 'vitest';
import type { NamespaceReport } from '../checks/evaluate';
import { matchesOverviewFilters, parseChecklistFilters, parseOverviewFilters } from './route-params';

function report(namespace: string, verdict: NamespaceReport['verdict'], grade: 'A' | 'F' | null): NamespaceReport {
  return {
    namespace,
    items: [],
    score: { value: grade === null ? null : grade === 'A' ? 95 : 20, grade },
    verdict,
    counts: { pass: 0, warn: 0, fail: 0, waived: 0, 'not-evaluated': 0 },
    blockingFailures: [],
    partial: false,
    rejectedWaivers: [],
  };
}

describe('parseOverviewFilters', () => {
  it('keeps known verdicts and grades, and a trimmed search capped at a namespace name’s length', () => {
    expect(parseOverviewFilters({ verdict: 'not-ready', grade: 'N/A', q: '  pay  ' })).toEqual({
      verdict: 'not-ready',
      grade: 'N/A',
      q: 'pay',
    });
    expect(parseOverviewFilters({ q: 'x'.repeat(100) }).q).toHaveLength(63);
  });

  it('keeps a known sort and a page number, and leaves the defaults unset', () => {
    expect(parseOverviewFilters({ sort: 'name', page: '3' })).toEqual({ sort: 'name', page: 3 });
    expect(parseOverviewFilters({ sort: 'score' })).toEqual({ sort: 'score' });
    expect(parseOverviewFilters({ sort: 'verdict', page: '1' })).toEqual({});
    expect(parseOverviewFilters({ sort: 'size', page: '0' })).toEqual({});
    for (const page of ['-2', '1.5', 'x', '01', '9999999', '']) expect(parseOverviewFilters({ page }).page).toBeUndefined();
  });

  it('ignores unknown, empty and repeated-beyond-the-first values', () => {
    expect(parseOverviewFilters({ verdict: 'great', grade: 'Z', q: '   ' })).toEqual({});
    expect(parseOverviewFilters({ verdict: ['ready', 'not-ready'], grade: ['B'] })).toEqual({ verdict: 'ready', grade: 'B' });
    expect(parseOverviewFilters({})).toEqual({});
  });
});

describe('parseChecklistFilters', () => {
  it('keeps a known status and principle and ignores anything else', () => {
    expect(parseChecklistFilters({ status: 'fail', principle: 'probes' })).toEqual({ status: 'fail', principle: 'probes' });
    expect(parseChecklistFilters({ status: 'broken', principle: 'nope' })).toEqual({});
    expect(parseChecklistFilters({ status: ['warn', 'fail'] })).toEqual({ status: 'warn' });
  });
});

describe('matchesOverviewFilters', () => {
  const payments = report('payments', 'not-ready', 'F');
  const empty = report('empty', 'not-graded', null);

  it('matches every filter given, and everything with none', () => {
    expect(matchesOverviewFilters(payments, {})).toBe(true);
    expect(matchesOverviewFilters(payments, { verdict: 'not-ready', grade: 'F', q: 'pay' })).toBe(true);
    expect(matchesOverviewFilters(payments, { verdict: 'ready' })).toBe(false);
    expect(matchesOverviewFilters(payments, { grade: 'A' })).toBe(false);
    expect(matchesOverviewFilters(payments, { q: 'store' })).toBe(false);
  });

  it('searches names case-insensitively and files an ungraded namespace under N/A', () => {
    expect(matchesOverviewFilters(payments, { q: 'PAY' })).toBe(true);
    expect(matchesOverviewFilters(empty, { grade: 'N/A' })).toBe(true);
    expect(matchesOverviewFilters(payments, { grade: 'N/A' })).toBe(false);
  });
});
