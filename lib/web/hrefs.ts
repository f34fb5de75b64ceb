/**
 * Every link the dashboard builds, in one place: each path segment is percent-encoded, filters
 * become a query string (empty ones dropped), and the result is typed as a Next route so a link
 * to a page that does not exist fails the typecheck. Pure: usable on the server and in the browser.
 */
import type { Route } from 'next';
import type { Grade, Verdict } from '../checks/scoring';
import type { CheckStatus, PrincipleId } from '../checks/types';

/** A cluster context, by name or as the registry describes it. */
export type ContextRef = string | { name: string };

/** How the overview orders its rows: worst verdict first (the default), lowest score first, or by name. */
export type OverviewSort = 'verdict' | 'score' | 'name';

/** The overview's filters, as its GET form and its summary tiles set them, and the page shown. */
export interface OverviewFilters {
  verdict?: Verdict;
  grade?: Grade | 'N/A';
  q?: string;
  /** Unset: worst verdict first. */
  sort?: OverviewSort;
  /** 1-based; unset: the first page. */
  page?: number;
}

/** A namespace checklist's filters, and where on the page to land. */
export interface ChecklistFilters {
  status?: CheckStatus;
  principle?: PrincipleId;
  /** A fragment: a check id, or `principleAnchor(id)`. */
  anchor?: string;
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function contextName(context: ContextRef): string {
  return typeof context === 'string' ? context : context.name;
}

/**
 * A route path plus a query of the set, non-empty values (in the order given) and a fragment.
 * `path` is typed `Route<T>`, so with the route types Next generates from app/ a path that names
 * no route fails the typecheck; the query and fragment after it are always allowed.
 */
function withQuery<T extends string>(path: Route<T>, query: Record<string, string | undefined>, anchor?: string): Route {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return `${path}${text ? `?${text}` : ''}${anchor ? `#${segment(anchor)}` : ''}` as Route;
}

/** The fragment id of a principle's section on a namespace checklist. */
export function principleAnchor(principle: PrincipleId): string {
  return `principle-${principle}`;
}

export const hrefs = {
  home: (): Route => '/',
  /** The cluster overview, optionally filtered. */
  context: (context: ContextRef, filters: OverviewFilters = {}): Route =>
    withQuery(`/c/${segment(contextName(context))}`, {
      verdict: filters.verdict,
      grade: filters.grade,
      q: filters.q,
      sort: filters.sort === 'verdict' ? undefined : filters.sort,
      page: filters.page && filters.page > 1 ? String(filters.page) : undefined,
    }),
  /** One namespace's checklist, optionally filtered, optionally at a check or principle. */
  namespace: (context: ContextRef, namespace: string, filters: ChecklistFilters = {}): Route =>
    withQuery(
      `/c/${segment(contextName(context))}/ns/${segment(namespace)}`,
      { status: filters.status, principle: filters.principle },
      filters.anchor,
    ),
  /** The check catalog. */
  checks: (context: ContextRef): Route => withQuery(`/c/${segment(contextName(context))}/checks`, {}),
  /** One check's page. */
  check: (context: ContextRef, checkId: string): Route => withQuery(`/c/${segment(contextName(context))}/checks/${segment(checkId)}`, {}),
  /** The JSON report, for scripts and exports; narrowed to one namespace when given; `download` asks for a file. */
  report: (context: ContextRef, options: { namespace?: string; download?: boolean } = {}): Route =>
    withQuery(`/api/c/${segment(contextName(context))}/report`, {
      namespace: options.namespace,
      download: options.download ? '1' : undefined,
    }),
  /** The report as a file in a pipeline format (schema'd JSON, SARIF, JUnit, Markdown), for the cluster or one namespace. */
  exportFile: (context: ContextRef, format: 'json' | 'sarif' | 'junit' | 'markdown', options: { namespace?: string } = {}): Route =>
    withQuery(`/api/c/${segment(contextName(context))}/export/${segment(format)}`, { namespace: options.namespace }),
  /** The go-live review of one namespace: decide each open finding, then sign off. */
  review: (context: ContextRef, namespace: string): Route =>
    withQuery(`/c/${segment(contextName(context))}/ns/${segment(namespace)}/review`, {}),
  /** A namespace's sign-offs, newest first. */
  reviewHistory: (context: ContextRef, namespace: string): Route =>
    withQuery(`/c/${segment(contextName(context))}/ns/${segment(namespace)}/reviews`, {}),
  /** The printable report: the whole cluster, or one namespace when given. */
  printableReport: (context: ContextRef, options: { namespace?: string } = {}): Route =>
    options.namespace === undefined
      ? withQuery(`/c/${segment(contextName(context))}/report`, {})
      : withQuery(`/c/${segment(contextName(context))}/ns/${segment(options.namespace)}/report`, {}),
};
