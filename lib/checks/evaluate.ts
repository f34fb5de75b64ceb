/**
 * Running the catalog over an inventory: one checklist per namespace, graded.
 */
import { accessGapFor, type Inventory, type NamespaceInventory, SYSTEM_NAMESPACES } from '../inventory';
import { CATALOG } from './catalog';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from './config';
import { type Score, scoreChecklist, type Verdict, verdictFor } from './scoring';
import type { Check, ChecklistItem, CheckStatus, ObjectFinding } from './types';

export interface NamespaceReport {
  namespace: string;
  items: ChecklistItem[];
  score: Score;
  verdict: Verdict;
  counts: Record<CheckStatus, number>;
  /** Failing blocking checks, the reasons the verdict is "not ready". */
  blockingFailures: ChecklistItem[];
  /** True when some checks could not be evaluated for lack of access or data. */
  partial: boolean;
}

export interface ClusterReport {
  namespaces: NamespaceReport[];
  /** Namespaces present but not graded (system namespaces). */
  skippedNamespaces: string[];
}

const STATUS_RANK: Record<ObjectFinding['status'], number> = { pass: 0, warn: 1, fail: 2 };

/** Evaluate one check in one namespace, turning its findings into a checklist item. */
export function evaluateCheck(check: Check, namespace: NamespaceInventory, inventory: Inventory, config: CheckConfig): ChecklistItem {
  const base = { checkId: check.id, principle: check.principle, severity: check.severity };
  const gaps = check.reads.map((kind) => accessGapFor(inventory, kind, namespace.name)).filter((gap) => gap !== undefined);
  if (gaps.length > 0) {
    const forbidden = gaps.some((gap) => gap.reason === 'forbidden');
    return {
      ...base,
      status: 'not-evaluated',
      reason: forbidden ? 'forbidden' : 'unavailable',
      reasonDetail: `Could not read ${[...new Set(gaps.map((gap) => gap.kind))].join(', ')}: ${gaps[0]?.message ?? ''}`.trim(),
      findings: [],
      counts: { pass: 0, warn: 0, fail: 0 },
    };
  }
  const findings = check.evaluate({ namespace, inventory, config });
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const finding of findings) counts[finding.status] += 1;
  if (findings.length === 0) {
    return {
      ...base,
      status: 'not-evaluated',
      reason: 'not-applicable',
      reasonDetail: 'Nothing in this namespace for this check to grade.',
      findings,
      counts,
    };
  }
  const worst = findings.reduce(
    (acc, finding) => (STATUS_RANK[finding.status] > STATUS_RANK[acc] ? finding.status : acc),
    'pass' as ObjectFinding['status'],
  );
  // Failing objects first, so the page leads with what needs fixing.
  const sorted = [...findings].sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status]);
  return { ...base, status: worst, findings: sorted, counts };
}

export function evaluateNamespace(
  namespace: NamespaceInventory,
  inventory: Inventory,
  config: CheckConfig = DEFAULT_CHECK_CONFIG,
  catalog: readonly Check[] = CATALOG,
): NamespaceReport {
  const items = catalog.map((check) => evaluateCheck(check, namespace, inventory, config));
  const score = scoreChecklist(items);
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, waived: 0, 'not-evaluated': 0 };
  for (const item of items) counts[item.status] += 1;
  return {
    namespace: namespace.name,
    items,
    score,
    verdict: verdictFor(items, score),
    counts,
    blockingFailures: items.filter((item) => item.severity === 'blocking' && item.status === 'fail'),
    partial: items.some((item) => item.status === 'not-evaluated' && item.reason !== 'not-applicable'),
  };
}

const VERDICT_ORDER: Record<Verdict, number> = { 'not-ready': 0, incomplete: 1, 'ready-with-risks': 2, ready: 3, 'not-graded': 4 };

/** Grade every non-system namespace, worst first. */
export function evaluateCluster(inventory: Inventory, config: CheckConfig = DEFAULT_CHECK_CONFIG): ClusterReport {
  const reports: NamespaceReport[] = [];
  const skipped: string[] = [];
  for (const namespace of inventory.namespaces.values()) {
    if (SYSTEM_NAMESPACES.has(namespace.name)) {
      skipped.push(namespace.name);
      continue;
    }
    reports.push(evaluateNamespace(namespace, inventory, config));
  }
  reports.sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      (a.score.value ?? 101) - (b.score.value ?? 101) ||
      a.namespace.localeCompare(b.namespace),
  );
  return { namespaces: reports, skippedNamespaces: skipped };
}
