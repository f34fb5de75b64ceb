/**
 * A namespace's last sign-off as the report documents carry it (JSON, Markdown): the review's
 * head, its accepted risks, and the state since. Pure.
 */
import type { ReadinessReview, SinceSignOff } from '../review/types';
import type { ReportSignOff } from './model';

export function reportSignOff(review: ReadinessReview, since: SinceSignOff): ReportSignOff {
  return {
    review: review.name,
    verdict: review.verdict,
    signedAt: review.signedAt,
    signer: { username: review.signer.username, verified: review.signer.verified },
    notes: review.notes,
    acceptedRisks: review.acceptedRisks.map((risk) => ({
      checkId: risk.checkId,
      ...(risk.object ? { object: { kind: risk.object.kind, name: risk.object.name } } : {}),
      reason: risk.reason,
      expires: risk.expires,
      acceptedBy: risk.acceptedBy,
    })),
    fixBeforeGoLive: review.fixBeforeGoLive.length,
    since: {
      holds: since.holds,
      newFailures: since.newFailures.map(({ checkId, object, status }) => ({ checkId, object, status })),
      fixed: since.fixed.map(({ checkId, object }) => ({ checkId, object })),
      expiredRisks: since.expiredRisks.map((risk) => ({
        checkId: risk.checkId,
        ...(risk.object ? { object: `${risk.object.kind}/${risk.object.name}` } : {}),
        expires: risk.expires,
      })),
      objectsAdded: [...since.objectsAdded],
      objectsRemoved: [...since.objectsRemoved],
      configChanged: since.configChanged,
    },
  };
}
