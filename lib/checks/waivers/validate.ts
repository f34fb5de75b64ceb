/**
 * Waivers: a team accepting one check's finding on purpose, with a reason, an approver and an
 * expiry date. They are written as annotations (annotations.ts) or as entries of the
 * configuration file (config-entries.ts), validated by the same field rules (here), and applied
 * to checklist items after the checks ran (apply.ts). A waiver that cannot be trusted (no reason,
 * bad date, unknown check) is rejected and listed, never dropped. Pure: the clock is a parameter.
 */
import { z } from 'zod';
import { didYouMean, hasHiddenCharacters, quoteText } from '../../text';

/** Long enough for a real justification, short enough to keep a page readable. */
export const MAX_REASON_LENGTH = 500;
export const MAX_APPROVER_LENGTH = 120;

export interface WaiverTarget {
  kind: string;
  name: string;
  /** Unset for a cluster-scoped object. */
  namespace?: string;
}

/** A waiver that passed validation. Whether it is still in force depends on the clock. */
export interface Waiver {
  checkId: string;
  /** The namespace whose report it applies to; unset for a waiver on a cluster-scoped object (it applies wherever that object is graded). */
  namespace?: string;
  /** The object it waives; unset for the whole namespace. */
  object?: WaiverTarget;
  reason: string;
  approvedBy: string;
  /** The last day the waiver holds, as an ISO date (UTC). */
  expires: string;
  /** Where it is written, for people. */
  source: string;
}

/** A waiver that was not accepted, with everything wrong with it. */
export interface RejectedWaiver {
  /** The namespace it was written in or names, when known. */
  namespace?: string;
  /** The check it names, when it names a known one. */
  checkId?: string;
  source: string;
  problems: string[];
  /** One sentence for the page: the source and what is wrong. */
  message: string;
}

export interface CollectedWaivers {
  waivers: Waiver[];
  rejected: RejectedWaiver[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a check id is not one Shipshape knows, with a likely correction. */
export function unknownCheckProblem(checkId: string, knownCheckIds: ReadonlySet<string>): string {
  return `unknown check id ${quoteText(checkId)}${didYouMean(checkId, knownCheckIds)}`;
}

/** Why a field name is not one of `allowed`, with a likely correction. */
export function unknownFieldProblem(name: string, allowed: readonly string[]): string {
  return `unknown field ${quoteText(name, 40)}${didYouMean(name, allowed)}`;
}

/** Is `value` a real calendar date written YYYY-MM-DD? */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A waiver holds through its expiry day (UTC) and lapses at the midnight that ends it. */
export function isWaiverExpired(expires: string, now: Date): boolean {
  const [year, month, day] = expires.split('-').map(Number);
  return now.getTime() >= Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + 1);
}

/**
 * `build(knownCheckIds)`, built once per set of ids: waiver schemas are asked for per object and
 * per entry, and the catalog's set is the same for the life of the process.
 */
export function perCheckIdSet<T>(build: (knownCheckIds: ReadonlySet<string>) => T): (knownCheckIds: ReadonlySet<string>) => T {
  const built = new WeakMap<ReadonlySet<string>, T>();
  return (knownCheckIds) => {
    let value = built.get(knownCheckIds);
    if (value === undefined) {
      value = build(knownCheckIds);
      built.set(knownCheckIds, value);
    }
    return value;
  };
}

const isMissing = (value: unknown) => value === undefined || value === null;

/** The check a waiver names: one of `knownCheckIds` (an enum, so editors can offer them). */
export function checkIdField(knownCheckIds: ReadonlySet<string>) {
  return z.enum([...knownCheckIds] as [string, ...string[]], {
    error: (issue) =>
      isMissing(issue.input) || issue.input === '' ? 'no check id' : unknownCheckProblem(String(issue.input), knownCheckIds),
  });
}

/**
 * Free text (a reason, an approver): runs of whitespace, line breaks included, become one space.
 * Text that hides what a reviewer reads has no place in a risk acceptance.
 */
export function freeTextField(name: string, max: number) {
  return z
    .string({ error: (issue) => (isMissing(issue.input) ? `no ${name}` : `${name} is not text`) })
    .refine((text) => !hasHiddenCharacters(text), `${name} contains control or invisible characters`)
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, `${name} is empty`).max(max, `${name} is longer than ${max} characters`));
}

/** The last day a waiver holds, written YYYY-MM-DD. */
export function expiryField(name: string) {
  const notADate = (input: unknown) =>
    isMissing(input) ? `no ${name} date` : `${name} must be a date written YYYY-MM-DD, not ${quoteText(String(input), 40)}`;
  // The pattern is for editors (it reaches the JSON Schema); the calendar check is isIsoDate's.
  return z
    .string({ error: (issue) => notADate(issue.input) })
    .regex(/^\s*\d{4}-\d{2}-\d{2}\s*$/, { error: (issue) => notADate(issue.input), abort: true })
    .refine((text) => isIsoDate(text.trim()), { error: (issue) => notADate(issue.input) })
    .transform((text) => text.trim());
}

export function rejection(
  source: string,
  problems: string[],
  details: { namespace?: string | undefined; checkId?: string | undefined },
): RejectedWaiver {
  const rejected: RejectedWaiver = { source, problems, message: `${source} is rejected: ${problems.join('; ')}.` };
  if (details.namespace) rejected.namespace = details.namespace;
  if (details.checkId) rejected.checkId = details.checkId;
  return rejected;
}
