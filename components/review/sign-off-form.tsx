'use client';

import type { Route } from 'next';
import Link from 'next/link';
import { useActionState } from 'react';
import { SeverityTag } from '@/components/badges/severity-tag';
import { StatusBadge } from '@/components/badges/status-badge';
import { ClusterText } from '@/components/page/cluster-text';
import { ObjectRefText } from '@/components/page/object-ref';
import { MAX_APPROVER_LENGTH, MAX_REASON_LENGTH } from '@/lib/checks/waivers/validate';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import {
  EMPTY_FIELDS,
  MAX_NOTES_LENGTH,
  MAX_SIGNER_LENGTH,
  type OpenFinding,
  REVIEW_VERDICT_LABELS,
  REVIEW_VERDICTS,
  type RowFields,
} from '@/lib/review/sign-off-form';
import type { Signer } from '@/lib/review/types';
import { signOff } from '@/lib/web/sign-off-action';
import { IDLE_SIGN_OFF, type SignOffState } from '@/lib/web/sign-off-state';

/** An open finding with its check's title (the catalog stays on the server). */
export type ReviewRow = OpenFinding & { title: string };

const FIELD = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

const DEFAULT_ROW: RowFields = { decision: 'fix', reason: '', expires: '', acceptedBy: '' };

/**
 * The go-live review: a decision per open finding, a verdict, notes, and "Sign off". A plain POST
 * form bound to a server action, so it works without JavaScript; after an error or a conflict the
 * page comes back with the reviewer's input in every field.
 */
export function SignOffForm({
  context,
  namespace,
  rows,
  previous,
  signer,
  earliest,
  latest,
  reloadHref,
}: {
  context: string;
  namespace: string;
  rows: readonly ReviewRow[];
  /** The newest review when the page was read: the one this sign-off follows. */
  previous: string | undefined;
  /** Who signs: verified from the cluster, or undefined in snapshot mode (the reviewer types a name). */
  signer: Signer | undefined;
  earliest: string;
  latest: string;
  reloadHref: Route;
}) {
  const [state, action, pending] = useActionState(signOff, IDLE_SIGN_OFF);
  const fields = state.status === 'idle' ? EMPTY_FIELDS : state.fields;
  const verdict = fields.verdict || (rows.length === 0 ? 'ready' : 'not-ready');
  return (
    <form action={action} className="space-y-6" data-sign-off-form="" aria-describedby="sign-off-outcome">
      <SignOffOutcome state={state} reloadHref={reloadHref} />
      {/* Remounted after each answer, so every field shows what was sent, not what was first rendered. */}
      <div key={state.attempt} className="space-y-6">
        <input type="hidden" name="context" value={context} />
        <input type="hidden" name="namespace" value={namespace} />
        <input type="hidden" name="previous" value={state.status === 'idle' ? (previous ?? '') : fields.previous} />

        <section aria-labelledby="open-findings">
          <h2 id="open-findings" className="text-lg font-semibold">
            Open findings ({rows.length})
          </h2>
          {rows.length === 0 ? (
            <p className="mt-1 text-sm">No check fails or warns: nothing to decide.</p>
          ) : (
            <ol className="mt-2 space-y-3">
              {rows.map((row, index) => (
                <FindingDecision
                  key={row.key}
                  row={row}
                  index={index}
                  fields={fields.rows[row.key] ?? DEFAULT_ROW}
                  earliest={earliest}
                  latest={latest}
                  signer={signer}
                />
              ))}
            </ol>
          )}
        </section>

        <fieldset className="rounded border border-slate-300 p-3 dark:border-slate-700">
          <legend className="px-1 text-lg font-semibold">Verdict</legend>
          <div className="flex flex-wrap gap-4">
            {REVIEW_VERDICTS.map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="verdict" value={value} defaultChecked={verdict === value} />
                {REVIEW_VERDICT_LABELS[value]}
              </label>
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            “Ready” needs no open finding; “Ready with accepted risks” needs every open finding accepted, at least one.
          </p>
          <label className="mt-3 block text-sm font-medium" htmlFor="sign-off-notes">
            Notes
          </label>
          <textarea
            id="sign-off-notes"
            name="notes"
            rows={4}
            maxLength={MAX_NOTES_LENGTH}
            defaultValue={fields.notes}
            className={`${FIELD} mt-1 w-full`}
          />
        </fieldset>

        <div className="flex flex-wrap items-end gap-4">
          {signer ? (
            <p className="text-sm" data-signer={signer.username}>
              Signing as{' '}
              <span className="font-mono font-semibold">
                <ClusterText value={signer.username} />
              </span>{' '}
              <span className="text-slate-600 dark:text-slate-400">(verified by the cluster)</span>
            </p>
          ) : (
            <label className="text-sm">
              <span className="block font-medium">Your name (snapshot mode: not verified)</span>
              <input name="signer" required maxLength={MAX_SIGNER_LENGTH} defaultValue={fields.signer} className={`${FIELD} mt-1 w-64`} />
            </label>
          )}
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-sky-800 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-900 disabled:opacity-60 dark:bg-sky-600"
          >
            {pending ? 'Signing off…' : 'Sign off'}
          </button>
        </div>
      </div>
    </form>
  );
}

/** One finding: what fails, and the reviewer's choice, with the accepted risk's reason, expiry and owner. */
function FindingDecision({
  row,
  index,
  fields,
  earliest,
  latest,
  signer,
}: {
  row: ReviewRow;
  index: number;
  fields: RowFields;
  earliest: string;
  latest: string;
  signer: Signer | undefined;
}) {
  const id = `finding-${index}`;
  return (
    <li className="rounded border border-slate-300 p-3 dark:border-slate-700" data-finding={row.key}>
      <fieldset>
        <legend className="flex flex-wrap items-center gap-2 font-semibold">
          <StatusBadge status={row.status} />
          <span>{row.title}</span>
          <SeverityTag severity={row.severity} />
          <ObjectRefText object={row.object} />
        </legend>
        <input type="hidden" name="row" value={row.key} />
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          <ClusterText value={row.message} limit={SENTENCE_LIMIT} />
        </p>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name={`decision.${index}`} value="fix" defaultChecked={fields.decision !== 'accept'} />
            Fix before go-live
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`decision.${index}`} value="accept" defaultChecked={fields.decision === 'accept'} />
            Accept the risk
          </label>
        </div>
        <div className="mt-2 grid gap-2 text-sm md:grid-cols-[2fr_1fr_1fr]">
          <label htmlFor={`${id}-reason`} className="flex flex-col">
            <span>Reason (when accepted)</span>
            <textarea
              id={`${id}-reason`}
              name={`reason.${index}`}
              rows={2}
              maxLength={MAX_REASON_LENGTH}
              defaultValue={fields.reason}
              className={FIELD}
            />
          </label>
          <label htmlFor={`${id}-expires`} className="flex flex-col">
            <span>Accepted until</span>
            <input
              id={`${id}-expires`}
              type="date"
              name={`expires.${index}`}
              min={earliest}
              max={latest}
              defaultValue={fields.expires}
              className={FIELD}
            />
          </label>
          <label htmlFor={`${id}-owner`} className="flex flex-col">
            <span>Accepted by</span>
            <input
              id={`${id}-owner`}
              name={`acceptedBy.${index}`}
              maxLength={MAX_APPROVER_LENGTH}
              placeholder={signer ? signer.username : 'the signer'}
              defaultValue={fields.acceptedBy}
              className={FIELD}
            />
          </label>
        </div>
      </fieldset>
    </li>
  );
}

