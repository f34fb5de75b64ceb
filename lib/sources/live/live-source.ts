import 'server-only';
/**
 * A live cluster behind one kubeconfig context: read with `readCluster`, graded by the same
 * checks library as the demo and snapshots. A good read is kept briefly so that clicking
 * through a review does not re-list the cluster on every page; failures are never kept, so the
 * next request after an outage tries again. Every failed read writes one line to the server
 * log: the context, the resource, the cause; never a response body or a credential.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ManifestError } from '../../snapshot/parse-manifests';
import { type ClusterSource, type ContextInfo, cachedLoader, gradeInventory, type LoadResult } from '../cluster-source';
import type { SourceError } from '../source-error';
import { createKubeClient, DEFAULT_CLIENT_OPTIONS, type KubeClientOptions, numberFromEnv, type WatchingKubeClient } from './kube-client';
import { configForContext } from './kubeconfig';
import {
  type ClusterRead,
  ClusterReadError,
  DEFAULT_READ_OPTIONS,
  type ReadOptions,
  type RejectedObject,
  readCluster,
} from './read-cluster';
import { failureFromThrown, type RequestFailure } from './request-policy';
import { readServerVersion } from './server-version';

const CACHE_MS = numberFromEnv('SHIPSHAPE_LIVE_CACHE_SECONDS', 30, { allowZero: true }) * 1000;

/** What the context is, in words people recognise, without anything secret. */
export interface ContextFacts {
  context: string;
  server: string;
  user: string;
}

/** The time limits a message quotes, so that it says what this read was actually allowed. */
export interface ReadLimits {
  timeoutMs: number;
  deadlineMs: number;
}

const DEFAULT_LIMITS: ReadLimits = { timeoutMs: DEFAULT_CLIENT_OPTIONS.timeoutMs, deadlineMs: DEFAULT_READ_OPTIONS.deadlineMs };

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A typed, human error for a failure that ended the read. */
export function sourceErrorFor(
  failure: RequestFailure,
  resource: string,
  facts: ContextFacts,
  limits: ReadLimits = DEFAULT_LIMITS,
): SourceError {
  const where = `context “${facts.context}” (${facts.server})`;
  switch (failure.kind) {
    case 'unreachable':
    case 'connection-reset':
      return {
        kind: 'unreachable',
        message: `Nothing answered at ${facts.server} while listing ${resource} for ${where}.`,
        hint: 'Check that the cluster is running and reachable from the machine running Shipshape (VPN, proxy, port-forward), then re-run.',
      };
    case 'tls':
      return {
        kind: 'tls',
        message: `The API server’s certificate could not be verified with the certificate authority of ${where}.`,
        hint: 'The kubeconfig’s certificate-authority may belong to another cluster, or the server’s certificate changed. Fetch a current kubeconfig.',
      };
    case 'plain-http':
      return {
        kind: 'plain-http',
        message: `The server of ${where} is a plain http:// address, and its kubeconfig entry does not allow an unencrypted connection, so nothing was sent.`,
        hint: 'Use the API server’s https:// address. Only for a local cluster you trust, set `insecure-skip-tls-verify: true` in the kubeconfig’s cluster entry to allow plain HTTP.',
      };
    case 'kubeconfig':
      return {
        kind: 'kubeconfig',
        message: `The kubeconfig entry of ${where} cannot be used: ${failure.summary}.`,
        hint: 'Check that the files the kubeconfig names exist and are readable by the user running Shipshape, then re-run.',
      };
    case 'unauthorized':
      return {
        kind: 'unauthorized',
        message: `The API server rejected the credentials of user “${facts.user}” in ${where}: the token or client certificate is invalid or has expired.`,
        hint: 'Log in again to refresh the kubeconfig’s credentials (for example with your cloud provider’s CLI), then re-run.',
      };
    case 'auth-plugin':
      return {
        kind: 'unauthorized',
        message: `The credential plugin of user “${facts.user}” in ${where} failed to produce credentials.`,
        hint: 'Run the plugin’s login command in a terminal on the machine running Shipshape, then re-run.',
      };
    case 'forbidden':
      return {
        kind: 'forbidden',
        message: `User “${facts.user}” may not list ${resource} in ${where}, and there is nothing else to read.`,
        hint: 'Ask for read access (the built-in “view” role) or set a namespace on the context.',
      };
    case 'timeout':
      return {
        kind: 'timeout',
        message: `The API server at ${facts.server} did not answer within ${seconds(limits.timeoutMs)} while listing ${resource} for ${where}.`,
        hint: 'The server may be overloaded or a proxy may be holding the connection. Re-run in a moment, or raise `SHIPSHAPE_REQUEST_TIMEOUT_MS`.',
      };
    case 'deadline':
      return {
        kind: 'deadline',
        message: `Reading ${where} took longer than the ${seconds(limits.deadlineMs)} allowed for a whole read; it was stopped while listing ${resource}.`,
        hint: 'The API server may be slow or the cluster very large. Re-run in a moment, or raise `SHIPSHAPE_READ_DEADLINE_SECONDS`.',
      };
    case 'abandoned':
      return {
        kind: 'abandoned',
        message: `The read of ${where} was abandoned while listing ${resource}: no request was waiting for it.`,
        hint: 'Reload the page to read the cluster again.',
      };
    case 'throttled':
    case 'server-error':
      return {
        kind: 'server-error',
        message: `The API server at ${facts.server} kept failing while listing ${resource} for ${where}: ${failure.summary}, after every retry.`,
        hint: 'Check the API server’s health (or its rate limits), then re-run.',
      };
    case 'bad-pagination':
      return {
        kind: 'malformed-response',
        message: `While listing ${resource} for ${where}, the API server at ${facts.server} sent the same continue token twice, so the list would never end; the read was stopped.`,
        hint: 'This is a fault of the API server or of a proxy in front of it. Re-run; if it persists, check what answers at the server address.',
      };
    case 'bad-response':
    case 'not-found':
    case 'gone':
      return {
        kind: 'malformed-response',
        message: `While listing ${resource} for ${where}, ${failure.summary}.`,
        hint: 'A proxy or load balancer may be answering in the API server’s place (a login or error page). Check the server address in the kubeconfig.',
      };
    case 'limit':
      return {
        kind: 'limit-exceeded',
        message: `Reading ${where} was stopped while listing ${resource}: ${failure.summary}.`,
        hint: 'If the cluster really is this large, raise the setting named above; otherwise the API server is paging without end.',
      };
    case 'internal':
      return {
        kind: 'internal',
        message: `Shipshape failed while reading ${resource} from ${where}. This is a bug in Shipshape, not a problem with the cluster; the details are in the server log.`,
        hint: 'Re-run; if it happens again, report it with the server log line.',
      };
  }
}

