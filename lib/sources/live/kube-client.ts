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

export interface WatchStreamOptions {
  /** Stops the watch (the cache stopping, or a relist taking over). */
  signal: AbortSignal;
  /** A watch that hears nothing (no event, no bookmark, no byte) for this long is broken. */
  idleTimeoutMs: number;
  /** One event larger than this ends the watch as a bad answer, rather than growing a buffer without end. */
  maxEventBytes: number;
  /** Told when the server has accepted the watch (status 200): the list is current from here. */
  onOpen?: () => void;
}

export interface KubeClient {
  server: string;
  /** GET a JSON document; throws KubeRequestError. */
  getJson<T>(apiPath: string, query?: Record<string, string | undefined>, options?: RequestOptions): Promise<T>;
}

/** A client that can also hold watches open: what the watch cache needs on top of reads. */
export interface WatchingKubeClient extends KubeClient {
  /**
   * GET a watch stream (`watch=1`) and hand each event line, parsed, to `onEvent`. Resolves when
   * the server closes the stream (its `timeoutSeconds`); throws KubeRequestError for a status
   * other than 200, a connection that breaks, an event that is not JSON or is too large, and
   * `timeout` when the stream goes silent for `idleTimeoutMs`. Never retried here: the watch
   * cache decides whether to resume or relist.
   */
  watch(
    apiPath: string,
    query: Record<string, string | undefined>,
    options: WatchStreamOptions,
    onEvent: (event: unknown) => void,
  ): Promise<void>;
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

export function createKubeClient(config: KubeConfig, options: KubeClientOptions = DEFAULT_CLIENT_OPTIONS): WatchingKubeClient {
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

  async function watch(
    apiPath: string,
    query: Record<string, string | undefined>,
    { signal, idleTimeoutMs, maxEventBytes, onOpen }: WatchStreamOptions,
    onEvent: (event: unknown) => void,
  ): Promise<void> {
    const params = new URLSearchParams({ watch: '1' });
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    const request = new RequestContext(`${server}${apiPath}?${params}`, HttpMethod.GET);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('User-Agent', 'shipshape (read-only readiness review)');
    try {
      await config.applySecurityAuthentication(request);
    } catch (error) {
      throw new KubeRequestError(failureFromAuthentication(error));
    }
    // One controller for the caller's stop, the connect timeout and the silence timeout.
    const controller = new AbortController();
    let silent = false;
    /** Until the server has answered, the request's own timeout applies; then the silence timeout. */
    let answered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        silent = true;
        controller.abort(new Error('the watch went silent'));
      }, ms);
      timer.unref?.();
    };
    const onStop = () => controller.abort(signal.reason);
    if (signal.aborted) throw stopped(signal);
    signal.addEventListener('abort', onStop, { once: true });
    request.setSignal(controller.signal);
    const fail = (error: unknown): never => {
      if (signal.aborted) throw stopped(signal);
      if (silent && !answered) throw new KubeRequestError({ kind: 'timeout', summary: 'the API server did not answer the watch in time' });
      if (silent)
        throw new KubeRequestError({
          kind: 'timeout',
          summary: `the watch heard nothing from the API server for ${Math.round(idleTimeoutMs / 1000)} s`,
        });
      if (error instanceof KubeRequestError) throw error;
      throw new KubeRequestError(failureFromThrown(error), { cause: error });
    };
    try {
      arm(options.timeoutMs);
      let response: Awaited<ReturnType<ReturnType<typeof http.send>['toPromise']>>;
      try {
        response = await http.send(request).toPromise();
      } catch (error) {
        return fail(error);
      }
      if (response.httpStatusCode !== 200) {
        // Drain nothing: the body of an error may be large or hostile; the status says enough.
        await response.body
          .stream()
          ?.cancel()
          .catch(() => undefined);
        throw new KubeRequestError(failureFromStatus(response.httpStatusCode, response.headers['retry-after']));
      }
      const stream = response.body.stream();
      if (!stream) throw new KubeRequestError({ kind: 'bad-response', summary: 'the API server answered a watch without a body' });
      answered = true;
      arm(idleTimeoutMs);
      onOpen?.();
      const decoder = new TextDecoder();
      let pending = '';
      const reader = stream.getReader();
      try {
        for (;;) {
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await reader.read();
          } catch (error) {
            return fail(error);
          }
          if (chunk.done) break;
          arm(idleTimeoutMs);
          pending += decoder.decode(chunk.value, { stream: true });
          let newline = pending.indexOf('\n');
          while (newline >= 0) {
            const line = pending.slice(0, newline).trim();
            pending = pending.slice(newline + 1);
            if (line.length > 0) {
              let event: unknown;
              try {
                event = JSON.parse(line);
              } catch {
                // JSON.parse quotes what it choked on: keep the line out of every message.
                throw new KubeRequestError({ kind: 'bad-response', summary: 'the API server sent a watch event that is not JSON' });
              }
              onEvent(event);
            }
            newline = pending.indexOf('\n');
          }
          if (pending.length > maxEventBytes)
            throw new KubeRequestError({
              kind: 'bad-response',
              summary: `the API server sent a watch event larger than ${maxEventBytes.toLocaleString('en')} bytes`,
            });
        }
      } finally {
        reader.cancel().catch(() => undefined);
      }
      if (silent || signal.aborted) fail(undefined);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onStop);
      controller.abort(new Error('the watch ended'));
    }
  }

  return {
    server,
    watch,
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
