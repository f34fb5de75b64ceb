/**
 * The vocabulary of the checks library: checks, their results, and the principles they
 * belong to. Pure TypeScript; nothing here may import next, react or client-node.
 */
import type { Inventory, NamespaceInventory } from '../inventory';
import type { KnownKind } from '../k8s/kinds';
import type { ObjectRef } from '../k8s/objects';
import type { CheckConfig } from './config/settings';

/** The readiness principles, in the order a review walks through them. */
export type PrincipleId =
  | 'minimal-images'
  | 'trusted-registries'
  | 'registry-auth'
  | 'namespaces'
  | 'no-defaults'
  | 'labels'
  | 'annotations'
  | 'security-context'
  | 'resources'
  | 'probes'
  | 'availability'
  | 'network'
  | 'access-control'
  | 'secrets-hygiene'
  | 'live-health';

/**
 * `blocking`: a failure stops go-live on its own. `major` and `minor` weigh on the score only.
 */
export type Severity = 'blocking' | 'major' | 'minor';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'waived' | 'not-evaluated';

/**
 * `disabled`: turned off in the configuration file; shown, never graded. `internal-error`: the
 * check itself failed on this namespace's objects (a bug, or input it did not expect); like
 * `unavailable`, a gap in the review.
 */
export type NotEvaluatedReason = 'forbidden' | 'not-applicable' | 'unavailable' | 'disabled' | 'internal-error';

/** What one check found about one object. */
export interface ObjectFinding {
  object: ObjectRef;
  status: 'pass' | 'warn' | 'fail';
  /** One sentence about this object, e.g. "container api has no readiness probe". */
  message: string;
  /** The controller behind the object (a Pod's Deployment, say), so pages can group findings by it. */
  owner?: ObjectRef;
  /** The fix for this object, with its real names: a patch to paste or a manifest to create. */
  fix?: ObjectFix;
  /**
   * The offending field, as a path into the object (`spec.template.spec.containers[0].securityContext`):
   * the deepest part of it the object has, so a report read from files can point at its line.
   */
  field?: string;
}

/** A JSON value: fixes are made of these only, so they cross the grading worker and JSON unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The object a patch changes. */
export interface FixTarget {
  kind: string;
  name: string;
  /** Unset for cluster-scoped objects (a Namespace). */
  namespace?: string;
}

/**
 * A per-object fix. `patch`: a change to an existing object, as `kubectl patch` takes it
 * (`strategic`: Kubernetes strategic merge, containers merged by name; `merge`: RFC 7386;
 * `json`: RFC 6902). `inPlace: false` when the API server refuses that change on a live object
 * (a Pod's or a Job's pod spec): the patch then says what to change in the manifest before
 * re-creating it. `manifest`: an object to create, named and labelled for this namespace and workload.
 * Built only from names, labels and fixed values, never from an object's other data (a Secret's above all).
 */
export type ObjectFix =
  | { type: 'patch'; note: string; target: FixTarget; patchType: 'strategic' | 'merge' | 'json'; patch: JsonValue; inPlace: boolean }
  | { type: 'manifest'; note: string; manifest: JsonObject };

/** A waiver as a finding carries it: the accepted risk, who accepted it and until when. */
export interface WaiverNote {
  /** `active`: the finding is waived. `expired`: the waiver lapsed and the finding counts again. */
  state: 'active' | 'expired';
  reason: string;
  approvedBy: string;
  /** The last day the waiver holds (ISO date, UTC). */
  expires: string;
  /** Where the waiver is written, e.g. an annotation on an object or an entry of the configuration file. */
  source: string;
}

/** A finding as a checklist holds it: what the check found, possibly waived. */
export interface ItemFinding extends Omit<ObjectFinding, 'status'> {
  status: ObjectFinding['status'] | 'waived';
  /** For a waived finding, the status it would have without the waiver. */
  waivedStatus?: 'warn' | 'fail';
  /** The waiver in force (status `waived`) or the one that expired (status `warn` or `fail`). */
  waiver?: WaiverNote;
}

export interface Remediation {
  /** What to change, in one or two sentences. */
  summary: string;
  /** A YAML fragment showing the fix. */
  snippet: string;
}

export interface CheckContext {
  namespace: NamespaceInventory;
  inventory: Inventory;
  config: CheckConfig;
}

/**
 * `declared`: graded from the manifests, the same whether read from files or a cluster.
 * `observed`: what the cluster reports right now (restarts, pending pods); shown, never graded.
 */
export type CheckBasis = 'declared' | 'observed';

export interface Check {
  /** Stable, kebab-case; the file name under catalog/<principle>/. */
  id: string;
  title: string;
  principle: PrincipleId;
  severity: Severity;
  /** The kinds whose objects receive findings. */
  targets: readonly KnownKind[];
  /** The kinds the check reads; if any cannot be read, it is not evaluated. */
  reads: readonly KnownKind[];
  /** Why it matters, in one or two sentences. */
  rationale: string;
  remediation: Remediation;
  /** Kubernetes documentation for the topic. */
  docs: string;
  /**
   * Set when the check gives per-object fixes: every failing or warning finding of its fixtures
   * then carries one, and applying it makes the check pass (lib/checks/fixes/fixes.live.test.ts).
   */
  fixes?: true;
  /** What the check reads; `declared` when unset. Observed checks count toward neither score nor verdict. */
  basis?: CheckBasis;
  /**
   * Findings for the namespace. An empty list means the check has nothing to grade here
   * (not applicable), never that everything passed.
   */
  evaluate(context: CheckContext): ObjectFinding[];
}

/** One line of a namespace checklist: one check, its overall status and the objects behind it. */
export interface ChecklistItem {
  checkId: string;
  principle: PrincipleId;
  severity: Severity;
  status: CheckStatus;
  /** Set for observed (live-state) checks: shown beside the grade, not part of it. */
  observed?: true;
  /** Set when status is `not-evaluated`. */
  reason?: NotEvaluatedReason;
  /** Human explanation of `reason` (which kinds were denied, …). */
  reasonDetail?: string;
  findings: ItemFinding[];
  /** Objects by status; waived objects count toward neither side of the item's credit. */
  counts: { pass: number; warn: number; fail: number; waived?: number };
}
