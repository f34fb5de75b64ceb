import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { REVIEW_VERDICT_LABELS } from '@/lib/review/sign-off-form';
import type { AcceptedRisk, ReadinessReview, ReviewUnavailable, Signer, SinceSignOff } from '@/lib/review/types';

/*
 * The pieces every review view shares: the signer with whether the cluster verified it, the
 * verdict, the accepted risks, "since sign-off", and why reviews cannot be written here.
 * Everything stored in a review is hostile input: it goes through ClusterText.
 */

export function utcTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 40) : `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** "alice (verified by the cluster)" or "Dana (not verified: typed in snapshot mode)". */
export function SignerText({ signer }: { signer: Pick<Signer, 'username' | 'verified'> }) {
  return (
    <span data-signer={signer.username} data-verified={signer.verified}>
      <span className="font-mono">
        <ClusterText value={signer.username} />
      </span>{' '}
      <span className="text-slate-600 print:text-black dark:text-slate-400">
        {signer.verified ? '(verified by the cluster)' : '(not verified: typed in snapshot mode)'}
      </span>
    </span>
  );
}

const VERDICT_STYLE: Record<ReadinessReview['verdict'], string> = {
  ready: 'border-emerald-600 text-emerald-900 dark:text-emerald-200',
  'ready-with-accepted-risks': 'border-amber-600 text-amber-900 dark:text-amber-200',
  'not-ready': 'border-rose-600 text-rose-900 dark:text-rose-200',
};

/** The signed verdict, in words (never colour alone). */
export function ReviewVerdictBadge({ verdict }: { verdict: ReadinessReview['verdict'] }) {
  return (
    <span
      className={`rounded border px-2 py-0.5 text-sm font-semibold print:border-black print:text-black ${VERDICT_STYLE[verdict]}`}
      data-review-verdict={verdict}
    >
      {REVIEW_VERDICT_LABELS[verdict]}
    </span>
  );
}

export function AcceptedRiskList({ risks }: { risks: readonly AcceptedRisk[] }) {
  if (risks.length === 0) return <p className="text-sm">No risk accepted.</p>;
  return (
    <ul className="mt-1 space-y-2 text-sm">
      {risks.map((risk) => (
        <li
          key={`${risk.checkId}/${risk.object?.kind}/${risk.object?.name}`}
          className="break-inside-avoid border-l-2 border-amber-500 pl-3 print:border-black"
          data-accepted-risk={risk.checkId}
        >
          <p>
            <span className="font-mono">{risk.checkId}</span> on{' '}
            {risk.object ? (
              <span className="font-mono">
                <ClusterText value={`${risk.object.kind}/${risk.object.name}`} />
              </span>
            ) : (
              'the whole namespace'
            )}
            , accepted until <span className="font-semibold">{risk.expires}</span> by <ClusterText value={risk.acceptedBy} />
          </p>
          <p>
            Reason: <ClusterText value={risk.reason} limit={SENTENCE_LIMIT} />
          </p>
        </li>
      ))}
    </ul>
  );
}

function ChangeList({ title, entries, testId }: { title: string; entries: readonly string[]; testId: string }) {
  return (
    <div className="break-inside-avoid" data-since={testId} data-count={entries.length}>
      <h4 className="font-semibold">
        {title} ({entries.length})
      </h4>
      {entries.length === 0 ? (
        <p className="text-slate-600 print:text-black dark:text-slate-400">None.</p>
      ) : (
        <ul className="list-disc pl-5 font-mono text-xs">
          {entries.slice(0, 50).map((entry) => (
            <li key={entry}>
              <ClusterText value={entry} />
            </li>
          ))}
          {entries.length > 50 ? <li className="font-sans">and {entries.length - 50} more</li> : null}
        </ul>
      )}
    </div>
  );
}

/** What moved since the last sign-off: new failures, fixes, lapsed acceptances, objects and configuration. */
export function SinceSignOffDetails({ since }: { since: SinceSignOff }) {
  return (
    <div className="mt-2 text-sm" data-since-holds={since.holds}>
      <p className="font-semibold" data-since-summary="">
        {since.holds
          ? 'The sign-off still holds: no new blocking failure, no accepted risk has expired, and the verdict has not moved.'
          : 'The sign-off no longer holds: something below needs a new review.'}
      </p>
      <div className="mt-2 grid gap-3 md:grid-cols-2 print:grid-cols-2">
        <ChangeList
          title="New failures"
          testId="new-failures"
          entries={since.newFailures.map((entry) => `${entry.checkId} ${entry.object} (${entry.status})`)}
        />
        <ChangeList title="Fixed" testId="fixed" entries={since.fixed.map((entry) => `${entry.checkId} ${entry.object}`)} />
        <ChangeList
          title="Accepted risks that expired"
          testId="expired-risks"
          entries={since.expiredRisks.map(
            (risk) => `${risk.checkId} ${risk.object ? `${risk.object.kind}/${risk.object.name}` : '(namespace)'} on ${risk.expires}`,
          )}
        />
        <ChangeList title="Objects added" testId="objects-added" entries={since.objectsAdded} />
        <ChangeList title="Objects removed" testId="objects-removed" entries={since.objectsRemoved} />
        <div data-since="config-changed" data-changed={since.configChanged}>
          <h4 className="font-semibold">Configuration</h4>
          <p>{since.configChanged ? 'Changed since the sign-off: the checks may grade differently.' : 'Unchanged.'}</p>
        </div>
      </div>
    </div>
  );
}

const UNAVAILABLE_TITLE: Record<ReviewUnavailable['reason'], string> = {
  'read-only': 'Reviews are read-only here',
  'crd-missing': 'Reviews are not installed in this cluster',
  forbidden: 'You may not sign off in this namespace',
  unreachable: 'Reviews could not be read',
  invalid: 'Reviews could not be read',
};

/** Why signing (or reading reviews) is not possible here, and how to fix it, from the store's own words. */
export function ReviewUnavailableNotice({
  unavailable,
  checklistStillWorks = true,
}: {
  unavailable: ReviewUnavailable;
  checklistStillWorks?: boolean;
}) {
  return (
    <section
      aria-label="Reviews unavailable"
      data-review-unavailable={unavailable.reason}
      className="mb-4 rounded-md border border-slate-300 bg-slate-100 p-3 text-sm print:hidden dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 className="font-semibold">{UNAVAILABLE_TITLE[unavailable.reason]}</h2>
      <p className="mt-1">
        <ClusterText value={unavailable.message} limit={SENTENCE_LIMIT} />
      </p>
      {unavailable.hint ? (
        <p className="mt-1">
          <span className="font-medium">How to fix it:</span> <ClusterText value={unavailable.hint} limit={SENTENCE_LIMIT} />
        </p>
      ) : null}
      {checklistStillWorks ? (
        <p className="mt-1 text-slate-600 dark:text-slate-400">The checklist and the reports work as usual, read-only.</p>
      ) : null}
    </section>
  );
}