/** Stack frames only: an error's first line is its message, which may quote what it choked on. */
function stackFrames(error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
  return frames.length > 0 ? frames.join(' ← ') : 'no stack';
}

/** The one server-log line for a failed read. */
export function failureLogLine(info: ContextInfo, facts: ContextFacts, failure: RequestFailure, resource: string, cause?: unknown): string {
  const where = `shipshape: reading context ${info.name} (${facts.server})`;
  if (failure.kind === 'abandoned') return `${where} stopped while listing ${resource}: ${failure.summary}`;
  const line = `${where} failed while listing ${resource}: ${failure.kind}${failure.status ? ` ${failure.status}` : ''}, ${failure.summary}`;
  if (failure.kind !== 'internal') return line;
  const name = cause instanceof Error ? cause.name : typeof cause;
  return `${line} [${name}] ${stackFrames(cause)}`;
}

/** A server address for messages and logs, without user:password@ should a kubeconfig carry one. */
function displayServer(server: string | undefined): string {
  if (!server) return 'an unknown server';
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return 'an unparseable server address';
  }
}

export interface LiveSourceOptions {
  /** Bounds of each read (the environment's settings by default); the signal is the caller's. */
  read: Partial<Omit<ReadOptions, 'signal'>>;
  client: KubeClientOptions;
  cacheMs: number;
  /** Where the one line per failed read goes. */
  log: (line: string) => void;
  /** Grades what was read; the dashboard's grading worker and configuration by default (the CLI grades in-process with its own --config). */
  grade: typeof gradeInventory;
}

/** A live source's read, uncached: `signal` fires when no request waits for it any more. */
export type LiveRead = (signal?: AbortSignal) => Promise<LoadResult>;