/** The answer to the last "Sign off": every problem, the conflict, or why reviews cannot be written here. */
function SignOffOutcome({ state, reloadHref }: { state: SignOffState; reloadHref: Route }) {
  if (state.status === 'idle') return <p id="sign-off-outcome" className="sr-only" role="status" />;
  const box = 'rounded-md border border-rose-300 bg-rose-50 p-3 text-sm dark:border-rose-800 dark:bg-rose-950';
  return (
    <div id="sign-off-outcome" role="alert" className={box} data-sign-off-outcome={state.status}>
      {state.status === 'invalid' ? (
        <>
          <h2 className="font-semibold">Not signed: {state.problems.length === 1 ? 'one problem' : `${state.problems.length} problems`}</h2>
          <ul className="mt-1 list-disc pl-5">
            {state.problems.map((problem) => (
              <li key={problem}>
                <ClusterText value={problem} limit={SENTENCE_LIMIT} />
              </li>
            ))}
          </ul>
        </>
      ) : state.status === 'conflict' ? (
        <>
          <h2 className="font-semibold">Not signed: another review was signed first</h2>
          <p className="mt-1">
            <ClusterText value={state.message} limit={SENTENCE_LIMIT} />
          </p>
          <p className="mt-1">
            Your decisions are still below.{' '}
            <Link href={reloadHref} className="font-medium underline">
              Reload the review with the latest sign-off
            </Link>{' '}
            before signing again.
          </p>
        </>
      ) : (
        <>
          <h2 className="font-semibold">Not signed: reviews cannot be written here</h2>
          <p className="mt-1">
            <ClusterText value={state.message} limit={SENTENCE_LIMIT} />
          </p>
          {state.hint ? (
            <p className="mt-1">
              <ClusterText value={state.hint} limit={SENTENCE_LIMIT} />
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
