import 'server-only';
/**
 * Route parameter handling shared by pages and route handlers: every parameter is validated
 * before it is used, and unknown values become a 404. The pages' filters are parsed here too,
 * where unknown values are ignored.
 */
import { notFound } from 'next/navigation';
import { checkById } from '../checks/catalog';
import type { NamespaceReport } from '../checks/evaluate';
import { PRINCIPLES } from '../checks/principles';
import { GRADE_THRESHOLDS, type Grade, VERDICT_LABELS, type Verdict } from '../checks/scoring';
import type { Check, CheckStatus, PrincipleId } from '../checks/types';
import { isDns1123Label } from '../k8s/objects';
import type { ContextInfo } from '../sources/cluster-source';
import { listContexts } from '../sources/registry';
import type { ChecklistFilters, OverviewFilters } from './hrefs';
import { OVERVIEW_SORTS, parsePageNumber } from './overview-page';

/**
 * Next.js hands pages some parameters still percent-encoded and route handlers decoded; accept
 * either, but only ever return a context that exists.
 */
export async function findContext(param: string): Promise<ContextInfo | undefined> {
  const contexts = await listContexts();
  const direct = contexts.find((context) => context.name === param);
  if (direct) return direct;
  let decoded: string;
  try {
    decoded = decodeURIComponent(param);
  } catch {
    return undefined;
  }
  return contexts.find((context) => context.name === decoded);
}

export async function requireContext(param: string): Promise<ContextInfo> {
  const context = await findContext(param);
  if (!context) notFound();
  return context;
}

/** Namespace names are DNS-1123 labels; anything else is not a namespace. */
export function requireNamespaceName(param: string): string {
  if (!isDns1123Label(param)) notFound();
  return param;
}

export function requireCheck(param: string): Check {
  const check = /^[a-z0-9-]{1,80}$/.test(param) ? checkById(param) : undefined;
  if (!check) notFound();
  return check;
}

/** Checklist statuses in the order filters list them, worst first. */
export const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'warn', 'pass', 'waived', 'not-evaluated'];

export function parseStatusFilter(value: string | string[] | undefined): CheckStatus | undefined {
  const single = firstParam(value);
  return STATUS_ORDER.find((status) => status === single);
}

export function parsePrincipleFilter(value: string | string[] | undefined): PrincipleId | undefined {
  const single = firstParam(value);
  return PRINCIPLES.find((principle) => principle.id === single)?.id;
}

/** A namespace checklist's filters from its query; unknown values are ignored. */
export function parseChecklistFilters(searchParams: SearchParams): ChecklistFilters {
  const filters: ChecklistFilters = {};
  const status = parseStatusFilter(searchParams.status);
  if (status) filters.status = status;
  const principle = parsePrincipleFilter(searchParams.principle);
  if (principle) filters.principle = principle;
  return filters;
}

/** Verdicts in the order the overview's filter lists them. */
export const OVERVIEW_VERDICTS = Object.keys(VERDICT_LABELS) as Verdict[];
/** Grades in the order the overview's filter lists them, "N/A" last. */
export const OVERVIEW_GRADES: readonly (Grade | 'N/A')[] = [...GRADE_THRESHOLDS.map((threshold) => threshold.grade), 'N/A'];
/** A namespace name is at most 63 characters, so a longer search can match nothing. */
export const NAMESPACE_SEARCH_LIMIT = 63;

/**
 * The overview's filters, sort and page from its query; unknown values are ignored, the search is
 * trimmed and capped, and the defaults (worst first, page 1) are left unset so links stay short.
 */
export function parseOverviewFilters(searchParams: SearchParams): OverviewFilters {
  const filters: OverviewFilters = {};
  const verdict = firstParam(searchParams.verdict);
  const knownVerdict = OVERVIEW_VERDICTS.find((candidate) => candidate === verdict);
  if (knownVerdict) filters.verdict = knownVerdict;
  const grade = firstParam(searchParams.grade);
  const knownGrade = OVERVIEW_GRADES.find((candidate) => candidate === grade);
  if (knownGrade) filters.grade = knownGrade;
  const q = firstParam(searchParams.q)?.trim().slice(0, NAMESPACE_SEARCH_LIMIT);
  if (q) filters.q = q;
  const sort = firstParam(searchParams.sort);
  const knownSort = OVERVIEW_SORTS.find((candidate) => candidate.value === sort)?.value;
  if (knownSort && knownSort !== 'verdict') filters.sort = knownSort;
  const page = parsePageNumber(firstParam(searchParams.page));
  if (page && page > 1) filters.page = page;
  return filters;
}

/** Whether a namespace's report passes the overview's filters. */
export function matchesOverviewFilters(report: NamespaceReport, filters: OverviewFilters): boolean {
  if (filters.verdict && report.verdict !== filters.verdict) return false;
  if (filters.grade && (report.score.grade ?? 'N/A') !== filters.grade) return false;
  if (filters.q && !report.namespace.includes(filters.q.toLowerCase())) return false;
  return true;
}

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export type SearchParams = Record<string, string | string[] | undefined>;
