import 'server-only';
/**
 * Reading what the checks need from a live cluster: one cluster-wide, paginated LIST per kind,
 * kinds in parallel under a bound. A kind the user may not list cluster-wide is read namespace
 * by namespace instead; what stays unreadable becomes an access gap, never an empty list.
 *
 * Every read is bounded: pages per list, requests and objects per read, and one deadline for
 * the whole read, retries and fallbacks included. One AbortController stops every request of
 * the read at once: at the deadline, when nobody waits for it, or when one list has ended it.
 */
import type { AccessGap } from '../../inventory';
import { admitObject } from '../../inventory';
import { admissionProblem, describeObject } from '../../k8s/admission-schema';
import { CUSTOM_KINDS, KINDS, type KindInfo, kindInfo } from '../../k8s/kinds';
import type { KubeObject } from '../../k8s/objects';
import { boundedNumberFromEnv, type KubeClient } from './kube-client';
import {
  clampNumber,
  failureFromStop,
  failureFromThrown,
  KubeRequestError,
  PageGuard,
  parseListPage,
  ReadBudget,
  ReadStopped,
  type ReadStopReason,
  type RequestFailure,
  type RequestFailureKind,
} from './request-policy';

/** Where a kind is listed: its row of the kind table. */
export type KindEndpoint = KindInfo;

/**
 * Every kind the checks read, bar Namespace (listed first, on its own, to know the namespaces)
 * and Shipshape's own custom kinds, which are optional.
 */
export const KIND_ENDPOINTS: readonly KindEndpoint[] = KINDS.filter((entry) => entry.kind !== 'Namespace' && !CUSTOM_KINDS.has(entry.kind));

/**
 * Kinds served by a CustomResourceDefinition Shipshape ships (deploy/crd/), which a cluster has
 * only once someone installed it: go-live reviews, whose accepted risks are waivers. Listed when
 * the API server's discovery serves them; when it does not, they are left out without an access
 * gap (there is nothing to read, and the review store tells the page how to install them).
 * Once served, they are read like any kind: a 403 is an access gap for that kind alone.
 */
export const OPTIONAL_KIND_ENDPOINTS: readonly KindEndpoint[] = KINDS.filter((entry) => CUSTOM_KINDS.has(entry.kind));

const NAMESPACE_ENDPOINT: KindEndpoint = kindInfo('Namespace');

export interface ReadOptions {
  /** Kinds (and per-namespace fallbacks) listed at once; held within 1–16. */
  concurrency: number;
  pageSize: number;
  /** How often a list whose continue token expired (410) is started again. */
  maxRestarts: number;
  /** Namespace to fall back to when namespaces cannot be listed (the context's namespace). */
  fallbackNamespace: string | undefined;
  /** Pages one list may take: a server that never stops paging ends the read here. */
  maxPagesPerList: number;
  /** Requests one read may make, pages and per-namespace fallbacks together. */
  maxRequests: number;
  /** Objects one read may keep. */
  maxObjects: number;
  /** The whole read's budget in milliseconds, retries, waits and fallbacks included. */
  deadlineMs: number;
  /** Stops the read when it fires: nobody is waiting for it any more. */
  signal?: AbortSignal | undefined;
}

export const MAX_CONCURRENCY = 16;

export const DEFAULT_READ_OPTIONS: ReadOptions = {
  concurrency: boundedNumberFromEnv('SHIPSHAPE_LIST_CONCURRENCY', 4, 1, MAX_CONCURRENCY),
  pageSize: 500,
  maxRestarts: 2,
  fallbackNamespace: undefined,
  maxPagesPerList: boundedNumberFromEnv('SHIPSHAPE_MAX_LIST_PAGES', 1_000, 1, 1_000_000),
  maxRequests: boundedNumberFromEnv('SHIPSHAPE_MAX_READ_REQUESTS', 10_000, 1, 10_000_000),
  maxObjects: boundedNumberFromEnv('SHIPSHAPE_MAX_OBJECTS', 200_000, 1, 100_000_000),
  deadlineMs: boundedNumberFromEnv('SHIPSHAPE_READ_DEADLINE_SECONDS', 60, 1, 86_400) * 1000,
};

/**
 * Failures that end the whole read. The rest (a timeout, a 5xx or a malformed answer on one
 * kind, a 404 for an API the server does not serve) become access gaps for that kind alone.
 */
const FATAL_FAILURES: ReadonlySet<RequestFailureKind> = new Set<RequestFailureKind>([
  'unreachable',
  'tls',
  'unauthorized',
  'auth-plugin',
  'plain-http',
  'kubeconfig',
  'bad-pagination',
  'limit',
  'deadline',
  'abandoned',
  'internal',
]);

export interface ClusterRead {
  objects: KubeObject[];
  accessGaps: AccessGap[];
  /** Namespaces that exist but in which nothing at all could be read; left out of the review. */
  hiddenNamespaces: string[];
  /** LIST requests made, pages included; for the benchmark and the tests. */
  requests: number;
  /** Objects the API server returned that do not have the shape the checks read: left out, each reported. */
  rejectedObjects: RejectedObject[];
}

