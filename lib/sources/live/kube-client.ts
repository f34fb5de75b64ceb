import 'server-only';
/**
 * GET requests to one API server through client-node: its KubeConfig supplies authentication
 * (certificates, tokens, exec plugins, OIDC) and the TLS dispatcher; this file adds what a
 * dashboard needs on top: a timeout on every call, bounded jittered retries, and failures
 * turned into `RequestFailure`s instead of raw server text.
 */
import { HttpMethod, IsomorphicFetchHttpLibrary, type KubeConfig, RequestContext } from '@kubernetes/client-node';
import {
  DEFAULT_RETRY_POLICY,
  failureFromStatus,
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

export interface KubeClient {
  server: string;
  /** GET a JSON document; throws KubeRequestError. */
  getJson<T>(apiPath: string, query?: Record<string, string | undefined>): Promise<T>;
}

const http = new IsomorphicFetchHttpLibrary();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createKubeClient(config: KubeConfig, options: KubeClientOptions = DEFAULT_CLIENT_OPTIONS): KubeClient {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('the context names no cluster');
  const server = cluster.server.replace(/\/+$/, '');

  async function attempt<T>(url: string): Promise<T> {
    const request = new RequestContext(url, HttpMethod.GET);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('User-Agent', 'shipshape (read-only readiness review)');
    try {
      await config.applySecurityAuthentication(request);
    } catch {
      // An exec plugin or token file failed before any request was made.
      throw new KubeRequestError({ kind: 'auth-plugin', summary: 'the credential plugin of this context failed to produce credentials' });
    }
    request.setSignal(AbortSignal.timeout(options.timeoutMs));
    let text: string;
    let status: number;
    let headers: Record<string, string>;
    try {
      const response = await http.send(request).toPromise();
      status = response.httpStatusCode;
      headers = response.headers;
      text = await response.body.text();
    } catch (error) {
      throw new KubeRequestError(failureFromThrown(error));
    }
    if (status < 200 || status >= 300) throw new KubeRequestError(failureFromStatus(status, headers['retry-after']));
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KubeRequestError({ kind: 'bad-response', status, summary: 'the API server answered with something other than JSON' });
    }
  }

  return {
    server,
    async getJson<T>(apiPath: string, query: Record<string, string | undefined> = {}): Promise<T> {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
      const url = `${server}${apiPath}${params.size > 0 ? `?${params}` : ''}`;
      for (let attemptNumber = 1; ; attemptNumber += 1) {
        try {
          return await attempt<T>(url);
        } catch (error) {
          const failure = failureFromThrown(error);
          const delay = retryDelayMs(failure, attemptNumber, options.retry);
          if (delay === undefined) throw error instanceof KubeRequestError ? error : new KubeRequestError(failure);
          options.onRetry?.(failure, attemptNumber, delay);
          await sleep(delay);
        }
      }
    },
  };
}
