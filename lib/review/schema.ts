/**
 * A go-live review as the Kubernetes object it is stored as, in a cluster (a ReadinessReview
 * custom resource) and in a snapshot's review folder (the same object as YAML), and the strict
 * check every such object passes before Shipshape believes it. A review is hostile input like any
 * other object: every field has an allowed set of values or a length, text that hides what a
 * reviewer reads is refused (the waiver rules), and the whole object is bounded in size.
 *
 * The stored result is compact: the objects graded are listed once, and each check names the ones
 * that did not pass by their positions in that list, written as ranges (`0-1999,2004`), so a
 * namespace of thousands of workloads that fail most checks stays far below the API server's
 * object size limit. `fromReviewObject` turns it back into the `Kind/name` lists of ReviewResult.
 * Pure: no I/O.
 */
import { z } from 'zod';
import { expiryField, freeTextField, MAX_APPROVER_LENGTH, MAX_REASON_LENGTH } from '../checks/waivers/validate';
import { formatFieldPath, isPlausibleKind } from '../k8s/admission-schema';
import { isDns1123Label } from '../k8s/objects';
import { hasHiddenCharacters } from '../text';
import {
  type AcceptedRisk,
  type FixDecision,
  REVIEW_API_GROUP,
  REVIEW_API_VERSION,
  REVIEW_KIND,
  type ReadinessReview,
  type ReviewObject,
  type ReviewResult,
} from './types';

/** `reviews.shipshape.dev/v1alpha1`: the apiVersion every review object carries. */
export const REVIEW_OBJECT_API_VERSION = `${REVIEW_API_GROUP}/${REVIEW_API_VERSION}`;

export const MAX_NOTES_LENGTH = 4_000;
export const MAX_NAME_LENGTH = 253;
export const MAX_ACCEPTED_RISKS = 2_000;
/** Decisions to fix: one per open finding at most, and a namespace of 2,000 workloads has tens of thousands. */
export const MAX_FIX_DECISIONS = 50_000;
/** Objects one result lists: far more than any namespace a team reviews by hand. */
export const MAX_RESULT_OBJECTS = 100_000;
/** Checks one result lists: the catalog has about 60; room for a few releases more. */
export const MAX_RESULT_CHECKS = 500;
/** Objects listed under all checks together: 2,000 workloads failing most of the catalog name about 50,000. */
export const MAX_RESULT_FINDINGS = 1_000_000;
export const MAX_SIGNER_GROUPS = 100;
/**
 * The whole object, as JSON: the API server refuses objects over about 1.5 MiB (etcd's request
 * limit), so a review is kept below 1 MB with room for the server's own metadata.
 */
export const MAX_REVIEW_BYTES = 1_000_000;

/** `review-0001`, `review-0002`, …: the sequence concurrent sign-offs collide on (names.ts). */
export const REVIEW_NAME = /^review-(\d{4,9})$/;

const CHECK_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** `Kind/name`, as findings and waivers name an object: a Kind name and an object name with no space or slash. */
const OBJECT_NAME = /^([A-Z][A-Za-z0-9]{0,62})\/([^\s/]{1,253})$/;
const SHIPSHAPE_VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]{1,60})?$/;
/** `sha256:` and 64 lower-case hex digits (config-digest.ts). */
export const CONFIG_DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Positions in the result's object list: `3`, `0-1999`, comma-separated, ascending. */
const INDEX_RANGES = /^\d{1,6}(-\d{1,6})?(,\d{1,6}(-\d{1,6})?)*$/;

/** Text with no hidden characters, up to `max` characters. */
function plainText(name: string, max: number, min = 1) {
  return z
    .string({ error: `${name} is not text` })
    .min(min, `${name} is empty`)
    .max(max, `${name} is longer than ${max} characters`)
    .refine((text) => !hasHiddenCharacters(text), `${name} contains control or invisible characters`);
}

const checkId = z
  .string({ error: 'check id is not text' })
  .max(63, 'check id is longer than 63 characters')
  .regex(CHECK_ID, 'not a check id');

