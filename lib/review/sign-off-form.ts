/**
 * The go-live review form, as plain data: which findings a reviewer decides (every open finding
 * of the namespace, blocking first), and how a submitted form becomes decisions. The form posts
 * one row per finding (`row` in order, then `decision.<i>`, `reason.<i>`, `expires.<i>`,
 * `acceptedBy.<i>`), so it works as a plain HTML form without client JavaScript. Every field is
 * validated here with zod (allowed values, lengths, real dates); the review model's own schema
 * checks the draft built from the result again. Pure: the clock is a parameter.
 */
import { z } from 'zod';
import type { NamespaceReport } from '../checks/evaluate';
import { isIsoDate, isWaiverExpired, MAX_APPROVER_LENGTH, MAX_REASON_LENGTH } from '../checks/waivers/validate';
import { REVIEW_VERDICTS, type ReviewDecision } from './draft';
import { MAX_NOTES_LENGTH } from './schema';
import type { ReviewObject, ReviewVerdict } from './types';

export { MAX_NOTES_LENGTH, REVIEW_VERDICTS };

/** A name typed in snapshot mode (never verified). */
export const MAX_SIGNER_LENGTH = MAX_APPROVER_LENGTH;
/** An accepted risk is revisited within a year: a longer expiry is refused. */
export const MAX_ACCEPT_DAYS = 366;
/** One form, one request: beyond this many open findings the namespace is reviewed after some fixes. */
export const MAX_FORM_FINDINGS = 1_000;

export const REVIEW_VERDICT_LABELS: Record<ReviewVerdict, string> = {
  ready: 'Ready',
  'ready-with-accepted-risks': 'Ready with accepted risks',
  'not-ready': 'Not ready',
};

/** A failing or warning finding the reviewer decides on. */
export interface OpenFinding {
  /** `checkId Kind/name`: stable across reads, so a decision follows its finding. */
  key: string;
  checkId: string;
  severity: 'blocking' | 'major' | 'minor';
  status: 'fail' | 'warn';
  object: ReviewObject;
  message: string;
}

export function findingKey(checkId: string, object: ReviewObject): string {
  return `${checkId} ${object.kind}/${object.name}`;
}

const SEVERITY_ORDER = { blocking: 0, major: 1, minor: 2 } as const;

/**
 * Every finding that fails or warns now (including those whose waiver expired), blocking
 * checks first, then failures before warnings. Waived findings are already accepted elsewhere.
 */
export function openFindings(report: NamespaceReport): OpenFinding[] {
  const open: OpenFinding[] = [];
  for (const item of report.items)
    for (const finding of item.findings) {
      if (finding.status !== 'fail' && finding.status !== 'warn') continue;
      const object = { kind: finding.object.kind, name: finding.object.name };
      open.push({
        key: findingKey(item.checkId, object),
        checkId: item.checkId,
        severity: item.severity,
        status: finding.status,
        object,
        message: finding.message,
      });
    }
  return open.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      Number(a.status === 'warn') - Number(b.status === 'warn') ||
      a.key.localeCompare(b.key),
  );
}

/** What the reviewer typed for one finding, kept to refill the form after an error. */
export interface RowFields {
  decision: 'fix' | 'accept';
  reason: string;
  expires: string;
  acceptedBy: string;
}

/** The whole form as typed, bounded, so an error or a conflict gives the reviewer's input back. */
export interface SignOffFields {
  verdict: string;
  notes: string;
  signer: string;
  previous: string;
  rows: Record<string, RowFields>;
}

export const EMPTY_FIELDS: SignOffFields = { verdict: '', notes: '', signer: '', previous: '', rows: {} };

/** The form as the review model takes it (draftFromDecisions), which applies the verdict's rules. */
export interface SignOffDecisions {
  verdict: ReviewVerdict;
  notes: string;
  previous?: string;
  claimedSigner?: string;
  decisions: ReviewDecision[];
}

export type ParsedSignOff =
  | { ok: true; fields: SignOffFields; decisions: SignOffDecisions }
  | { ok: false; fields: SignOffFields; problems: string[] };

/** A form value as a string, cut a little past its limit so the echo stays bounded while the length error still shows. */
function text(form: FormData, name: string, limit: number): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, limit + 1) : '';
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last expiry date the form accepts, from the clock. */
export function latestExpiry(now: Date): string {
  return isoDay(new Date(now.getTime() + MAX_ACCEPT_DAYS * 86_400_000));
}

const Verdict = z.enum(REVIEW_VERDICTS as [ReviewVerdict, ...ReviewVerdict[]], {
  error: 'choose a verdict: ready, ready with accepted risks, or not ready',
});

/** Review names are Kubernetes object names (DNS-1123 subdomain). */
const Previous = z
  .string()
  .max(253)
  .regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/, 'the review this one follows is not a valid review name');

