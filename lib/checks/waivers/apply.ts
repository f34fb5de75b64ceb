/**
 * Applying waivers to checklist items, after the checks ran: a finding covered by a waiver in
 * force is shown as waived (never hidden); one covered only by an expired waiver counts again and
 * says so. Pure: the clock is a parameter.
 */
import type { ChecklistItem, ItemFinding, ObjectFinding, WaiverNote } from '../types';
import { isWaiverExpired, type Waiver } from './validate';

/**
 * Does a waiver of the finding's check cover this finding? A namespace-wide waiver covers every
 * object; an object waiver covers that object (kind and name, and namespace unless either is cluster-scoped).
 */
function covers(waiver: Waiver, finding: Pick<ObjectFinding, 'object'>): boolean {
  if (!waiver.object) return true;
  const { object } = finding;
  if (object.kind !== waiver.object.kind || object.name !== waiver.object.name) return false;
  return object.namespace === undefined || waiver.object.namespace === undefined || object.namespace === waiver.object.namespace;
}

function noteOf(waiver: Waiver, state: WaiverNote['state']): WaiverNote {
  return { state, reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires, source: waiver.source };
}

/** Object waivers before namespace ones (the nearer decision wins), then the one that lasts longest. */
function byPrecedence(a: Waiver, b: Waiver): number {
  return Number(b.object !== undefined) - Number(a.object !== undefined) || b.expires.localeCompare(a.expires);
}

const FINDING_RANK: Record<ItemFinding['status'], number> = { fail: 0, warn: 1, waived: 2, pass: 3 };

/**
 * Apply waivers to one checklist item. Failing and warning findings covered by a waiver in
 * force become `waived` (keeping their object and message); findings covered only by expired
 * waivers keep their status and carry the expired waiver, so the page can say so. The item is
 * `waived` when every finding that is not a pass is waived; waived objects count toward neither
 * side of the item's credit.
 */
export function applyWaivers(item: ChecklistItem, waivers: readonly Waiver[], now: Date): ChecklistItem {
  if (item.status !== 'fail' && item.status !== 'warn') return item;
  const relevant = waivers.filter((waiver) => waiver.checkId === item.checkId);
  if (relevant.length === 0) return item;
  const counts = { pass: 0, warn: 0, fail: 0, waived: 0 };
  const findings = item.findings.map((finding): ItemFinding => {
    if (finding.status !== 'fail' && finding.status !== 'warn') {
      counts[finding.status] += 1;
      return finding;
    }
    const matching = relevant.filter((waiver) => covers(waiver, finding)).sort(byPrecedence);
    const active = matching.find((waiver) => !isWaiverExpired(waiver.expires, now));
    if (active) {
      counts.waived += 1;
      return { ...finding, status: 'waived', waivedStatus: finding.status, waiver: noteOf(active, 'active') };
    }
    counts[finding.status] += 1;
    const expired = matching[0];
    return expired ? { ...finding, waiver: noteOf(expired, 'expired') } : finding;
  });
  if (counts.waived === 0 && findings.every((finding, index) => finding === item.findings[index])) return item;
  const status = counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : counts.waived > 0 ? 'waived' : 'pass';
  findings.sort((a, b) => FINDING_RANK[a.status] - FINDING_RANK[b.status]);
  return { ...item, status, findings, counts };
}

/** One sentence about a waiver, for pages and the CLI. */
export function describeWaiverNote(note: WaiverNote): string {
  return note.state === 'active'
    ? `Waived until ${note.expires}, approved by ${note.approvedBy}: ${note.reason}`
    : `Waiver expired on ${note.expires} (approved by ${note.approvedBy}: ${note.reason}); the finding counts again.`;
}
