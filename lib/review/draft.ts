/**
 * From a reviewer's decisions to a review draft: each open finding is either to be fixed before
 * go-live or accepted as a risk (reason, expiry, who accepts it), and the sign-off's verdict must
 * agree with them. Everything the reviewer sends is validated here with the rules of the stored
 * object (schema.ts), so a draft that passes can be written and read back. Pure: the clock is a parameter.
 */
import { z } from 'zod';
import type { NamespaceReport } from '../checks/evaluate';
import { isGraded } from '../checks/scoring';
import type { ItemFinding } from '../checks/types';
import { expiryField, freeTextField, isWaiverExpired, MAX_APPROVER_LENGTH, MAX_REASON_LENGTH } from '../checks/waivers/validate';
import type { NamespaceInventory } from '../inventory';
import { quoteText } from '../text';
import { reviewName } from './names';
import { compactResult, objectName } from './result';
import { MAX_ACCEPTED_RISKS, MAX_FIX_DECISIONS, MAX_NOTES_LENGTH, validateReview } from './schema';
import type { AcceptedRisk, FixDecision, ReviewDraft, ReviewObject, ReviewVerdict } from './types';

export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ['ready', 'ready-with-accepted-risks', 'not-ready'];

/** One decision as a reviewer sends it: fix the finding before go-live, or accept it. */
export interface ReviewDecision {
  checkId: string;
  /** The object; unset for the whole namespace (every object the check flags). */
  object?: ReviewObject;
  decision: 'fix' | 'accept';
  reason?: string;
  expires?: string;
  /** Who accepts the risk; the signer when unset. */
  acceptedBy?: string;
}

const objectField = z.strictObject({
  kind: z.string({ error: 'object kind is not text' }).max(63, 'object kind is too long'),
  name: z.string({ error: 'object name is not text' }).max(253, 'object name is longer than 253 characters'),
});

const decisionSchema = z.strictObject({
  checkId: z.string({ error: 'no check id' }).min(1, 'no check id').max(63, 'check id is longer than 63 characters'),
  object: objectField.optional(),
  decision: z.enum(['fix', 'accept'], { error: 'decision must be fix or accept' }),
  reason: z.string().optional(),
  expires: z.string().optional(),
  acceptedBy: z.string().optional(),
});

const acceptance = z.object({
  reason: freeTextField('reason', MAX_REASON_LENGTH),
  expires: expiryField('expires'),
  acceptedBy: freeTextField('acceptedBy', MAX_APPROVER_LENGTH),
});

export interface DraftInput {
  /** The namespace graded now, as the reviewer saw it. */
  report: NamespaceReport;
  inventory: NamespaceInventory;
  /** The newest review the reviewer saw when starting; unset for the first. */
  previous?: string | undefined;
  verdict: unknown;
  notes: unknown;
  decisions: unknown;
  shipshapeVersion: string;
  configDigest: string;
  /** Who accepts a risk when a decision names nobody: the signer, as far as is known before the store signs. */
  signerName: string;
  /** Snapshot mode: the name the reviewer typed. */
  claimedSigner?: string | undefined;
  now: Date;
}

export type DraftOutcome = { ok: true; draft: ReviewDraft; name: string } | { ok: false; problems: string[] };

const MAX_LISTED = 5;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

function isOpen(finding: ItemFinding): boolean {
  return finding.status === 'fail' || finding.status === 'warn';
}

const decisionKey = (checkId: string, object: ReviewObject | undefined) =>
  JSON.stringify([checkId, object?.kind ?? '', object?.name ?? '']);

/**
 * Validate the reviewer's decisions against the namespace's open findings and build the draft.
 * Refused, with every reason: a decision about no open finding, an acceptance without a reason or
 * with a past expiry, `ready-with-accepted-risks` with no accepted risk, `ready` with accepted
 * risks, and either ready verdict while a blocking failure is neither accepted nor fixed.
 */
