/**
 * The vocabulary of go-live reviews: a team walks a namespace's open findings, decides for each
 * (fix before go-live, or accept the risk until a date), and signs off with a verdict. A review
 * is written once and never changed; a new sign-off is a new review. Pure TypeScript: shared by
 * the stores (a cluster's ReadinessReview objects, a snapshot's review folder), the pages and the CLI.
 *
 * This file is the contract the review work is built against; the model, stores, pages and CLI
 * implement and use it.
 */
import type { CheckStatus } from '../checks/types';

/** The custom resource reviews are stored as in a live cluster (deploy/crd/readinessreview.yaml). */
export const REVIEW_API_GROUP = 'reviews.shipshape.dev';
export const REVIEW_API_VERSION = 'v1alpha1';
export const REVIEW_KIND = 'ReadinessReview';
export const REVIEW_PLURAL = 'readinessreviews';

/** `ready-with-accepted-risks` needs at least one accepted risk; `ready` needs none left open. */
export type ReviewVerdict = 'ready' | 'ready-with-accepted-risks' | 'not-ready';

/** An object a decision is about, as findings name it. Unset on namespace-wide decisions. */
export interface ReviewObject {
  kind: string;
  name: string;
}

/** A finding the team accepts for now: a waiver with the same rules as annotation and file waivers. */
export interface AcceptedRisk {
  checkId: string;
  /** The one object accepted; unset for the whole namespace. */
  object?: ReviewObject;
  reason: string;
  /** The last day it holds, YYYY-MM-DD (UTC). */
  expires: string;
  /** Who accepted it; the signer unless the reviewer names the risk's owner. */
  acceptedBy: string;
}

/** A finding the team will fix before go-live. */
export interface FixDecision {
  checkId: string;
  object?: ReviewObject;
}

/** Who signed. From a cluster (SelfSubjectReview) it is verified; in snapshot mode it is what the reviewer typed, marked unverified. */
export interface Signer {
  username: string;
  groups: string[];
  verified: boolean;
}

/**
 * The result at the moment of sign-off, compact enough for a namespace of thousands of objects
 * to stay far below the API server's object size limit (~1.5 MB): per check, its status and
 * the objects that did not pass, plus every object graded (for "objects added or removed").
 * Stored (schema.ts), each check names its objects by position in `objects`, as ranges; this is
 * the form once read back (fromReviewObject).
 */
export interface ReviewResult {
  /** 0–100, or null when nothing could be graded (as Score: never shown as 100). */
  score: number | null;
  grade: string | null;
  /** The graded verdict at sign-off (lib/checks/scoring Verdict), beside the reviewer's own. */
  verdict: string;
  /** checkId → status of the check and the `Kind/name` of each object with that status (pass objects are not listed). */
  checks: Record<string, { status: CheckStatus; fail?: string[]; warn?: string[]; waived?: string[] }>;
  /** Every object in the namespace (less those a controller made) and every object a check named, as `Kind/name`, sorted. */
  objects: string[];
}

export interface ReadinessReview {
  /** The review's name: unique per namespace, and the key concurrent sign-offs collide on. */
  name: string;
  namespace: string;
  /** The review it follows (the newest the reviewer saw when starting), unset for the first. */
  previous?: string;
  /** ISO 8601, set by the store when written. */
  signedAt: string;
  signer: Signer;
  verdict: ReviewVerdict;
  notes: string;
  acceptedRisks: AcceptedRisk[];
  fixBeforeGoLive: FixDecision[];
  shipshapeVersion: string;
  /** A digest of the configuration the namespace was graded with (sha256 of its canonical form). */
  configDigest: string;
  result: ReviewResult;
}

/** What a reviewer submits; the store adds the name, signer and time. */
export type ReviewDraft = Omit<ReadinessReview, 'name' | 'signedAt' | 'signer'> & {
  /** Snapshot mode only: the name the reviewer gives (never trusted as verified). */
  claimedSigner?: string;
};

/** Why reviews cannot be written (or read) here, in words the page shows with how to fix it. */
export interface ReviewUnavailable {
  reason: 'read-only' | 'crd-missing' | 'forbidden' | 'unreachable' | 'invalid';
  message: string;
  hint?: string;
}

export type CreateReviewResult =
  | { ok: true; review: ReadinessReview }
  | { ok: false; conflict: true; message: string; latest?: string }
  | ({ ok: false; conflict?: false } & ReviewUnavailable);

/** Where one context's reviews live. Implementations: the live store (CRD objects) and the file store (snapshot mode). */
export interface ReviewStore {
  /** Whether this identity may sign off in the namespace; the reason when it may not. */
  canWrite(namespace: string): Promise<{ ok: true } | ({ ok: false } & ReviewUnavailable)>;
  /** The namespace's reviews, newest first; reviews that fail validation are reported, never shown as valid. */
  list(namespace: string): Promise<{ ok: true; reviews: ReadinessReview[]; rejected: string[] } | ({ ok: false } & ReviewUnavailable)>;
  /** Write a new review after `draft.previous`; a concurrent sign-off from the same state is a conflict, never an overwrite. */
  create(draft: ReviewDraft): Promise<CreateReviewResult>;
  /** The identity the store signs as. */
  whoAmI(): Promise<Signer>;
}

/** The state of a namespace against its last sign-off. */
export interface SinceSignOff {
  review: Pick<ReadinessReview, 'name' | 'signedAt' | 'signer' | 'verdict'>;
  /** Findings failing now that did not fail at sign-off (check, object). */
  newFailures: Array<{ checkId: string; object: string; status: 'fail' | 'warn' }>;
  /** Findings that failed or warned at sign-off and pass now (or whose object is gone). */
  fixed: Array<{ checkId: string; object: string }>;
  /** Accepted risks of the review whose expiry has passed: findings again. */
  expiredRisks: AcceptedRisk[];
  objectsAdded: string[];
  objectsRemoved: string[];
  configChanged: boolean;
  /** False when anything above means the sign-off no longer holds (new blocking failure, expired risk, or verdict moved). */
  holds: boolean;
}
