import { describe, expect, it } from 'vitest';
import { gradeFor, itemCredit, SCORE_FORMULA, scoreChecklist, VERDICT_RULE, verdictFor } from './scoring';
import type { ChecklistItem, CheckStatus, Severity } from './types';

function item(
  severity: Severity,
  status: CheckStatus,
  counts = { pass: 0, warn: 0, fail: 0 },
  reason?: ChecklistItem['reason'],
): ChecklistItem {
  const entry: ChecklistItem = { checkId: `${severity}-${status}`, principle: 'probes', severity, status, findings: [], counts };
  if (reason) entry.reason = reason;
  return entry;
}

describe('scoreChecklist', () => {
  it('is N/A, not 100, when nothing could be graded', () => {
    const score = scoreChecklist([item('blocking', 'not-evaluated', undefined, 'not-applicable'), item('minor', 'waived')]);
    expect(score).toEqual({ value: null, grade: null });
  });

  it('weights blocking 3, major 2, minor 1 and gives warnings half credit', () => {
    const items = [
      item('blocking', 'pass', { pass: 2, warn: 0, fail: 0 }), // 3 × 1
      item('major', 'fail', { pass: 0, warn: 0, fail: 1 }), // 2 × 0
      item('minor', 'warn', { pass: 0, warn: 1, fail: 0 }), // 1 × 0.5
    ];
    // (3 + 0 + 0.5) / 6 = 58.3
    expect(scoreChecklist(items)).toEqual({ value: 58, grade: 'F' });
  });

  it('credits the share of passing objects', () => {
    expect(itemCredit({ counts: { pass: 3, warn: 0, fail: 1 } })).toBe(0.75);
    expect(itemCredit({ counts: { pass: 1, warn: 2, fail: 1 } })).toBe(0.5);
  });

  it('leaves waived and not-evaluated checks out', () => {
    const items = [
      item('blocking', 'pass', { pass: 1, warn: 0, fail: 0 }),
      item('blocking', 'waived'),
      item('major', 'not-evaluated', undefined, 'forbidden'),
    ];
    expect(scoreChecklist(items).value).toBe(100);
  });
});

describe('observed (live-health) items', () => {
  const observed = (severity: Severity, status: CheckStatus, counts = { pass: 0, warn: 0, fail: 0 }, reason?: ChecklistItem['reason']) => ({
    ...item(severity, status, counts, reason),
    checkId: `observed-${severity}-${status}`,
    principle: 'live-health' as const,
    observed: true as const,
  });

  it('leaves them out of the score', () => {
    const declared = [item('major', 'pass', { pass: 1, warn: 0, fail: 0 })];
    const withLive = [
      ...declared,
      observed('blocking', 'fail', { pass: 0, warn: 0, fail: 4 }),
      observed('minor', 'warn', { pass: 1, warn: 1, fail: 0 }),
    ];
    expect(scoreChecklist(withLive)).toEqual(scoreChecklist(declared));
    expect(scoreChecklist(withLive)).toEqual({ value: 100, grade: 'A' });
  });

  it('does not grade a namespace that has only live state', () => {
    expect(scoreChecklist([observed('major', 'fail', { pass: 0, warn: 0, fail: 1 })])).toEqual({ value: null, grade: null });
  });

  it('never changes the verdict, whatever their status or severity', () => {
    const graded = { value: 95, grade: 'A' as const };
    const declared = [item('blocking', 'pass'), item('minor', 'warn')];
    expect(verdictFor([...declared, observed('blocking', 'fail', { pass: 0, warn: 0, fail: 1 })], graded)).toBe('ready');
    expect(verdictFor([...declared, observed('major', 'fail', { pass: 0, warn: 0, fail: 1 })], graded)).toBe('ready');
    expect(verdictFor([...declared, observed('blocking', 'not-evaluated', undefined, 'forbidden')], graded)).toBe('ready');
  });

  it('says so beside the score and the verdict', () => {
    expect(SCORE_FORMULA).toContain('Live health');
    expect(SCORE_FORMULA).toContain('not graded');
    expect(VERDICT_RULE).toContain('Live health');
  });
});

describe('gradeFor', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [70, 'C'],
    [60, 'D'],
    [59, 'F'],
    [0, 'F'],
  ] as const)('%i → %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });
});

describe('verdictFor', () => {
  const graded = { value: 95, grade: 'A' as const };
  it('is not ready when a blocking check fails, whatever the score', () => {
    expect(verdictFor([item('blocking', 'fail', { pass: 9, warn: 0, fail: 1 })], graded)).toBe('not-ready');
  });
  it('is incomplete when a blocking check could not be read', () => {
    expect(verdictFor([item('blocking', 'not-evaluated', undefined, 'forbidden'), item('major', 'pass')], graded)).toBe('incomplete');
  });
  it('is ready with risks when only non-blocking checks fail', () => {
    expect(verdictFor([item('blocking', 'pass'), item('minor', 'fail')], graded)).toBe('ready-with-risks');
  });
  it('is ready when nothing fails, and not graded without a score', () => {
    expect(verdictFor([item('blocking', 'pass'), item('minor', 'warn')], graded)).toBe('ready');
    expect(verdictFor([], { value: null, grade: null })).toBe('not-graded');
  });
});
