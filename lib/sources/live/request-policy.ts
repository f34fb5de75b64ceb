import 'server-only';
/**
 * How one request to the API server is judged: which failures are worth a retry, how long to
 * wait before it, what a failure means for people, and when a list or a whole read has gone on
 * long enough. No I/O, so the rules are unit-tested; the requests themselves are tested against a
 * real API server. Server-only all the same, as the live reader that uses it is.
 */
import { z } from 'zod';

/** What went wrong with one request, in terms the dashboard can act on. */
export type RequestFailureKind =
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'throttled'
  | 'server-error'
  | 'connection-reset'
  | 'timeout'
  | 'auth-plugin'
  /** An `http://` server in a kubeconfig that does not allow plain HTTP. */
  | 'plain-http'
  /** The kubeconfig cannot be used as written (a file it names is unreadable, no cluster). */
  | 'kubeconfig'
  /** Not JSON, or JSON that is not a list. */
  | 'bad-response'
  /** The server handed back a continue token it had already given. */
  | 'bad-pagination'
  /** A bound of the read was reached: pages per list, objects or requests per read. */
  | 'limit'
  /** The whole read ran past its deadline. */
  | 'deadline'
  /** Nobody waited for the read any more. */
  | 'abandoned'
  /** Our own bug, not the cluster's. */
  | 'internal';

export interface RequestFailure {
  kind: RequestFailureKind;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  retryAfterSeconds?: number;
  /**
   * Our own words for the failure: never the server's raw text, which can carry user names,
   * internal host names or more than people need.
   */
  summary: string;
}

export class KubeRequestError extends Error {
  readonly failure: RequestFailure;
  constructor(failure: RequestFailure, options?: { cause?: unknown }) {
    super(failure.summary, options);
    this.name = 'KubeRequestError';
    this.failure = failure;
  }
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After we honour; a server asking for more is treated as down for now. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 };

/**
 * Only failures that a second try can fix are retried: throttling, server errors and dropped
 * connections. 401/403/404 will not change by asking again, a refused connection means the
 * server is down, and a timeout has already cost its whole budget.
 */
export function isRetryable(failure: RequestFailure): boolean {
  return failure.kind === 'throttled' || failure.kind === 'server-error' || failure.kind === 'connection-reset';
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): the server's Retry-After when it
 * gave one, else exponential backoff with full jitter so that many clients do not retry in step.
 * Returns undefined when no further attempt should be made.
 */