const reviewObject = z.strictObject({
  kind: z.string({ error: 'kind is not text' }).refine(isPlausibleKind, 'kind is not a Kubernetes kind name'),
  name: plainText('object name', MAX_NAME_LENGTH).regex(/^[^\s/]+$/, 'object name contains a space or a slash'),
});

const acceptedRisk = z.strictObject({
  checkId,
  object: reviewObject.optional(),
  reason: freeTextField('reason', MAX_REASON_LENGTH),
  expires: expiryField('expires'),
  acceptedBy: freeTextField('acceptedBy', MAX_APPROVER_LENGTH),
});

const fixDecision = z.strictObject({ checkId, object: reviewObject.optional() });

const signer = z.strictObject({
  username: plainText('signer username', MAX_NAME_LENGTH),
  groups: z.array(plainText('signer group', MAX_NAME_LENGTH)).max(MAX_SIGNER_GROUPS, `more than ${MAX_SIGNER_GROUPS} signer groups`),
  verified: z.boolean({ error: 'verified is not true or false' }),
});

const storedCheck = z.strictObject({
  status: z.enum(['pass', 'warn', 'fail', 'waived', 'not-evaluated'], { error: 'not a check status' }),
  fail: z.string().regex(INDEX_RANGES, 'not a list of object positions').optional(),
  warn: z.string().regex(INDEX_RANGES, 'not a list of object positions').optional(),
  waived: z.string().regex(INDEX_RANGES, 'not a list of object positions').optional(),
});

const storedResult = z.strictObject({
  score: z.number().int().min(0).max(100).nullable(),
  grade: z.enum(['A', 'B', 'C', 'D', 'F'], { error: 'not a grade' }).nullable(),
  verdict: z.enum(['ready', 'ready-with-risks', 'incomplete', 'not-ready', 'not-graded'], { error: 'not a verdict' }),
  checks: z
    .record(checkId, storedCheck)
    .refine((checks) => Object.keys(checks).length <= MAX_RESULT_CHECKS, `more than ${MAX_RESULT_CHECKS} checks`),
  objects: z
    .array(z.string().regex(OBJECT_NAME, 'not an object written Kind/name'))
    .max(MAX_RESULT_OBJECTS, `more than ${MAX_RESULT_OBJECTS} objects`),
});

const reviewName = z
  .string({ error: 'name is not text' })
  .regex(REVIEW_NAME, 'name must be review- and a sequence number (review-0001), as Shipshape writes them');

/** The spec as stored: the review's fields other than its name and namespace, with the compact result. */
const reviewSpec = z.strictObject({
  previous: reviewName.optional(),
  signedAt: z.iso.datetime({ offset: true, error: 'signedAt is not an ISO 8601 date and time' }),
  signer,
  verdict: z.enum(['ready', 'ready-with-accepted-risks', 'not-ready'], {
    error: 'verdict must be ready, ready-with-accepted-risks or not-ready',
  }),
  notes: plainText('notes', MAX_NOTES_LENGTH, 0),
  acceptedRisks: z.array(acceptedRisk).max(MAX_ACCEPTED_RISKS, `more than ${MAX_ACCEPTED_RISKS} accepted risks`),
  fixBeforeGoLive: z.array(fixDecision).max(MAX_FIX_DECISIONS, `more than ${MAX_FIX_DECISIONS} decisions to fix`),
  shipshapeVersion: z.string().regex(SHIPSHAPE_VERSION, 'shipshapeVersion is not a version'),
  configDigest: z.string().regex(CONFIG_DIGEST, 'configDigest is not sha256: and 64 hex digits'),
  result: storedResult,
});

export type StoredReviewSpec = z.output<typeof reviewSpec>;
export type StoredReviewResult = z.output<typeof storedResult>;

/**
 * The object's metadata: name and namespace are Shipshape's; the rest (uid, resourceVersion,
 * creationTimestamp, labels…) belongs to the API server and is neither required nor read.
 */
const reviewMetadata = z.looseObject({
  name: reviewName,
  namespace: z.string({ error: 'metadata.namespace is not text' }).refine(isDns1123Label, 'metadata.namespace is not a namespace name'),
});

