/**
 * Scoring: one small function, and the formula the pages print beside every score.
 */
import type { ChecklistItem, Severity } from './types';

export const SEVERITY_WEIGHTS: Record<Severity, number> = { blocking: 3, major: 2, minor: 1 };

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/** Lower bound of each grade, best first. */
export const GRADE_THRESHOLDS: readonly { grade: Grade; min: number }[] = [
  { grade: 'A', min: 90 },
  { grade: 'B', min: 80 },
  { grade: 'C', min: 70 },
  { grade: 'D', min: 60 },
  { grade: 'F', min: 0 },
];

/** Printed next to every score, so nobody has to guess how it was computed. */
export const SCORE_FORMULA =
  'Score = Σ(weight × credit) ÷ Σ(weight) over evaluated checks. Credit = (passing objects + ½ × warning objects) ÷ objects checked. ' +
  'Weights: blocking 3, major 2, minor 1. Waived objects, and waived or not-evaluated checks, are left out. Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F. ' +
  'Live health (what the cluster observes right now) is shown but not graded, so a grade can be reproduced from the manifests alone.';

export const VERDICT_RULE =
  'Not ready if any blocking check fails. Incomplete if a blocking check could not be evaluated (access denied, data unavailable or an internal error). ' +
  'Ready with risks if a non-blocking check fails or a finding is waived (an accepted risk). Otherwise ready. Live health is shown beside the verdict but never changes it.';

export interface Score {
  /** 0–100, or null when nothing could be graded (shown as N/A, never as 100). */
  value: number | null;
  grade: Grade | null;
}

/** Credit of one evaluated item: the share of its objects that pass, warnings counting half. */
export function itemCredit(item: Pick<ChecklistItem, 'counts'>): number {
  const { pass, warn, fail } = item.counts;
  const total = pass + warn + fail;
  return total === 0 ? 0 : (pass + warn / 2) / total;
}

/** Is this item part of the grade? Observed (live-state) items are shown beside it instead. */
export function isGraded(item: Pick<ChecklistItem, 'observed'>): boolean {
  return item.observed !== true;
}

/**
 * Could this item not be read (access denied, data unavailable, the check failed with an internal
 * error)? A check that is not applicable,
 * or disabled in the configuration (left out on purpose), is not a gap in the review.
 */
export function isUnread(item: Pick<ChecklistItem, 'status' | 'reason'>): boolean {
  return item.status === 'not-evaluated' && item.reason !== 'not-applicable' && item.reason !== 'disabled';
}

export function scoreChecklist(items: readonly ChecklistItem[]): Score {
  let weighted = 0;
  let totalWeight = 0;
  for (const item of items) {
    if (!isGraded(item)) continue;
    if (item.status !== 'pass' && item.status !== 'warn' && item.status !== 'fail') continue;
    const weight = SEVERITY_WEIGHTS[item.severity];
    weighted += weight * itemCredit(item);
    totalWeight += weight;
  }
  if (totalWeight === 0) return { value: null, grade: null };
  const value = Math.round((100 * weighted) / totalWeight);
  return { value, grade: gradeFor(value) };
}

export function gradeFor(score: number): Grade {
  return (GRADE_THRESHOLDS.find((threshold) => score >= threshold.min) ?? { grade: 'F' as const }).grade;
}

export type Verdict = 'ready' | 'ready-with-risks' | 'incomplete' | 'not-ready' | 'not-graded';

export const VERDICT_LABELS: Record<Verdict, string> = {
  ready: 'Ready',
  'ready-with-risks': 'Ready with risks',
  incomplete: 'Incomplete',
  'not-ready': 'Not ready',
  'not-graded': 'Not graded',
};

/** The go-live verdict comes from what fails, not from the percentage. */
export function verdictFor(allItems: readonly ChecklistItem[], score: Score): Verdict {
  if (score.value === null) return 'not-graded';
  const items = allItems.filter(isGraded);
  if (items.some((item) => item.severity === 'blocking' && item.status === 'fail')) return 'not-ready';
  if (items.some((item) => item.severity === 'blocking' && isUnread(item))) return 'incomplete';
  // A waiver is a risk the team accepted: ready, but with that risk.
  if (items.some((item) => item.status === 'fail' || item.status === 'waived' || (item.counts.waived ?? 0) > 0)) return 'ready-with-risks';
  return 'ready';
}
