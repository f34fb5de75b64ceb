/**
 * A namespace now, against its last sign-off: what fails that did not, what was fixed, which
 * accepted risks expired, which objects came or went, whether the configuration changed, and
 * whether the sign-off still holds. Pure: the clock is a parameter.
 */
import type { NamespaceReport } from '../checks/evaluate';
import type { Verdict } from '../checks/scoring';
import type { Severity } from '../checks/types';
import { isWaiverExpired } from '../checks/waivers/validate';
import type { NamespaceInventory } from '../inventory';
import { compactResult } from './result';
import type { ReadinessReview, ReviewResult, SinceSignOff } from './types';

/** A graded verdict's rank, better higher: a sign-off holds while the namespace is graded no worse than it was. */
const VERDICT_RANK: Record<string, number> = { 'not-graded': 0, 'not-ready': 1, incomplete: 2, 'ready-with-risks': 3, ready: 4 };

const FINDING_RANK = { pass: 0, waived: 1, warn: 2, fail: 3 } as const;
const SEVERITY_RANK: Record<Severity, number> = { blocking: 0, major: 1, minor: 2 };
type ListedStatus = 'fail' | 'warn' | 'waived';

/** checkId → object → its status in the result (objects that passed are absent). */
function statusByObject(result: ReviewResult): Map<string, Map<string, ListedStatus>> {
  const out = new Map<string, Map<string, ListedStatus>>();
  for (const [checkId, check] of Object.entries(result.checks)) {
    const objects = new Map<string, ListedStatus>();
    for (const status of ['waived', 'warn', 'fail'] as const) for (const object of check[status] ?? []) objects.set(object, status);
    out.set(checkId, objects);
  }
  return out;
}

export interface SinceSignOffDetail extends SinceSignOff {
  newFailures: Array<SinceSignOff['newFailures'][number] & { severity: Severity }>;
  /** The graded verdict now and at sign-off. */
  verdictNow: Verdict;
  verdictThen: string;
  /** Why the sign-off no longer holds, one sentence each; empty while it holds. */
  reasons: string[];
}

/**
 * Compare `current` (the namespace graded now, with the review's own accepted risks applied as
 * waivers) with the result the review kept. A finding is new when its status is worse now than
 * at sign-off; a finding the review accepted and whose acceptance expired is listed once, under
 * `expiredRisks`, not again as new. Checks that cannot be evaluated now tell nothing either way.
 */
export function sinceSignOff(
  review: ReadinessReview,
  current: NamespaceReport,
  currentInventory: NamespaceInventory,
  currentConfigDigest: string,
  now: Date,
): SinceSignOffDetail {
  const then = statusByObject(review.result);
  const currentResult = compactResult(current, currentInventory);
  const expiredRisks = review.acceptedRisks.filter((risk) => isWaiverExpired(risk.expires, now));
  const expiredCovers = (checkId: string, object: string) =>
    expiredRisks.some((risk) => risk.checkId === checkId && (!risk.object || `${risk.object.kind}/${risk.object.name}` === object));

  const newFailures: SinceSignOffDetail['newFailures'] = [];
  const fixed: SinceSignOff['fixed'] = [];
  const currentObjects = new Set(currentResult.objects);
  for (const item of current.items) {
    if (item.observed) continue;
    const before = then.get(item.checkId) ?? new Map<string, ListedStatus>();
    // Not evaluated for lack of access, data or a working check: nothing can be said. Not applicable: its objects are gone.
    if (item.status === 'not-evaluated' && item.reason !== 'not-applicable') continue;
    const nowByObject = new Map<string, ListedStatus>();
    for (const finding of item.findings) {
      const object = `${finding.object.kind}/${finding.object.name}`;
      if (finding.status === 'pass') continue;
      nowByObject.set(object, finding.status);
      if (finding.status === 'waived') continue;
      const previous = before.get(object);
      if (FINDING_RANK[finding.status] <= FINDING_RANK[previous ?? 'pass']) continue;
      if (previous === 'waived' && expiredCovers(item.checkId, object)) continue;
      newFailures.push({ checkId: item.checkId, object, status: finding.status, severity: item.severity });
    }
    for (const [object, status] of before) {
      if (status === 'waived' || nowByObject.has(object)) continue;
      // Passing now, or gone: either way the finding is no longer there.
      fixed.push({ checkId: item.checkId, object });
    }
  }
  // What stops go-live first: failures before warnings, blocking before major before minor.
  newFailures.sort(
    (a, b) =>
      Number(b.status === 'fail') - Number(a.status === 'fail') ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.checkId.localeCompare(b.checkId) ||
      a.object.localeCompare(b.object),
  );
  const thenObjects = new Set(review.result.objects);
  const objectsAdded = currentResult.objects.filter((object) => !thenObjects.has(object));
  const objectsRemoved = review.result.objects.filter((object) => !currentObjects.has(object));
  const configChanged = review.configDigest !== currentConfigDigest;

  const reasons: string[] = [];
  const blocking = newFailures.filter((failure) => failure.status === 'fail' && failure.severity === 'blocking');
  if (blocking.length > 0) reasons.push(`${blocking.length} new blocking failure${blocking.length === 1 ? '' : 's'} since ${review.name}`);
  if (expiredRisks.length > 0)
    reasons.push(
      `${expiredRisks.length} accepted risk${expiredRisks.length === 1 ? '' : 's'} expired (${[...new Set(expiredRisks.map((risk) => risk.expires))].sort().join(', ')})`,
    );
  const rankNow = VERDICT_RANK[current.verdict] ?? 0;
  // The review's own accepted risks become waivers, which grade a namespace "ready with risks" at
  // best: that is the state the team signed, not a move.
  const acceptedCap = review.acceptedRisks.length > 0 ? (VERDICT_RANK['ready-with-risks'] ?? 0) : Number.POSITIVE_INFINITY;
  const rankThen = Math.min(VERDICT_RANK[review.result.verdict] ?? 0, acceptedCap);
  if (rankNow < rankThen) reasons.push(`the graded verdict moved from ${review.result.verdict} to ${current.verdict}`);

  return {
    review: { name: review.name, signedAt: review.signedAt, signer: review.signer, verdict: review.verdict },
    newFailures,
    fixed,
    expiredRisks,
    objectsAdded,
    objectsRemoved,
    configChanged,
    holds: reasons.length === 0,
    verdictNow: current.verdict,
    verdictThen: review.result.verdict,
    reasons,
  };
}
