import 'server-only';
/**
 * Route parameter handling shared by pages and route handlers: every parameter is validated
 * before it is used, and unknown values become a 404.
 */
import { notFound } from 'next/navigation';
import { checkById } from '../checks/catalog';
import { PRINCIPLES } from '../checks/principles';
import type { Check, CheckStatus, PrincipleId } from '../checks/types';
import { isDns1123Label } from '../k8s/objects';
import type { ContextInfo } from '../sources/cluster-source';
import { listContexts, loadContext } from '../sources/registry';

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

/**
 * A namespace route must name a DNS-1123 label that the cluster has. When the cluster cannot be
 * read, the page itself shows that error, so only a successful read can rule a namespace out.
 */
export async function requireKnownNamespace(contextParam: string, namespaceParam: string): Promise<string> {
  const context = await requireContext(contextParam);
  const namespace = requireNamespaceName(namespaceParam);
  const result = await loadContext(context.name);
  if (result.ok && !result.cluster.report.namespaces.some((report) => report.namespace === namespace)) notFound();
  return namespace;
}

export function requireCheck(param: string): Check {
  const check = /^[a-z0-9-]{1,80}$/.test(param) ? checkById(param) : undefined;
  if (!check) notFound();
  return check;
}

export function contextPath(context: ContextInfo | string): string {
  return `/c/${encodeURIComponent(typeof context === 'string' ? context : context.name)}`;
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

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export type SearchParams = Record<string, string | string[] | undefined>;
