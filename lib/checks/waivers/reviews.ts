/**
 * Waivers from go-live reviews: the newest valid ReadinessReview of a namespace contributes its
 * accepted risks, with the rules of annotation and configuration waivers (visible as waived,
 * expiring, reason required; an unknown check rejects that risk). A review that fails validation
 * is listed as a rejected waiver naming it, never trusted and never an outage; an older valid
 * review then still applies, since the invalid one cannot be said to replace it. Pure.
 */
import type { KubeObject } from '../../k8s/objects';
import { newestFirst } from '../../review/names';
import { fromReviewObject } from '../../review/schema';
import type { ReadinessReview } from '../../review/types';
import { quoteText } from '../../text';
import { type CollectedWaivers, rejection, unknownCheckProblem, type Waiver } from './validate';

export interface ReviewWaivers extends CollectedWaivers {
  /** The review whose accepted risks apply: the newest valid one. */
  review?: ReadinessReview;
}

function reviewSource(object: KubeObject): string {
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  return `ReadinessReview ${quoteText(name, 63)}`;
}

/** The waivers the reviews written in `namespace` contribute, and the reviews (or risks) rejected. */
export function namespaceReviewWaivers(
  namespace: string,
  reviewObjects: readonly KubeObject[],
  knownCheckIds: ReadonlySet<string>,
): ReviewWaivers {
  const collected: ReviewWaivers = { waivers: [], rejected: [] };
  const valid: ReadinessReview[] = [];
  for (const object of reviewObjects) {
    const parsed = fromReviewObject(object);
    if (parsed.ok && parsed.review.namespace === namespace) valid.push(parsed.review);
    else
      collected.rejected.push(
        rejection(`${reviewSource(object)} in ${namespace}`, parsed.ok ? ['it names another namespace'] : parsed.problems, { namespace }),
      );
  }
  const newest = valid.sort(newestFirst)[0];
  if (!newest) return collected;
  collected.review = newest;
  for (const [index, risk] of newest.acceptedRisks.entries()) {
    const source = `ReadinessReview ${newest.name}`;
    if (!knownCheckIds.has(risk.checkId)) {
      collected.rejected.push(
        rejection(`${source} (accepted risk ${index + 1})`, [unknownCheckProblem(risk.checkId, knownCheckIds)], { namespace }),
      );
      continue;
    }
    const waiver: Waiver = {
      checkId: risk.checkId,
      namespace,
      reason: risk.reason,
      approvedBy: risk.acceptedBy,
      expires: risk.expires,
      source,
    };
    if (risk.object) waiver.object = { kind: risk.object.kind, name: risk.object.name, namespace };
    collected.waivers.push(waiver);
  }
  return collected;
}