export function draftFromDecisions(input: DraftInput): DraftOutcome {
  const problems: string[] = [];
  const { report } = input;
  const verdict = REVIEW_VERDICTS.find((candidate) => candidate === input.verdict);
  if (!verdict) problems.push(`verdict must be one of ${REVIEW_VERDICTS.join(', ')}`);
  const notes = typeof input.notes === 'string' ? input.notes.trim() : input.notes === undefined ? '' : undefined;
  if (notes === undefined) problems.push('notes are not text');
  else if (notes.length > MAX_NOTES_LENGTH) problems.push(`notes are longer than ${MAX_NOTES_LENGTH} characters`);

  const decisions = z
    .array(decisionSchema)
    .max(MAX_FIX_DECISIONS + MAX_ACCEPTED_RISKS)
    .safeParse(input.decisions ?? []);
  if (!decisions.success)
    return {
      ok: false,
      problems: [
        ...problems,
        ...decisions.error.issues
          .slice(0, MAX_LISTED)
          .map((issue) => `decisions${issue.path.length ? `[${issue.path.join('].[')}]` : ''}: ${issue.message}`),
      ],
    };

  const items = new Map(report.items.map((item) => [item.checkId, item]));
  const acceptedRisks: AcceptedRisk[] = [];
  const fixBeforeGoLive: FixDecision[] = [];
  const seen = new Set<string>();
  for (const [index, decision] of decisions.data.entries()) {
    const where = `decision ${index + 1} (${quoteText(decision.checkId, 63)}${decision.object ? ` on ${quoteText(objectName(decision.object), 120)}` : ''})`;
    const item = items.get(decision.checkId);
    const open = item?.findings.filter(isOpen) ?? [];
    const matches = decision.object
      ? open.some((finding) => finding.object.kind === decision.object?.kind && finding.object.name === decision.object?.name)
      : open.length > 0;
    if (!item) {
      problems.push(`${where}: no such check in this namespace's checklist`);
      continue;
    }
    if (!matches) {
      problems.push(`${where}: no open finding to decide on (it passes, is already waived, or the object is not in this namespace)`);
      continue;
    }
    const key = decisionKey(decision.checkId, decision.object);
    if (seen.has(key)) {
      problems.push(`${where}: decided twice`);
      continue;
    }
    seen.add(key);
    const object = decision.object ? { kind: decision.object.kind, name: decision.object.name } : undefined;
    if (decision.decision === 'fix') {
      fixBeforeGoLive.push(object ? { checkId: decision.checkId, object } : { checkId: decision.checkId });
      continue;
    }
    const accepted = acceptance.safeParse({
      reason: decision.reason,
      expires: decision.expires,
      acceptedBy: decision.acceptedBy ?? input.signerName,
    });
    if (!accepted.success) {
      problems.push(`${where}: ${accepted.error.issues.map((issue) => issue.message).join('; ')}`);
      continue;
    }
    if (isWaiverExpired(accepted.data.expires, input.now)) {
      problems.push(`${where}: expires ${accepted.data.expires} is already past; an accepted risk holds through a day still to come`);
      continue;
    }
    acceptedRisks.push({ checkId: decision.checkId, ...(object ? { object } : {}), ...accepted.data });
  }

  if (acceptedRisks.length > MAX_ACCEPTED_RISKS) problems.push(`more than ${MAX_ACCEPTED_RISKS} accepted risks`);
  const covered = (checkId: string, finding: ItemFinding) =>
    acceptedRisks.some(
      (risk) =>
        risk.checkId === checkId &&
        (!risk.object || (risk.object.kind === finding.object.kind && risk.object.name === finding.object.name)),
    );
  const unaccepted = report.items
    .filter((item) => isGraded(item) && item.severity === 'blocking' && item.status === 'fail')
    .flatMap((item) =>
      item.findings
        .filter((finding) => finding.status === 'fail' && !covered(item.checkId, finding))
        .map((finding) => `${item.checkId} on ${objectName(finding.object)}`),
    );
  if ((verdict === 'ready' || verdict === 'ready-with-accepted-risks') && unaccepted.length > 0)
    problems.push(
      `cannot sign off as ${verdict}: ${unaccepted.length} blocking failure${unaccepted.length === 1 ? ' is' : 's are'} neither fixed nor accepted (${listed(unaccepted)}); fix ${unaccepted.length === 1 ? 'it' : 'them'} first, accept ${unaccepted.length === 1 ? 'it' : 'them'} as a risk, or sign off as not-ready`,
    );
  if (verdict === 'ready-with-accepted-risks' && acceptedRisks.length === 0)
    problems.push('ready-with-accepted-risks needs at least one accepted risk; with none, sign off as ready');
  if (verdict === 'ready' && acceptedRisks.length > 0)
    problems.push(
      `${acceptedRisks.length} risk${acceptedRisks.length === 1 ? ' is' : 's are'} accepted: sign off as ready-with-accepted-risks`,
    );
  if (problems.length > 0 || !verdict || notes === undefined) return { ok: false, problems };

  const draft: ReviewDraft = {
    namespace: report.namespace,
    verdict,
    notes,
    acceptedRisks,
    fixBeforeGoLive,
    shipshapeVersion: input.shipshapeVersion,
    configDigest: input.configDigest,
    result: compactResult(report, input.inventory),
  };
  if (input.previous !== undefined) draft.previous = input.previous;
  if (input.claimedSigner !== undefined) draft.claimedSigner = input.claimedSigner;
  let name: string;
  try {
    name = reviewName(input.previous);
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  // The store adds the signer and time; check the rest now with the rules of the stored object.
  const checked = validateReview({
    ...draft,
    name,
    signedAt: input.now.toISOString(),
    signer: { username: input.signerName || 'unknown', groups: [], verified: false },
  });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  return { ok: true, draft, name };
}
