/**
 * Running the catalog over an inventory: one checklist per namespace, graded.
 */
import { accessGapFor, type Inventory, type NamespaceInventory, SYSTEM_NAMESPACES } from '../inventory';
import { formatKubernetesVersion, parseKubernetesVersion } from '../k8s/api-versions';
import { CATALOG, CATALOG_CHECK_IDS } from './catalog';
import { DEFAULT_SHIPSHAPE_CONFIG, type ShipshapeConfig } from './config/parse';
import { effectiveSeverity, isCheckDisabled, isNamespaceExcluded } from './config/policy';
import type { CheckConfig } from './config/settings';
import { isGraded, isUnread, type Score, scoreChecklist, type Verdict, verdictFor } from './scoring';
import type { Check, ChecklistItem, CheckStatus, ObjectFinding, Severity } from './types';
import { clusterAnnotationWaivers, namespaceAnnotationWaivers } from './waivers/annotations';
import { applyWaivers } from './waivers/apply';
import { namespaceReviewWaivers } from './waivers/reviews';
import type { RejectedWaiver, Waiver } from './waivers/validate';

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
  /** Waivers written for this namespace that were rejected (no reason, bad date, unknown check, …). */
  rejectedWaivers: RejectedWaiver[];
  /** The newest valid go-live review of the namespace, whose accepted risks are among its waivers. */
  signedOff?: string;
}

/**
 * Why a namespace that exists was not graded. `system`: kube-system, kube-public or
 * kube-node-lease (namespaces.includeSystem grades them). `excluded`: matched namespaces.exclude.
 * `hidden`: a live context could read nothing at all in it.
 */
export type SkipReason = 'system' | 'excluded' | 'hidden';

export interface SkippedNamespace {
  namespace: string;
  reason: SkipReason;
  /** Objects read in it and left ungraded (the Namespace object itself not counted). */
  objects: number;
  /** One sentence: why, and how to grade it after all. */
  detail: string;
}

/** The Kubernetes release the report was graded against, and who chose it. */
export interface TargetVersion {
  version: string;
  /** `configuration`: settings.kubernetesVersion; `server`: the live API server's /version; `default`: DEFAULT_KUBERNETES_VERSION. */
  source: 'configuration' | 'server' | 'default';
}

export interface ClusterReport {
  namespaces: NamespaceReport[];
  /** Every namespace present but not graded, with the reason: system, excluded or hidden. */
  skipped: SkippedNamespace[];
  /** Namespaces present but not graded (system namespaces); the `system` entries of `skipped`, for older consumers. */
  skippedNamespaces: string[];
  /** Namespaces present but excluded by the configuration file; the `excluded` entries of `skipped`. */
  excludedNamespaces: string[];
  /** The release API versions were judged against. */
  kubernetesVersion: TargetVersion;
  /** Every rejected waiver: those of graded namespaces, of cluster-scoped objects, and configuration entries for no graded namespace. */
  rejectedWaivers: RejectedWaiver[];
}

/** A check that threw while grading one namespace. */
export interface CheckFailure {
  checkId: string;
  namespace: string;
  error: unknown;
}

/** How to grade: the configuration file's content and the clock waivers are judged by. */
export interface GradeOptions {
  /** The defaults (no file) when unset. */
  config?: ShipshapeConfig;
  /** The present moment when unset; tests pass a fixed date. */
  now?: Date;
  /** The live API server's version (`/version`); the target unless the configuration file names one. */
  serverVersion?: string;
  /** Namespaces a live context could read nothing in: listed as skipped, never graded. */
  hiddenNamespaces?: readonly string[];
  /** Told of every check that threw; `logCheckFailure` (console.error) when unset. */
  onCheckError?: (failure: CheckFailure) => void;
}

/** The release to judge API versions against: the file's setting, else the server's, else the default. */
export function targetVersionFor(config: ShipshapeConfig, serverVersion?: string): TargetVersion {
  if (config.kubernetesVersionSet) return { version: config.settings.kubernetesVersion, source: 'configuration' };
  const server = serverVersion ? parseKubernetesVersion(serverVersion) : undefined;
  if (server) return { version: formatKubernetesVersion(server), source: 'server' };
  return { version: config.settings.kubernetesVersion, source: 'default' };
}