function rowSchema(now: Date) {
  const today = isoDay(now);
  const latest = latestExpiry(now);
  return z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('fix') }),
    z.object({
      decision: z.literal('accept'),
      reason: z
        .string()
        .trim()
        .min(1, 'an accepted risk needs a reason')
        .max(MAX_REASON_LENGTH, `the reason is longer than ${MAX_REASON_LENGTH} characters`),
      expires: z
        .string()
        .refine(isIsoDate, 'an accepted risk needs an expiry date (YYYY-MM-DD)')
        .refine((value) => !isIsoDate(value) || (!isWaiverExpired(value, now) && value >= today), 'the expiry date has passed')
        .refine((value) => value <= latest, `the expiry date is more than ${MAX_ACCEPT_DAYS} days away`),
      acceptedBy: z.string().trim().max(MAX_APPROVER_LENGTH, `the name of who accepts it is longer than ${MAX_APPROVER_LENGTH} characters`),
    }),
  ]);
}

/** `checkId Kind/name: problem`, so each error names its finding. */
function describeRow(finding: OpenFinding, message: string): string {
  return `${finding.checkId} on ${finding.object.kind}/${finding.object.name}: ${message}`;
}

/**
 * The submitted form against the findings open now. Every open finding must be decided in the
 * form (one that appeared since the page was opened is named, so the reviewer reloads), and a row
 * for a finding that is no longer open is named too. Whether the verdict agrees with the
 * decisions is the review model's rule (draftFromDecisions), applied to what this returns.
 */
export function parseSignOffForm(
  form: FormData,
  open: readonly OpenFinding[],
  {
    now,
    verifiedSigner,
  }: {
    now: Date /** The cluster's name for the signer; unset in snapshot mode, where the form's name is taken (unverified). */;
    verifiedSigner?: string;
  },
): ParsedSignOff {
  const problems: string[] = [];
  const rowKeys = form
    .getAll('row')
    .slice(0, MAX_FORM_FINDINGS + 1)
    .map((value) => (typeof value === 'string' ? value.slice(0, 600) : ''));
  const fields: SignOffFields = {
    verdict: text(form, 'verdict', 40),
    notes: text(form, 'notes', MAX_NOTES_LENGTH),
    signer: text(form, 'signer', MAX_SIGNER_LENGTH),
    previous: text(form, 'previous', 253),
    rows: {},
  };
  rowKeys.forEach((key, index) => {
    fields.rows[key] = {
      decision: form.get(`decision.${index}`) === 'accept' ? 'accept' : 'fix',
      reason: text(form, `reason.${index}`, MAX_REASON_LENGTH),
      expires: text(form, `expires.${index}`, 10),
      acceptedBy: text(form, `acceptedBy.${index}`, MAX_APPROVER_LENGTH),
    };
  });
  if (rowKeys.length > MAX_FORM_FINDINGS) problems.push(`the form holds more than ${MAX_FORM_FINDINGS} findings`);

  const verdict = Verdict.safeParse(fields.verdict);
  if (!verdict.success) problems.push(verdict.error.issues[0]?.message ?? 'choose a verdict');
  if (fields.notes.length > MAX_NOTES_LENGTH) problems.push(`the notes are longer than ${MAX_NOTES_LENGTH} characters`);
  if (fields.signer.trim().length > MAX_SIGNER_LENGTH) problems.push(`the signer's name is longer than ${MAX_SIGNER_LENGTH} characters`);
  const previous = Previous.safeParse(fields.previous);
  if (!previous.success) problems.push(previous.error.issues[0]?.message ?? 'the previous review is not valid');

  const byKey = new Map(open.map((finding) => [finding.key, finding]));
  const decisions: ReviewDecision[] = [];
  const schema = rowSchema(now);
  const signer = verifiedSigner ?? fields.signer.trim();
  if (verifiedSigner === undefined && !signer) problems.push('type your name as the signer (snapshot mode cannot verify it)');
  for (const key of rowKeys) {
    const finding = byKey.get(key);
    if (!finding) {
      problems.push(`${key.slice(0, 200)} is no longer an open finding: reload the review to see the current findings`);
      continue;
    }
    const row = fields.rows[key] as RowFields;
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(describeRow(finding, issue.message));
      continue;
    }
    if (parsed.data.decision === 'fix') decisions.push({ checkId: finding.checkId, object: finding.object, decision: 'fix' });
    else
      decisions.push({
        checkId: finding.checkId,
        object: finding.object,
        decision: 'accept',
        reason: parsed.data.reason,
        expires: parsed.data.expires,
        // Empty means the signer.
        acceptedBy: parsed.data.acceptedBy || signer,
      });
  }
  const submitted = new Set(rowKeys);
  const unseen = open.filter((finding) => !submitted.has(finding.key));
  if (unseen.length > 0)
    problems.push(
      `${unseen.length} finding${unseen.length === 1 ? '' : 's'} appeared since the review was opened (first: ${unseen[0]?.key}): reload the review and decide ${unseen.length === 1 ? 'it' : 'them'}`,
    );

  if (problems.length > 0 || !verdict.success) return { ok: false, fields, problems };
  return {
    ok: true,
    fields,
    decisions: {
      verdict: verdict.data,
      notes: fields.notes,
      ...(fields.previous ? { previous: fields.previous } : {}),
      ...(verifiedSigner === undefined ? { claimedSigner: signer } : {}),
      decisions,
    },
  };
}