/** One object left out at admission: which one, and the field path that is wrong (never its value). */
export interface RejectedObject {
  /** The list it came in, e.g. `deployments`. */
  resource: string;
  /** `Deployment shop/web`. */
  object: string;
  problem: string;
}

/** A failure that ends the whole read: nothing useful can come from this context. */
export class ClusterReadError extends Error {
  readonly failure: RequestFailure;
  readonly resource: string;
  /** `cause` is what was thrown, kept for the server log of an internal error. */
  constructor(failure: RequestFailure, resource: string, options?: { cause?: unknown }) {
    super(`${resource}: ${failure.summary}`, options);
    this.name = 'ClusterReadError';
    this.failure = failure;
    this.resource = resource;
  }
}

interface ListResponse {
  metadata?: { continue?: string };
  items?: KubeObject[];
}

function listPath(endpoint: KindEndpoint, namespace?: string): string {
  const root = endpoint.apiVersion === 'v1' ? '/api/v1' : `/apis/${endpoint.apiVersion}`;
  return namespace ? `${root}/namespaces/${encodeURIComponent(namespace)}/${endpoint.plural}` : `${root}/${endpoint.plural}`;
}

/** A small semaphore: at most `limit` tasks run at once. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

export async function readCluster(client: KubeClient, options: Partial<ReadOptions> = {}): Promise<ClusterRead> {
  const settings = { ...DEFAULT_READ_OPTIONS, ...options };
  const controller = new AbortController();
  const stop = (reason: ReadStopReason) => {
    if (!controller.signal.aborted) controller.abort(new ReadStopped(reason));
  };
  const deadline = setTimeout(() => stop('deadline'), settings.deadlineMs);
  const abandon = () => stop('abandoned');
  if (settings.signal?.aborted) abandon();
  else settings.signal?.addEventListener('abort', abandon, { once: true });
  try {
    return await readWithin(client, settings, controller.signal);
  } finally {
    clearTimeout(deadline);
    settings.signal?.removeEventListener('abort', abandon);
    // Whatever ended the read (success or its first fatal failure), nothing of it may go on.
    stop('ended');
  }
}

async function readWithin(client: KubeClient, settings: ReadOptions, signal: AbortSignal): Promise<ClusterRead> {
  const run = limiter(clampNumber(settings.concurrency, 1, MAX_CONCURRENCY, DEFAULT_READ_OPTIONS.concurrency));
  const budget = new ReadBudget(settings);
  // Keyed by object, so a list started again after a 410 does not report the same object twice.
  const rejected = new Map<string, RejectedObject>();

  /** All pages of one list; a 410 on a continue token starts the list again from the top. */
  async function listAll(endpoint: KindEndpoint, namespace?: string): Promise<KubeObject[]> {
    for (let restart = 0; ; restart += 1) {
      const objects: KubeObject[] = [];
      const pages = new PageGuard(settings.maxPagesPerList);
      let token: string | undefined;
      try {
        do {
          // Tasks still queued behind the limiter when the read stopped must not start.
          if (signal.aborted) throw new KubeRequestError(failureFromStop(signal.reason));
          const overBudget = budget.request();
          if (overBudget) throw new KubeRequestError(overBudget);
          const answer = await client.getJson<unknown>(
            listPath(endpoint, namespace),
            { limit: String(settings.pageSize), continue: token },
            { signal },
          );
          const parsed = parseListPage(answer);
          if ('failure' in parsed) throw new KubeRequestError(parsed.failure);
          const page = parsed.page as ListResponse;
          for (const item of page.items ?? []) {
            // Items of a list carry no kind or apiVersion; managedFields, last-applied and
            // Secret data are dropped here, before the page is kept.
            const typed = { ...item, apiVersion: endpoint.apiVersion, kind: endpoint.kind };
            const problem = admissionProblem(typed);
            if (problem)
              rejected.set(`${endpoint.plural}|${describeObject(typed)}|${problem}`, {
                resource: endpoint.plural,
                object: describeObject(typed),
                problem,
              });
            else objects.push(admitObject(typed));
          }
          const tooMany = budget.keep(page.items?.length ?? 0);
          if (tooMany) throw new KubeRequestError(tooMany);
          token = page.metadata?.continue || undefined;
          const badToken = pages.next(token);
          if (badToken) throw new KubeRequestError(badToken);
        } while (token);
        return objects;
      } catch (error) {
        const failure = failureFromThrown(error);
        if (failure.kind === 'gone' && token !== undefined && restart < settings.maxRestarts) continue;
        throw error;
      }
    }
  }

  const fatal = (failure: RequestFailure) => FATAL_FAILURES.has(failure.kind);
  /** The error that ends the read; an internal one keeps what was thrown, for the server log. */
  const endRead = (failure: RequestFailure, resource: string, error: unknown) => {
    if (failure.kind !== 'internal') return new ClusterReadError(failure, resource);
    return new ClusterReadError(failure, resource, { cause: error instanceof KubeRequestError && error.cause ? error.cause : error });
  };

  // Namespaces first: they decide where per-namespace fallbacks look.
  let namespaceObjects: KubeObject[] = [];
  const accessGaps: AccessGap[] = [];
  try {
    namespaceObjects = await run(() => listAll(NAMESPACE_ENDPOINT));
  } catch (error) {
    const failure = failureFromThrown(error);
    if (failure.kind !== 'forbidden') throw endRead(failure, 'namespaces', error);
    if (!settings.fallbackNamespace)
      throw new ClusterReadError(
        { kind: 'forbidden', status: 403, summary: 'namespaces cannot be listed and the context names no namespace to fall back to' },
        'namespaces',
      );
    accessGaps.push({
      kind: 'Namespace',
      reason: 'forbidden',
      message: 'namespaces cannot be listed; reading only the context’s namespace',
    });
  }
  const namespaceNames =
    namespaceObjects.length > 0 ? namespaceObjects.map((object) => object.metadata.name) : [settings.fallbackNamespace ?? ''];

  const objects: KubeObject[] = [...namespaceObjects];
  const readableByNamespace = new Map<string, number>(namespaceNames.map((name) => [name, 0]));
  const gapFor = (endpoint: KindEndpoint, failure: RequestFailure, namespace?: string): AccessGap => {
    const where = namespace ? ` in namespace ${namespace}` : endpoint.namespaced ? ' cluster-wide' : '';
    const gap: AccessGap = {
      kind: endpoint.kind,
      reason: failure.kind === 'forbidden' ? 'forbidden' : 'unavailable',
      message:
        failure.kind === 'forbidden'
          ? `not allowed to list ${endpoint.plural}${where}`
          : failure.kind === 'not-found'
            ? `this API server does not serve ${endpoint.plural} at ${endpoint.apiVersion}`
            : `${endpoint.plural}${where} could not be read: ${failure.summary}`,
    };
    if (namespace) gap.namespace = namespace;
    return gap;
  };

  /** Does the API server serve this optional kind? Discovery, which every authenticated user may read. */
  async function served(endpoint: KindEndpoint): Promise<boolean> {
    try {
      const answer = await run(async () => {
        if (signal.aborted) throw new KubeRequestError(failureFromStop(signal.reason));
        const overBudget = budget.request();
        if (overBudget) throw new KubeRequestError(overBudget);
        return client.getJson<unknown>(`/apis/${endpoint.apiVersion}`, {}, { signal });
      });
      const resources = (answer as { resources?: unknown } | null)?.resources;
      return Array.isArray(resources) && resources.some((resource) => (resource as { name?: unknown } | null)?.name === endpoint.plural);
    } catch (error) {
      const failure = failureFromThrown(error);
      if (failure.kind === 'not-found') return false;
      if (fatal(failure)) throw endRead(failure, `${endpoint.plural} (discovery)`, error);
      accessGaps.push(gapFor(endpoint, failure));
      return false;
    }
  }
  const optional = (
    await Promise.all(OPTIONAL_KIND_ENDPOINTS.map(async (endpoint) => ((await served(endpoint)) ? [endpoint] : [])))
  ).flat();

  await Promise.all(
    [...KIND_ENDPOINTS, ...optional].map(async (endpoint) => {
      try {
        const listed = await run(() => listAll(endpoint));
        objects.push(...listed);
        if (endpoint.namespaced) for (const name of namespaceNames) readableByNamespace.set(name, (readableByNamespace.get(name) ?? 0) + 1);
        return;
      } catch (error) {
        const failure = failureFromThrown(error);
        if (fatal(failure)) throw endRead(failure, endpoint.plural, error);
        if (failure.kind !== 'forbidden' || !endpoint.namespaced) {
          accessGaps.push(gapFor(endpoint, failure));
          return;
        }
      }
      // Not allowed cluster-wide: try each namespace the user can see.
      await Promise.all(
        namespaceNames.map(async (namespace) => {
          try {
            objects.push(...(await run(() => listAll(endpoint, namespace))));
            readableByNamespace.set(namespace, (readableByNamespace.get(namespace) ?? 0) + 1);
          } catch (error) {
            const failure = failureFromThrown(error);
            if (fatal(failure)) throw endRead(failure, `${endpoint.plural} in ${namespace}`, error);
            accessGaps.push(gapFor(endpoint, failure, namespace));
          }
        }),
      );
    }),
  );

  // A namespace where not one kind could be read is someone else's: leave it out rather than
  // show a column of "not evaluated".
  const hiddenNamespaces = [...readableByNamespace].filter(([, readable]) => readable === 0).map(([name]) => name);
  const hidden = new Set(hiddenNamespaces);
  return {
    objects: objects.filter(
      (object) => !hidden.has(object.kind === 'Namespace' ? object.metadata.name : (object.metadata.namespace ?? '')),
    ),
    accessGaps: accessGaps.filter((gap) => gap.namespace === undefined || !hidden.has(gap.namespace)),
    hiddenNamespaces: hiddenNamespaces.sort(),
    requests: budget.requests,
    rejectedObjects: [...rejected.values()],
  };
}