export function retryDelayMs(
  failure: RequestFailure,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | undefined {
  if (!isRetryable(failure) || attempt >= policy.maxAttempts) return undefined;
  if (failure.retryAfterSeconds !== undefined) {
    const asked = failure.retryAfterSeconds * 1000;
    if (asked > policy.maxRetryAfterMs) return undefined;
    // Never sooner than asked; a little later at random, so clients told the same second do
    // not all come back in the same instant.
    return Math.round(asked + Math.min(policy.baseDelayMs, asked / 4) * random());
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** A failure from an HTTP status the server answered with. */
export function failureFromStatus(status: number, retryAfter?: string): RequestFailure {
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  const withRetryAfter = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  if (status === 401) return { kind: 'unauthorized', status, summary: 'the API server rejected the credentials (401)' };
  if (status === 403) return { kind: 'forbidden', status, summary: 'access denied (403)' };
  if (status === 404) return { kind: 'not-found', status, summary: 'the resource does not exist on this API server (404)' };
  if (status === 410) return { kind: 'gone', status, summary: 'the list continuation expired (410)' };
  if (status === 429) return { kind: 'throttled', status, ...withRetryAfter, summary: 'the API server is throttling requests (429)' };
  if (status >= 500) return { kind: 'server-error', status, ...withRetryAfter, summary: `the API server failed to answer (${status})` };
  return { kind: 'bad-response', status, summary: `unexpected answer from the API server (${status})` };
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Codes of a file a kubeconfig names (CA, client certificate or key, token file). */
const FILE_CODES = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM']);

/** The error codes along an error's `cause` chain (fetch wraps the socket error). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) codes.push(...errorCodes(inner));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Why a read was stopped from outside its requests; the reason its AbortController aborts with. */
export type ReadStopReason = 'deadline' | 'abandoned' | 'ended';

export class ReadStopped extends Error {
  readonly reason: ReadStopReason;
  constructor(reason: ReadStopReason) {
    super(`the read was stopped (${reason})`);
    this.name = 'ReadStopped';
    this.reason = reason;
  }
}

/** The failure for requests cut short by the read's own signal. */
export function failureFromStop(reason: unknown): RequestFailure {
  const why = reason instanceof ReadStopped ? reason.reason : 'abandoned';
  if (why === 'deadline') return { kind: 'deadline', summary: 'the whole read ran past its deadline' };
  if (why === 'ended') return { kind: 'abandoned', summary: 'another list had already ended the read' };
  return { kind: 'abandoned', summary: 'the read was abandoned (no request was waiting for it)' };
}

/**
 * A failure from the step before any request is sent, where client-node builds the credentials
 * and the connection. Three different causes throw there, and each needs a different fix.
 */
export function failureFromAuthentication(error: unknown): RequestFailure {
  const message = error instanceof Error ? error.message : '';
  // client-node refuses plain HTTP unless the cluster entry says insecure-skip-tls-verify.
  if (/HTTP protocol is not allowed/i.test(message))
    return { kind: 'plain-http', summary: 'the server is plain http:// and the kubeconfig does not allow that' };
  const syscall = (error as { syscall?: unknown })?.syscall;
  // A spawn error is the exec plugin's own command missing; open/read is a file the kubeconfig names.
  if (typeof syscall === 'string' && !syscall.startsWith('spawn') && errorCodes(error).some((code) => FILE_CODES.has(code)))
    return { kind: 'kubeconfig', summary: 'a certificate, key or token file named in the kubeconfig could not be read' };
  return { kind: 'auth-plugin', summary: 'the credential plugin of this context failed to produce credentials' };
}

/** A failure from something thrown before any HTTP status arrived. */
export function failureFromThrown(error: unknown): RequestFailure {
  if (error instanceof KubeRequestError) return error.failure;
  if (error instanceof ReadStopped) return failureFromStop(error);
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', summary: 'the API server did not answer in time' };
  const codes = errorCodes(error);
  if (codes.some((code) => TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')))
    return { kind: 'tls', summary: "the API server's certificate could not be verified" };
  if (codes.some((code) => UNREACHABLE_CODES.has(code)))
    return { kind: 'unreachable', summary: 'nothing answered at the API server address' };
  if (codes.some((code) => RESET_CODES.has(code)))
    return { kind: 'connection-reset', summary: 'the connection to the API server was reset' };
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return { kind: 'timeout', summary: 'the API server did not answer in time' };
  // fetch reports every network failure as TypeError("fetch failed") with the cause inside.
  if (error instanceof TypeError && error.message === 'fetch failed')
    return { kind: 'unreachable', summary: 'the API server could not be reached' };
  // Anything else is a bug on our side, not a network problem: say so rather than blame the cluster.
  return { kind: 'internal', summary: 'Shipshape failed while reading the answer' };
}

/** A whole number within [min, max]; the fallback when `value` is not a number at all. */
export function clampNumber(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** The envelope of a LIST answer; the items themselves are admitted one by one elsewhere. */
const LIST_PAGE = z.looseObject({
  metadata: z.looseObject({ continue: z.string().optional() }).optional(),
  items: z.array(z.unknown()),
});

export type ListPage = z.infer<typeof LIST_PAGE>;

/** A parsed JSON answer, checked to be a list, or the failure that says what it was instead. */
export function parseListPage(value: unknown): { page: ListPage } | { failure: RequestFailure } {
  const result = LIST_PAGE.safeParse(value);
  if (result.success) return { page: result.data };
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const summary = !isObject
    ? 'the API server answered with JSON that is not a list'
    : !('items' in value) || value.items === null || value.items === undefined
      ? 'the API server answered with an object that has no items'
      : !Array.isArray(value.items)
        ? 'the API server answered with a list whose items are not an array'
        : 'the API server answered with a list whose continue token is not a string';
  return { failure: { kind: 'bad-response', summary } };
}

/**
 * The continue tokens of one list, so that a server which keeps paging (the same token again,
 * or a fresh one on every page) ends the list with an error rather than looping for ever.
 */
export class PageGuard {
  private readonly seen = new Set<string>();
  private pages = 0;
  private readonly maxPages: number;
  constructor(maxPages: number) {
    this.maxPages = maxPages;
  }

  /** Called with each page's continue token; a failure when that token must not be followed. */
  next(token: string | undefined): RequestFailure | undefined {
    this.pages += 1;
    if (token === undefined) return undefined;
    if (this.seen.has(token))
      return { kind: 'bad-pagination', summary: `the API server sent the same continue token twice (page ${this.pages})` };
    this.seen.add(token);
    if (this.pages >= this.maxPages)
      return {
        kind: 'limit',
        summary: `the list did not end after ${this.maxPages.toLocaleString('en')} pages (SHIPSHAPE_MAX_LIST_PAGES)`,
      };
    return undefined;
  }
}

/**
 * What a whole read may spend: requests (pages and per-namespace fallbacks together) and the
 * objects it keeps. Counted as they happen, so the read stops at the bound, not after it.
 */
export class ReadBudget {
  requests = 0;
  objects = 0;
  private readonly limits: { maxRequests: number; maxObjects: number };
  constructor(limits: { maxRequests: number; maxObjects: number }) {
    this.limits = limits;
  }

  /** Count one more request; a failure when the read has no requests left. */
  request(): RequestFailure | undefined {
    if (this.requests >= this.limits.maxRequests)
      return {
        kind: 'limit',
        summary: `the read needed more than ${this.limits.maxRequests.toLocaleString('en')} requests (SHIPSHAPE_MAX_READ_REQUESTS)`,
      };
    this.requests += 1;
    return undefined;
  }

  /** Count `count` more objects kept; a failure when the read holds too many. */
  keep(count: number): RequestFailure | undefined {
    this.objects += count;
    if (this.objects > this.limits.maxObjects)
      return {
        kind: 'limit',
        summary: `the cluster holds more than ${this.limits.maxObjects.toLocaleString('en')} objects of the kinds Shipshape reads (SHIPSHAPE_MAX_OBJECTS)`,
      };
    return undefined;
  }
}