function objectCount(namespace: NamespaceInventory): number {
  let count = 0;
  for (const objects of namespace.byKind.values()) count += objects.length;
  return count;
}

const SKIP_DETAIL: Record<SkipReason, string> = {
  system: 'a Kubernetes system namespace, not graded by default; set namespaces.includeSystem: true in the configuration file to grade it',
  excluded: 'excluded by namespaces.exclude in the configuration file; remove the entry to grade it',
  hidden: 'nothing in it could be read with this context’s permissions; read access there (the built-in view role) grades it',
};

/**
 * The default report of a failed check: its id, the namespace and the stack, for the server's
 * log. Never the error's message: it may quote object data (a TypeError names a value's type
 * only, but a check's own error could say more), and the stack's first line repeats it.
 */
export function logCheckFailure({ checkId, namespace, error }: CheckFailure): void {
  const name = error instanceof Error ? error.name : typeof error;
  const frames = error instanceof Error && error.stack ? error.stack.split('\n').slice(1).join('\n') : '';
  console.error(`shipshape: check ${checkId} failed in namespace ${namespace} (${name})${frames ? `\n${frames}` : ''}`);
}

export const INTERNAL_ERROR_DETAIL = 'Shipshape failed while running this check; the error is logged on the server.';

const STATUS_RANK: Record<ObjectFinding['status'], number> = { pass: 0, warn: 1, fail: 2 };

/** What every checklist item of a check says, whatever its status. */
function itemBase(check: Check, severity: Severity): Pick<ChecklistItem, 'checkId' | 'principle' | 'severity' | 'observed'> {
  const base: Pick<ChecklistItem, 'checkId' | 'principle' | 'severity' | 'observed'> = {
    checkId: check.id,
    principle: check.principle,
    severity,
  };
  if (check.basis === 'observed') base.observed = true;
  return base;
}

