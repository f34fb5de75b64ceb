import 'server-only';
/**
 * How one request to the API server is judged: which failures are worth a retry, how long to
 * wait before it, and what a failure means for people. Pure, so the rules are unit-tested; the
 * requests themselves are tested against a real API server.
 */

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
  | 'bad-response';

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
  constructor(failure: RequestFailure) {
    super(failure.summary);
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

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

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

/** A failure from something thrown before any HTTP status arrived. */
export function failureFromThrown(error: unknown): RequestFailure {
  if (error instanceof KubeRequestError) return error.failure;
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', summary: 'the API server did not answer in time' };
  const codes = errorCodes(error);
  if (codes.some((code) => TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')))
    return { kind: 'tls', summary: "the API server's certificate could not be verified" };
  if (codes.some((code) => UNREACHABLE_CODES.has(code)))
    return { kind: 'unreachable', summary: 'nothing answered at the API server address' };
  if (codes.some((code) => RESET_CODES.has(code)))
    return { kind: 'connection-reset', summary: 'the connection to the API server was reset' };
  return { kind: 'unreachable', summary: 'the API server could not be reached' };
}