export const readinessReviewObjectSchema = z.strictObject({
  apiVersion: z.literal(REVIEW_OBJECT_API_VERSION, { error: `apiVersion must be ${REVIEW_OBJECT_API_VERSION}` }),
  kind: z.literal(REVIEW_KIND, { error: `kind must be ${REVIEW_KIND}` }),
  metadata: reviewMetadata,
  spec: reviewSpec,
});

/** A ReadinessReview object as stored; `metadata` may carry the API server's fields besides these. */
export interface ReadinessReviewObject {
  apiVersion: typeof REVIEW_OBJECT_API_VERSION;
  kind: typeof REVIEW_KIND;
  metadata: { name: string; namespace: string; [field: string]: unknown };
  spec: StoredReviewSpec;
}

export type ReviewParse = { ok: true; review: ReadinessReview } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 5;

/** `spec.acceptedRisks[3].reason: reason is empty`: where, and what is wrong, never the value. */
function describeProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  const problems = issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const where = formatFieldPath(issue.path);
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => formatFieldPath([key])).join(', ')}`
        : issue.message;
    return issue.path.length === 0 ? message : `${where}: ${message}`;
  });
  if (issues.length > MAX_PROBLEMS) problems.push(`and ${issues.length - MAX_PROBLEMS} more`);
  return problems;
}

/** `0-3,7` → [0, 1, 2, 3, 7]; undefined when out of order or past `count`. */
export function decodeIndexRanges(text: string, count: number): number[] | undefined {
  const indices: number[] = [];
  let last = -1;
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (from <= last || to < from || to >= count) return undefined;
    for (let index = from; index <= to; index += 1) indices.push(index);
    last = to;
  }
  return indices;
}

/** Ascending positions → `0-3,7`. */
export function encodeIndexRanges(indices: readonly number[]): string {
  const parts: string[] = [];
  let start = indices[0];
  let previous = start;
  for (let position = 1; position <= indices.length; position += 1) {
    const index = indices[position];
    if (index !== undefined && previous !== undefined && index === previous + 1) {
      previous = index;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? String(start) : `${start}-${previous}`);
    start = index;
    previous = index;
  }
  return parts.join(',');
}

const LISTED_STATUSES = ['fail', 'warn', 'waived'] as const;

/** How many positions `0-3,7` names (5), without listing them. */
function countIndexRanges(text: string): number {
  let count = 0;
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    count += Math.max(0, to - from + 1);
  }
  return count;
}

/** The compact stored result → ReviewResult; the problem when a position names no object, or the result would expand past its bound. */
function expandResult(stored: StoredReviewResult): { result: ReviewResult } | { problem: string } {
  // Counted before anything is listed: a few bytes of ranges may name millions of positions.
  let listed = 0;
  for (const entry of Object.values(stored.checks))
    for (const status of LISTED_STATUSES) listed += entry[status] === undefined ? 0 : countIndexRanges(entry[status]);
  if (listed > MAX_RESULT_FINDINGS)
    return { problem: `spec.result names ${listed} findings, more than the ${MAX_RESULT_FINDINGS} a review may keep` };
  const checks: ReviewResult['checks'] = {};
  for (const [id, entry] of Object.entries(stored.checks)) {
    const check: ReviewResult['checks'][string] = { status: entry.status };
    for (const status of LISTED_STATUSES) {
      const ranges = entry[status];
      if (ranges === undefined) continue;
      const indices = decodeIndexRanges(ranges, stored.objects.length);
      if (!indices)
        return {
          problem: `spec.result.checks.${id}.${status}: positions out of order or past the ${stored.objects.length} objects listed`,
        };
      check[status] = indices.map((index) => stored.objects[index] as string);
    }
    checks[id] = check;
  }
  return { result: { score: stored.score, grade: stored.grade, verdict: stored.verdict, checks, objects: stored.objects } };
}

/** ReviewResult → the compact stored form; objects a check lists that are not in `objects` are added to it. */
function compactStoredResult(result: ReviewResult): StoredReviewResult {
  const objects = [
    ...new Set([
      ...result.objects,
      ...Object.values(result.checks).flatMap((check) => LISTED_STATUSES.flatMap((status) => check[status] ?? [])),
    ]),
  ].sort();
  const position = new Map(objects.map((object, index) => [object, index]));
  const checks: StoredReviewResult['checks'] = {};
  for (const [id, check] of Object.entries(result.checks)) {
    const entry: StoredReviewResult['checks'][string] = { status: check.status };
    for (const status of LISTED_STATUSES) {
      const listed = check[status];
      if (!listed || listed.length === 0) continue;
      const indices = [...new Set(listed.map((object) => position.get(object) as number))].sort((a, b) => a - b);
      entry[status] = encodeIndexRanges(indices);
    }
    checks[id] = entry;
  }
  return {
    score: result.score,
    grade: result.grade as StoredReviewResult['grade'],
    verdict: result.verdict as StoredReviewResult['verdict'],
    checks,
    objects,
  };
}

function withObject<T extends { checkId: string; object?: ReviewObject | undefined }>(entry: T): T {
  const { object, ...rest } = entry;
  return (object ? { ...rest, object: { kind: object.kind, name: object.name } } : rest) as T;
}

/** A review as the object a store writes: a ReadinessReview in its namespace, the result compacted. */
export function toReviewObject(review: ReadinessReview): ReadinessReviewObject {
  const spec: StoredReviewSpec = {
    ...(review.previous !== undefined ? { previous: review.previous } : {}),
    signedAt: review.signedAt,
    signer: { username: review.signer.username, groups: [...review.signer.groups], verified: review.signer.verified },
    verdict: review.verdict,
    notes: review.notes,
    acceptedRisks: review.acceptedRisks.map(
      (risk): AcceptedRisk =>
        withObject({ checkId: risk.checkId, object: risk.object, reason: risk.reason, expires: risk.expires, acceptedBy: risk.acceptedBy }),
    ),
    fixBeforeGoLive: review.fixBeforeGoLive.map((fix): FixDecision => withObject({ checkId: fix.checkId, object: fix.object })),
    shipshapeVersion: review.shipshapeVersion,
    configDigest: review.configDigest,
    result: compactStoredResult(review.result),
  };
  return { apiVersion: REVIEW_OBJECT_API_VERSION, kind: REVIEW_KIND, metadata: { name: review.name, namespace: review.namespace }, spec };
}

/**
 * An object read from a cluster or a file → a review, or every problem with it (at most a few,
 * each with its field path, never the value). Nothing about an invalid review is trusted.
 */
export function fromReviewObject(object: unknown): ReviewParse {
  const parsed = readinessReviewObjectSchema.safeParse(object);
  if (!parsed.success) return { ok: false, problems: describeProblems(parsed.error.issues) };
  const size = JSON.stringify(object).length;
  if (size > MAX_REVIEW_BYTES)
    return { ok: false, problems: [`the object is ${size} bytes as JSON, over the ${MAX_REVIEW_BYTES}-byte limit`] };
  const { metadata, spec } = parsed.data;
  const expanded = expandResult(spec.result);
  if ('problem' in expanded) return { ok: false, problems: [expanded.problem] };
  const review: ReadinessReview = {
    name: metadata.name,
    namespace: metadata.namespace,
    signedAt: spec.signedAt,
    signer: spec.signer,
    verdict: spec.verdict,
    notes: spec.notes,
    acceptedRisks: spec.acceptedRisks.map((risk) => withObject(risk)),
    fixBeforeGoLive: spec.fixBeforeGoLive.map((fix) => withObject(fix)),
    shipshapeVersion: spec.shipshapeVersion,
    configDigest: spec.configDigest,
    result: expanded.result,
  };
  if (spec.previous !== undefined) review.previous = spec.previous;
  return { ok: true, review };
}

/** Check a review about to be written as strictly as one read back: a store never writes what it would refuse to read. */
export function validateReview(review: ReadinessReview): ReviewParse {
  return fromReviewObject(toReviewObject(review));
}

/** `spec.result` as Kind/name text for messages: `Deployment/api` → kind and name. */
export function parseObjectName(text: string): ReviewObject | undefined {
  const match = OBJECT_NAME.exec(text);
  return match ? { kind: match[1] as string, name: match[2] as string } : undefined;
}