/** `contextName` is the kubeconfig's name for the context; `info.name` is its name in URLs. */
export function createLiveSource(
  info: ContextInfo,
  kubeconfig: KubeConfig,
  contextName: string = info.name,
  options: Partial<LiveSourceOptions> = {},
): ClusterSource {
  return { info, load: cachedLoader(createLiveRead(info, kubeconfig, contextName, options), options.cacheMs ?? CACHE_MS) };
}

/** A live read before grading: what the lists returned, or the error result that ended it. */
export type LiveStateRead =
  | { ok: true; read: ClusterRead; serverVersion: string | undefined; client: WatchingKubeClient }
  | { ok: false; result: LoadResult };

/** The objects refused at admission, shown like a snapshot's bad objects: one line each. */
export function rejectedAsManifestErrors(rejected: readonly RejectedObject[]): ManifestError[] {
  return rejected.map((entry) => ({
    file: `${entry.resource} (from the API server)`,
    message: `${entry.object} was skipped: ${entry.problem}`,
  }));
}

/**
 * The reading half of a live source: every list and the server version, each failure turned into
 * one log line and a typed error result. The watch cache relists through it; `createLiveRead`
 * grades what it returns.
 */
export function createLiveStateReader(
  info: ContextInfo,
  kubeconfig: KubeConfig,
  contextName: string = info.name,
  options: Partial<LiveSourceOptions> = {},
): {
  readState(signal?: AbortSignal): Promise<LiveStateRead>;
  log: (line: string) => void;
  readOptions: Partial<Omit<ReadOptions, 'signal'>>;
} {
  const config = configForContext(kubeconfig, contextName);
  const contextObject = config.getContextObject(contextName);
  const facts: ContextFacts = {
    context: contextName,
    server: displayServer(config.getCurrentCluster()?.server),
    user: contextObject?.user ?? 'unknown',
  };
  const clientOptions = options.client ?? DEFAULT_CLIENT_OPTIONS;
  const limits: ReadLimits = {
    timeoutMs: clientOptions.timeoutMs,
    deadlineMs: options.read?.deadlineMs ?? DEFAULT_READ_OPTIONS.deadlineMs,
  };
  const log = options.log ?? ((line: string) => console.error(line));
  // Made on first use, inside the read, so a context naming no cluster becomes an error result.
  let client: WatchingKubeClient | undefined;

  async function readState(signal?: AbortSignal): Promise<LiveStateRead> {
    let failure: RequestFailure;
    let resource = 'the cluster';
    let cause: unknown;
    try {
      client ??= createKubeClient(config, clientOptions);
      const [clusterRead, serverVersion] = await Promise.all([
        readCluster(client, { fallbackNamespace: contextObject?.namespace, ...options.read, signal }),
        readServerVersion(client, signal),
      ]);
      return { ok: true, read: clusterRead, serverVersion, client };
    } catch (error) {
      if (error instanceof ClusterReadError) {
        failure = error.failure;
        resource = error.resource;
        cause = error.cause;
      } else {
        failure = failureFromThrown(error);
        cause = error;
      }
    }
    log(failureLogLine(info, facts, failure, resource, cause));
    return { ok: false, result: { ok: false, context: info, error: sourceErrorFor(failure, resource, facts, limits) } };
  }
  return { readState, log, readOptions: options.read ?? {} };
}

/** The read behind `createLiveSource`, on its own for callers that hold the signal. */
export function createLiveRead(
  info: ContextInfo,
  kubeconfig: KubeConfig,
  contextName: string = info.name,
  options: Partial<LiveSourceOptions> = {},
): LiveRead {
  const { readState } = createLiveStateReader(info, kubeconfig, contextName, options);
  return async function read(signal?: AbortSignal): Promise<LoadResult> {
    const state = await readState(signal);
    if (!state.ok) return state.result;
    const { read: clusterRead, serverVersion } = state;
    // The inventory is built and graded on the grading worker; only the network I/O is here.
    return await (options.grade ?? gradeInventory)(
      info,
      {
        from: 'objects',
        origin: 'live',
        objects: clusterRead.objects,
        accessGaps: clusterRead.accessGaps,
        hiddenNamespaces: clusterRead.hiddenNamespaces,
        manifestErrors: rejectedAsManifestErrors(clusterRead.rejectedObjects),
        ...(serverVersion ? { serverVersion } : {}),
      },
      { signal },
    );
  };
}
