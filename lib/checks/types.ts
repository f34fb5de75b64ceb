/**
 * The vocabulary of the checks library: checks, their results, and the principles they
 * belong to. Pure TypeScript; nothing here may import next, react or client-node.
 */
import type { Inventory, NamespaceInventory } from '../inventory';
import type { ObjectRef } from '../k8s/objects';
import type { CheckConfig } from './config';

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
  | 'access-control';

/**
 * `blocking`: a failure stops go-live on its own. `major` and `minor` weigh on the score only.
 */
export type Severity = 'blocking' | 'major' | 'minor';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'waived' | 'not-evaluated';

export type NotEvaluatedReason = 'forbidden' | 'not-applicable' | 'unavailable';

/** What one check found about one object. */
export interface ObjectFinding {
  object: ObjectRef;
  status: 'pass' | 'warn' | 'fail';
  /** One sentence about this object, e.g. "container api has no readiness probe". */
  message: string;
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

export interface Check {
  /** Stable, kebab-case; the file name under catalog/. */
  id: string;
  title: string;
  principle: PrincipleId;
  severity: Severity;
  /** The kinds whose objects receive findings. */
  targets: readonly string[];
  /** The kinds the check reads; if any cannot be read, it is not evaluated. */
  reads: readonly string[];
  /** Why it matters, in one or two sentences. */
  rationale: string;
  remediation: Remediation;
  /** Kubernetes documentation for the topic. */
  docs: string;
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
  /** Set when status is `not-evaluated`. */
  reason?: NotEvaluatedReason;
  /** Human explanation of `reason` (which kinds were denied, …). */
  reasonDetail?: string;
  findings: ObjectFinding[];
  counts: { pass: number; warn: number; fail: number };
}
