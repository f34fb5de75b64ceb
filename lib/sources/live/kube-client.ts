import 'server-only';
/**
 * GET requests to one API server through client-node: its KubeConfig supplies authentication
 * (certificates, tokens, exec plugins, OIDC) and the TLS dispatcher; this file adds what a
 * dashboard needs on top: a timeout on every call, bounded jittered retries, and failures
 * turned into `RequestFailure`s instead of raw server text.
 */
import { HttpMethod, IsomorphicFetchHttpLibrary, type KubeConfig, RequestContext } from '@kubernetes/client-node';
import {
  clampNumber,
  DEFAULT_RETRY_POLICY,
  failureFromAuthentication,
  failureFromStatus,
  failureFromStop,
  failureFromThrown,
  KubeRequestError,
  type RequestFailure,
  type RetryPolicy,
  retryDelayMs,
} from './request-policy';

export interface KubeClientOptions {
  /** Per-request budget, connection and body included. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Told of every retry before its wait (for logs and tests). */
  onRetry?: (failure: RequestFailure, attempt: number, delayMs: number) => void;
}

export const DEFAULT_CLIENT_OPTIONS: KubeClientOptions = {
  timeoutMs: numberFromEnv('SHIPSHAPE_REQUEST_TIMEOUT_MS', 10_000),
  retry: DEFAULT_RETRY_POLICY,
};

/** A positive number (or zero, when allowed) from the environment, else the fallback. */
export function numberFromEnv(name: string, fallback: number, options: { allowZero?: boolean } = {}): number {
  const text = process.env[name]?.trim();
  const value = Number(text);
  return text && Number.isFinite(value) && (value > 0 || (options.allowZero && value === 0)) ? value : fallback;
}

/** A whole number from the environment, held within [min, max], so a typo cannot ask for 1e9. */
export function boundedNumberFromEnv(name: string, fallback: number, min: number, max: number): number {
  return clampNumber(numberFromEnv(name, fallback), min, max, fallback);
}

export interface RequestOptions {
  /** The read's signal: it stops this request, its retries and the waits between them. */
  signal?: AbortSignal;
}

export interface KubeClient {
  server: string;
  /** GET a JSON document; throws KubeRequestError. */
  getJson<T>(apiPath: string, query?: Record<string, string | undefined>, options?: RequestOptions): Promise<T>;
}

const http = new IsomorphicFetchHttpLibrary();

const stopped = (signal: AbortSignal | undefined) => new KubeRequestError(failureFromStop(signal?.reason));

/** A wait between retries that ends early, with the read's failure, when the read is stopped. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(stopped(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(stopped(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createKubeClient(config: KubeConfig, options: KubeClientOptions = DEFAULT_CLIENT_OPTIONS): KubeClient {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new KubeRequestError({ kind: 'kubeconfig', summary: 'the context names no cluster' });
  const server = cluster.server.replace(/\/+$/, '');

  async function attempt<T>(url: string, signal: AbortSignal | undefined): Promise<T> {
    const request = new RequestContext(url, HttpMethod.GET);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('User-Agent', 'shipshape (read-only readiness review)');
    try {
      await config.applySecurityAuthentication(request);
    } catch (error) {
      // Before any request was made: an exec plugin, a file the kubeconfig names, or a plain
      // http:// server that the kubeconfig does not allow.
      throw new KubeRequestError(failureFromAuthentication(error));
    }
    // One signal for the request's own timeout and the read's deadline or abandonment.
    const timeout = AbortSignal.timeout(options.timeoutMs);
    request.setSignal(signal ? AbortSignal.any([signal, timeout]) : timeout);
    let text: string;
    let status: number;
    let headers: Record<string, string>;
    try {
      const response = await http.send(request).toPromise();
      status = response.httpStatusCode;
      headers = response.headers;
      text = await response.body.text();
    } catch (error) {
      if (signal?.aborted) throw stopped(signal);
      throw new KubeRequestError(failureFromThrown(error), { cause: error });
    }
    if (status < 200 || status >= 300) throw new KubeRequestError(failureFromStatus(status, headers['retry-after']));
    try {
      return JSON.parse(text) as T;
    } catch {
      // JSON.parse quotes the text it choked on: keep its message (and so the body) out of everything.
      throw new KubeRequestError({ kind: 'bad-response', status, summary: 'the API server answered with something other than JSON' });
    }
  }

  return {
    server,
    async getJson<T>(apiPath: string, query: Record<string, string | undefined> = {}, { signal }: RequestOptions = {}): Promise<T> {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
      const url = `${server}${apiPath}${params.size > 0 ? `?${params}` : ''}`;
      for (let attemptNumber = 1; ; attemptNumber += 1) {
        if (signal?.aborted) throw stopped(signal);
        try {
          return await attempt<T>(url, signal);
        } catch (error) {
          const failure = failureFromThrown(error);
          const delay = retryDelayMs(failure, attemptNumber, options.retry);
          if (delay === undefined) throw error instanceof KubeRequestError ? error : new KubeRequestError(failure, { cause: error });
          options.onRetry?.(failure, attemptNumber, delay);
          await sleep(delay, signal);
        }
      }
    },
  };
}