/** Evaluate one check in one namespace, turning its findings into a checklist item graded with `severity`. */
export function evaluateCheck(
  check: Check,
  namespace: NamespaceInventory,
  inventory: Inventory,
  config: CheckConfig,
  severity: Severity = check.severity,
  onCheckError?: GradeOptions['onCheckError'],
): ChecklistItem {
  const base = itemBase(check, severity);
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
  let findings: ObjectFinding[];
  try {
    findings = check.evaluate({ namespace, inventory, config });
  } catch (error) {
    // One check failing on odd input must not take the namespace, or the cluster, with it.
    (onCheckError ?? logCheckFailure)({ checkId: check.id, namespace: namespace.name, error });
    return {
      ...base,
      status: 'not-evaluated',
      reason: 'internal-error',
      reasonDetail: INTERNAL_ERROR_DETAIL,
      findings: [],
      counts: { pass: 0, warn: 0, fail: 0 },
    };
  }
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const finding of findings) counts[finding.status] += 1;
  if (findings.length === 0) {
    return {
      ...base,
      status: 'not-evaluated',
      reason: 'not-applicable',
      // An observed check finds nothing where there is no live state: a snapshot of manifests has no pods or status.
      reasonDetail:
        check.basis === 'observed'
          ? 'No live state here to observe (no pods or workload status).'
          : 'Nothing in this namespace for this check to grade.',
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

/** A check turned off in the configuration: listed, never graded. */
function disabledItem(check: Check, severity: Severity): ChecklistItem {
  return {
    ...itemBase(check, severity),
    status: 'not-evaluated',
    reason: 'disabled',
    reasonDetail: 'Disabled in the Shipshape configuration file (checks.disabled).',
    findings: [],
    counts: { pass: 0, warn: 0, fail: 0 },
  };
}

/**
 * Grade one namespace: run the catalog (less disabled checks) with the configured settings and
 * severities, then apply the waivers written for it (annotations and configuration entries).
 * `clusterWaivers` are annotation waivers on cluster-scoped objects, collected once per cluster.
 */
export function evaluateNamespace(
  namespace: NamespaceInventory,
  inventory: Inventory,
  options: GradeOptions = {},
  catalog: readonly Check[] = CATALOG,
  clusterWaivers: readonly Waiver[] = [],
): NamespaceReport {
  const config = options.config ?? DEFAULT_SHIPSHAPE_CONFIG;
  const now = options.now ?? new Date();
  const knownCheckIds = catalog === CATALOG ? CATALOG_CHECK_IDS : new Set(catalog.map((check) => check.id));
  const annotated = namespaceAnnotationWaivers(namespace, knownCheckIds);
  const reviewed = namespaceReviewWaivers(namespace.name, inventory.reviews?.get(namespace.name) ?? [], knownCheckIds);
  const waivers = [
    ...annotated.waivers,
    ...config.waivers.filter((waiver) => waiver.namespace === namespace.name),
    ...reviewed.waivers,
    ...clusterWaivers,
  ];
  const items = catalog.map((check) => {
    const severity = effectiveSeverity(check, config);
    if (isCheckDisabled(check.id, config)) return disabledItem(check, severity);
    return applyWaivers(evaluateCheck(check, namespace, inventory, config.settings, severity, options.onCheckError), waivers, now);
  });
  const score = scoreChecklist(items);
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, waived: 0, 'not-evaluated': 0 };
  for (const item of items) counts[item.status] += 1;
  return {
    namespace: namespace.name,
    items,
    score,
    verdict: verdictFor(items, score),
    counts,
    // Observed (live-state) items are shown but not graded: they neither block go-live nor make the grade partial.
    blockingFailures: items.filter((item) => isGraded(item) && item.severity === 'blocking' && item.status === 'fail'),
    partial: items.some((item) => isGraded(item) && isUnread(item)),
    rejectedWaivers: [
      ...annotated.rejected,
      ...config.rejectedWaivers.filter((rejected) => rejected.namespace === namespace.name),
      ...reviewed.rejected,
    ],
    ...(reviewed.review ? { signedOff: reviewed.review.name } : {}),
  };
}

const VERDICT_ORDER: Record<Verdict, number> = { 'not-ready': 0, incomplete: 1, 'ready-with-risks': 2, ready: 3, 'not-graded': 4 };

/**
 * Grade every namespace that is neither a system namespace nor excluded by the configuration, worst
 * first; the others are listed in `skipped` with the reason, never dropped silently.
 */
export function evaluateCluster(inventory: Inventory, options: GradeOptions = {}): ClusterReport {
  const fileConfig = options.config ?? DEFAULT_SHIPSHAPE_CONFIG;
  const kubernetesVersion = targetVersionFor(fileConfig, options.serverVersion);
  // The target version reaches the checks as one of their settings.
  const config: ShipshapeConfig = { ...fileConfig, settings: { ...fileConfig.settings, kubernetesVersion: kubernetesVersion.version } };
  const graded = { ...options, config, now: options.now ?? new Date() };
  const cluster = clusterAnnotationWaivers(inventory, CATALOG_CHECK_IDS);
  const reports: NamespaceReport[] = [];
  const skipped: SkippedNamespace[] = [];
  const skip = (namespace: string, reason: SkipReason, objects: number) =>
    skipped.push({ namespace, reason, objects, detail: SKIP_DETAIL[reason] });
  for (const namespace of inventory.namespaces.values()) {
    if (SYSTEM_NAMESPACES.has(namespace.name) && !config.includeSystemNamespaces) skip(namespace.name, 'system', objectCount(namespace));
    else if (isNamespaceExcluded(namespace.name, config)) skip(namespace.name, 'excluded', objectCount(namespace));
    else reports.push(evaluateNamespace(namespace, inventory, graded, CATALOG, cluster.waivers));
  }
  for (const name of options.hiddenNamespaces ?? []) if (!inventory.namespaces.has(name)) skip(name, 'hidden', 0);
  const gradedNames = new Set(reports.map((report) => report.namespace));
  reports.sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      (a.score.value ?? 101) - (b.score.value ?? 101) ||
      a.namespace.localeCompare(b.namespace),
  );
  const rejectedWaivers = [
    ...cluster.rejected,
    ...reports.flatMap((report) => report.rejectedWaivers),
    ...config.rejectedWaivers.filter((rejected) => !rejected.namespace || !gradedNames.has(rejected.namespace)),
  ];
  const named = (reason: SkipReason) => skipped.filter((entry) => entry.reason === reason).map((entry) => entry.namespace);
  return {
    namespaces: reports,
    skipped,
    skippedNamespaces: named('system'),
    excludedNamespaces: named('excluded'),
    kubernetesVersion,
    rejectedWaivers,
  };
}
