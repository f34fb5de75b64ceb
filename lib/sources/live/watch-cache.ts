import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
/**
 * A live context kept current by watches instead of re-listed on the request path. The first
 * request reads the cluster as every live read does (paged, bounded, one deadline); from then on
 * each list is followed by a watch from its resourceVersion, with bookmarks, and pages are
 * served from memory at once.
 *
 * - A watch the server closes (its timeoutSeconds) resumes from the last version seen; one that
 *   breaks (connection, silence, a bad event) resumes after a backoff with jitter; a 410 Gone
 *   (the version was compacted away) relists that one kind and resumes from the relist. While a
 *   watch is down the last good state is served, marked stale once it is broken or silent.
 * - A change regrades only what it touches (watch-state.ts's `markChange`), coalesced: events
 *   within `coalesceMs` make one regrade, on the grading worker, serialised. The overview's rows
 *   come from the kept per-namespace reports. Every `fullRegradeMs` all namespaces are regraded,
 *   so waivers that expire with the clock are seen to expire.
 * - With more lists than `maxWatches` (a user with only per-namespace rights in many
 *   namespaces), the context is read again in the background every `pollMs` instead, still never
 *   on the request path. With a few per-namespace lists, those are watched; a namespace that
 *   appears or goes then triggers a background re-read, since which lists exist depends on it.
 * - A re-run (`fresh`) re-reads everything and waits for it, as before (rate-limited); other
 *   requests meanwhile get the last good state.
 * - No viewer for `idleStopMs`: the watches stop and the state is dropped, so an idle server
 *   holds nothing; the next request reads again.
 */
import type { ClusterReport, NamespaceReport } from '../../checks/evaluate';
import { assembleClusterReport } from '../../checks/evaluate';
import type { Inventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import {
  type ClusterSource,
  type ContextInfo,
  type LoadedCluster,
  type LoadOptions,
  type LoadResult,
  rerunMinIntervalMs,
} from '../cluster-source';
import { type LoadedConfig, loadShipshapeConfig } from '../config-loader';
import type { RegradeJob, RegradeOutput } from '../grading-worker/grading-job';
import { GradingWorkerError, gradingPool } from '../grading-worker/grading-pool';
import type { WatchingKubeClient } from './kube-client';
import { createLiveStateReader, type LiveSourceOptions, type LiveStateRead, rejectedAsManifestErrors } from './live-source';
import { type ClusterRead, DEFAULT_READ_OPTIONS, listKind, listPath, type ReadOptions } from './read-cluster';
import { failureFromThrown, ReadBudget, ReadStopped } from './request-policy';
import {
  applyWatchEvent,
  type Dirty,
  emptyDirty,
  type Freshness,
  freshnessOf,
  inventoryOf,
  type ListState,
  listState,
  objectsForRegrade,
  replaceList,
} from './watch-state';

export interface WatchSettings {
  /** A watch that hears nothing (no event, bookmark or byte) this long is broken and reopened. */
  idleTimeoutMs: number;
  /** State not confirmed by the server for this long is shown as stale. */
  staleAfterMs: number;
  /** The server closes each watch after a time in this range (seconds), and the watch reopens from its version. */
  watchTimeoutSeconds: readonly [number, number];
  /** Events within this window make one regrade. */
  coalesceMs: number;
  /** Every namespace is regraded this often, for waivers that expire with the clock. */
  fullRegradeMs: number;
  /** No request for this long stops the watches and drops the state. */
  idleStopMs: number;
  /** More lists than this are not watched: the context is re-read every `pollMs` instead. */
  maxWatches: number;
  pollMs: number;
  /** Backoff between attempts to reopen a broken watch: exponential from `baseMs` to `maxMs`, with jitter. */
  backoff: { baseMs: number; maxMs: number };
  /** One watch event larger than this breaks the watch (then a relist) rather than growing a buffer. */
  maxEventBytes: number;
}

/**
 * An API server with its watch cache sends a bookmark about every minute; one without (etcd
 * watched directly, like the test plane's fault server) sends none, so each watch is closed by the
 * server before the silence timeout and reopened from its version: a quiet kind stays confirmed
 * either way, and only a real silence (a hung server or connection) is taken as broken.
 */
export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  idleTimeoutMs: 160_000,
  staleAfterMs: 180_000,
  watchTimeoutSeconds: [100, 140],
  coalesceMs: 250,
  fullRegradeMs: 5 * 60_000,
  idleStopMs: 10 * 60_000,
  maxWatches: 200,
  pollMs: 30_000,
  backoff: { baseMs: 500, maxMs: 30_000 },
  maxEventBytes: 8 * 1024 * 1024,
};

/** What the cache needs of the live source: its reads (each failure already logged and typed). */
export interface WatchCacheDeps {
  info: ContextInfo;
  readState(signal?: AbortSignal): Promise<LiveStateRead>;
  log(line: string): void;
  readOptions: Partial<Omit<ReadOptions, 'signal'>>;
  /** The grading worker by default. */
  grade?: (job: RegradeJob) => Promise<RegradeOutput>;
  loadConfig?: () => Promise<LoadedConfig>;
  minRerunIntervalMs?: number;
}

/** The kept state of one read, and what has been made of it. */
interface Kept {
  lists: ListState[];
  read: ClusterRead;
  serverVersion: string | undefined;
  client: WatchingKubeClient;
  mode: Freshness['mode'];
  /** Stops this state's watches (a re-read replaces it). */
  controller: AbortController;
  reports: Map<string, NamespaceReport>;
  inventory?: Inventory;
  report?: ClusterReport;
  config?: LoadedConfig;
  configKey?: string;
  /** What the published report is graded from is current up to here (ms). */
  gradedAsOf: number;
  /** What changed since the last regrade began. */
  dirty: Dirty;
  readAt: number;
}

export interface WatchCache {
  load(options?: LoadOptions): Promise<LoadResult>;
  /** Stop every watch and timer; the next load reads again. */
  stop(): void;
  /** For tests and the benchmark: lists followed, LIST requests made after the first read, regrades run. */
  readonly stats: { watches: number; relists: number; regrades: number; regradedNamespaces: number; rereads: number };
  /** For tests: resolves once every change applied so far is graded and published. */
  settled(): Promise<void>;
}

const REGRADE_RETRY_MS = 5_000;
/** A watch the server ends sooner than this did not really run: the next one waits (see `follow`). */
const MIN_WATCH_MS = 1_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref?.();
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export function createWatchCache(deps: WatchCacheDeps, overrides: Partial<WatchSettings> = {}): WatchCache {
  const settings: WatchSettings = { ...DEFAULT_WATCH_SETTINGS, ...overrides };
  const minRerunMs = deps.minRerunIntervalMs ?? rerunMinIntervalMs();
  const grade = deps.grade ?? (async (job: RegradeJob) => (await gradingPool().run(job)).output);
  const loadConfig = deps.loadConfig ?? loadShipshapeConfig;
  const stats = { watches: 0, relists: 0, regrades: 0, regradedNamespaces: 0, rereads: 0 };

  let kept: Kept | undefined;
  /** The first read (or the one after an idle stop), joined by every request until it settles. */
  let starting: Promise<LoadResult> | undefined;
  /** A re-read in flight (a re-run, a poll, a namespace set change), joined by re-runs. */
  let rereading: Promise<LoadResult> | undefined;
  let lastViewedAt = Date.now();
  let coalesceTimer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let housekeeping: ReturnType<typeof setInterval> | undefined;
  let lastFullRegradeAt = 0;
  let lastPollAt = 0;
  /** Moved on by stop(): a read that was under way when the cache stopped is not adopted. */
  let generation = 0;

  const now = () => Date.now();

  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** A regrade that failed is tried again after a pause, never in a tight loop against a crashing worker. */
  function retryLater(state: Kept, todo: Dirty) {
    merge(state.dirty, todo);
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void flush(kept);
    }, REGRADE_RETRY_MS);
    retryTimer.unref?.();
  }

  const merge = (into: Dirty, change: Dirty) => {
    if (change.all) into.all = true;
    for (const name of change.namespaces) into.namespaces.add(name);
  };
  const isDirty = (state: Kept) => state.dirty.all || state.dirty.namespaces.size > 0;

  /** Note what a change touched; a state not yet adopted (a re-read's first grade) is regraded once adopted. */
  function markDirty(state: Kept, change: Dirty) {
    merge(state.dirty, change);
    if (state !== kept || !isDirty(state) || coalesceTimer) return;
    coalesceTimer = setTimeout(() => {
      coalesceTimer = undefined;
      void flush(kept);
    }, settings.coalesceMs);
    coalesceTimer.unref?.();
  }

  /**
   * Run one regrade after the ones before it: serialised, so no older result is published over a
   * newer. `initial` is a state's first, full grade, before it is adopted; otherwise the adopted
   * state's dirty namespaces are graded.
   */
  function flush(state: Kept | undefined, initial = false): Promise<void> {
    const run = () => regradeOnce(state, initial);
    chain = chain.then(run, run);
    return chain;
  }

  async function regradeOnce(state: Kept | undefined, initial: boolean): Promise<void> {
    if (!state || (!initial && state !== kept)) return;
    const config = await loadConfig();
    const configKey = JSON.stringify(config.config);
    let todo: Dirty;
    if (initial) todo = { all: true, namespaces: new Set() };
    else {
      // A changed configuration file changes every grade.
      if (state.configKey !== undefined && configKey !== state.configKey) state.dirty.all = true;
      if (!isDirty(state)) return;
      todo = state.dirty;
      state.dirty = emptyDirty();
    }
    const asOf = now();
    const job: RegradeJob = {
      kind: 'regrade',
      objects: objectsForRegrade(state.lists, todo),
      accessGaps: state.read.accessGaps,
      hiddenNamespaces: state.read.hiddenNamespaces,
      config: config.config,
      ...(state.serverVersion ? { serverVersion: state.serverVersion } : {}),
      ...(todo.all ? {} : { namespaces: [...todo.namespaces] }),
    };
    let output: RegradeOutput;
    try {
      output = await grade(job);
    } catch (error) {
      // The worker crashed or was stopped: keep the last reports, try these namespaces again later.
      const cause = error instanceof GradingWorkerError ? error.message : error instanceof Error ? error.name : typeof error;
      deps.log(`shipshape: regrading context ${deps.info.name} failed (${cause})${initial ? '' : '; retrying'}`);
      if (!initial) retryLater(state, todo);
      return;
    }
    if (!initial && kept !== state) return;
    if (todo.all) state.reports = new Map();
    else for (const name of todo.namespaces) state.reports.delete(name);
    for (const report of output.reports) state.reports.set(report.namespace, report);
    const inventory = inventoryOf(state.lists, state.read.accessGaps, state.inventory, todo);
    const options = {
      config: config.config,
      hiddenNamespaces: state.read.hiddenNamespaces,
      ...(state.serverVersion ? { serverVersion: state.serverVersion } : {}),
    };
    state.inventory = inventory;
    state.report = assembleClusterReport(inventory, state.reports.values(), options);
    state.config = config;
    state.configKey = configKey;
    state.gradedAsOf = Math.min(asOf, ...state.lists.map((list) => list.lastHeardAt));
    if (todo.all) lastFullRegradeAt = asOf;
    stats.regrades += 1;
    stats.regradedNamespaces += todo.all ? output.reports.length : todo.namespaces.size;
  }

  function freshness(state: Kept): Freshness {
    const current = freshnessOf(state.lists, now(), settings.staleAfterMs, state.mode);
    // Changes applied but not yet graded: the page is only as current as its last regrade.
    if (isDirty(state)) current.asOf = new Date(state.gradedAsOf).toISOString();
    return current;
  }

  function published(state: Kept): LoadResult {
    if (!state.report || !state.inventory || !state.config)
      return { ok: false, context: deps.info, error: { kind: 'internal', message: `Grading ${deps.info.label} did not finish.` } };
    const fresh = freshness(state);
    const cluster: LoadedCluster = {
      context: deps.info,
      inventory: state.inventory,
      report: state.report,
      config: state.config,
      // The moment up to which the data shown is known current, not the moment of the request.
      evaluatedAt: fresh.asOf,
      manifestErrors: rejectedAsManifestErrors(state.lists.flatMap((list) => [...list.rejected.values()])),
      ignoredKinds: {},
      hiddenNamespaces: state.read.hiddenNamespaces,
      freshness: fresh,
    };
    return { ok: true, cluster };
  }

  /** A full read, made into kept state and graded; the previous state (if any) is replaced only on success. */
  async function readAll(signal?: AbortSignal): Promise<LoadResult> {
    const startedIn = generation;
    const result = await deps.readState(signal);
    if (!result.ok) return result.result;
    const at = now();
    const { read } = result;
    // Each list's objects, from the read's flat list (kind, and namespace for per-namespace lists).
    const byList = new Map<string, KubeObject[]>();
    const perNamespace = new Set(read.lists.filter((listed) => listed.namespace !== undefined).map((listed) => listed.endpoint.kind));
    for (const object of read.objects) {
      const key = perNamespace.has(object.kind) ? `${object.kind}@${object.metadata.namespace ?? ''}` : object.kind;
      const bucket = byList.get(key);
      if (bucket) bucket.push(object);
      else byList.set(key, [object]);
    }
    const lists = read.lists.map((listed) => {
      const objects =
        byList.get(listed.namespace === undefined ? listed.endpoint.kind : `${listed.endpoint.kind}@${listed.namespace}`) ?? [];
      const rejected = read.rejectedObjects.filter(
        (entry) =>
          entry.resource === listed.endpoint.plural && (listed.namespace === undefined || entry.object.includes(` ${listed.namespace}/`)),
      );
      return listState(listed, objects, rejected, at);
    });
    const state: Kept = {
      lists,
      read,
      serverVersion: result.serverVersion,
      client: result.client,
      mode: lists.length > settings.maxWatches ? 'poll' : 'watch',
      controller: new AbortController(),
      reports: new Map(),
      dirty: emptyDirty(),
      gradedAsOf: at,
      readAt: at,
    };
    // Followed from now, while the first grade runs: what changes meanwhile is regraded once adopted.
    if (state.mode === 'watch') for (const list of lists) void follow(state, list);
    // Until it is graded, requests keep getting the state before it (if any).
    await flush(state, true);
    if (!state.report) {
      state.controller.abort(new ReadStopped('ended'));
      return {
        ok: false,
        context: deps.info,
        error: { kind: 'internal', message: `Grading ${deps.info.label} stopped; re-run in a moment.` },
      };
    }
    if (startedIn !== generation) {
      state.controller.abort(new ReadStopped('ended'));
      return published(state);
    }
    const previous = kept;
    kept = state;
    previous?.controller.abort(new ReadStopped('ended'));
    if (isDirty(state)) markDirty(state, emptyDirty());
    lastPollAt = at;
    startHousekeeping();
    return published(state);
  }

  /** Follow one list with watches until its state is replaced or stopped. */
  async function follow(state: Kept, list: ListState): Promise<void> {
    const signal = state.controller.signal;
    stats.watches += 1;
    /**
     * Failures in a row. Reset only by an event applied or a watch that lasted: a server that
     * answers every watch at once with an end or a 410 is backed off from, never looped on.
     */
    let failures = 0;
    const backOff = () => {
      failures += 1;
      const ceiling = Math.min(settings.backoff.maxMs, settings.backoff.baseMs * 2 ** Math.min(failures - 1, 16));
      return sleep(Math.round(ceiling * (0.5 + Math.random() / 2)), signal);
    };
    while (!signal.aborted) {
      const [low, high] = settings.watchTimeoutSeconds;
      const openedAt = now();
      try {
        await state.client.watch(
          listPath(list.endpoint, list.namespace),
          {
            allowWatchBookmarks: 'true',
            resourceVersion: list.resourceVersion || undefined,
            timeoutSeconds: String(Math.round(low + Math.random() * Math.max(0, high - low))),
          },
          {
            signal,
            idleTimeoutMs: settings.idleTimeoutMs,
            maxEventBytes: settings.maxEventBytes,
            onOpen: () => {
              list.lastHeardAt = now();
              delete list.broken;
            },
          },
          (event) => {
            const change = emptyDirty();
            const namespacesBefore = list.endpoint.kind === 'Namespace' ? list.objects.size : -1;
            applyWatchEvent(list, event, change, now());
            failures = 0;
            markDirty(state, change);
            // Which per-namespace lists exist depends on the namespaces: read again when they change.
            if (
              state === kept &&
              namespacesBefore >= 0 &&
              list.objects.size !== namespacesBefore &&
              state.lists.some((other) => other.namespace !== undefined)
            )
              void reread();
          },
        );
        if (signal.aborted) return;
        // Closed by the server at its timeoutSeconds: reopen from the version reached.
        list.lastHeardAt = now();
        if (now() - openedAt >= MIN_WATCH_MS) failures = 0;
        else await backOff();
      } catch (error) {
        if (signal.aborted) return;
        const failure = failureFromThrown(error);
        list.broken ??= { since: now(), reason: failure.summary };
        // The first failure is acted on at once; the ones after it wait, longer each time.
        if (failures > 0) await backOff();
        else failures = 1;
        if (signal.aborted) return;
        // The version is gone (compacted) or the stream was garbled: a clean relist of this kind.
        if (failure.kind === 'gone' || failure.kind === 'bad-response') await relist(state, list);
      }
    }
  }

  /** List one kind again (after a 410), within the read's bounds; false when it failed (the watch loop backs off). */
  async function relist(state: Kept, list: ListState): Promise<boolean> {
    const read = { ...DEFAULT_READ_OPTIONS, ...deps.readOptions };
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(new ReadStopped('deadline')), read.deadlineMs);
    const stopWith = () => controller.abort(new ReadStopped('abandoned'));
    state.controller.signal.addEventListener('abort', stopWith, { once: true });
    try {
      stats.relists += 1;
      const rejected = new Map();
      const listed = await listKind(state.client, list.endpoint, list.namespace, {
        settings: read,
        budget: new ReadBudget(read),
        rejected,
        signal: controller.signal,
      });
      if (state.controller.signal.aborted) return false;
      const fresh = listState(
        {
          endpoint: list.endpoint,
          ...(list.namespace !== undefined ? { namespace: list.namespace } : {}),
          resourceVersion: listed.resourceVersion,
        },
        listed.objects,
        [...rejected.values()],
        now(),
      );
      const change = emptyDirty();
      replaceList(list, fresh, change);
      markDirty(state, change);
      return true;
    } catch (error) {
      const failure = failureFromThrown(error);
      list.broken = { since: list.broken?.since ?? now(), reason: failure.summary };
      deps.log(`shipshape: relisting ${list.endpoint.plural} for context ${deps.info.name} failed: ${failure.kind}, ${failure.summary}`);
      return false;
    } finally {
      clearTimeout(deadline);
      state.controller.signal.removeEventListener('abort', stopWith);
    }
  }

  /** A full re-read in the background (joined when one is under way); the last good state stays until it succeeds. */
  function reread(): Promise<LoadResult> {
    rereading ??= (async () => {
      stats.rereads += 1;
      try {
        return await readAll();
      } finally {
        rereading = undefined;
      }
    })();
    return rereading;
  }

  function startHousekeeping() {
    if (housekeeping) return;
    const every = Math.max(250, Math.min(settings.idleStopMs / 4, settings.pollMs / 2, settings.fullRegradeMs / 2, 30_000));
    housekeeping = setInterval(() => {
      const state = kept;
      if (!state) return;
      const at = now();
      if (at - lastViewedAt > settings.idleStopMs) {
        stop();
        return;
      }
      if (state.mode === 'poll' && at - lastPollAt >= settings.pollMs && !rereading) void reread();
      else if (at - lastFullRegradeAt >= settings.fullRegradeMs) markDirty(state, { all: true, namespaces: new Set() });
    }, every);
    housekeeping.unref?.();
  }

  function stop() {
    generation += 1;
    kept?.controller.abort(new ReadStopped('ended'));
    kept = undefined;
    clearTimeout(coalesceTimer);
    coalesceTimer = undefined;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (housekeeping) clearInterval(housekeeping);
    housekeeping = undefined;
  }

  /**
   * The first read: shared by every request that arrives before it ends; a failure is not kept.
   * It is not abandoned when its requests go (unlike a periodic read): it is bounded by the read's
   * deadline, and what it reads is what every later page is served from.
   */
  function start(): Promise<LoadResult> {
    starting ??= readAll().finally(() => {
      starting = undefined;
    });
    return starting;
  }

  const withRerun = (result: LoadResult, accepted: boolean, settledAt: number): LoadResult => ({
    ...result,
    rerun: { accepted, nextAllowedAt: new Date(settledAt + minRerunMs).toISOString() },
  });

  return {
    stats,
    stop,
    async settled() {
      while (kept && (coalesceTimer || isDirty(kept))) {
        clearTimeout(coalesceTimer);
        coalesceTimer = undefined;
        await flush(kept);
      }
      await chain;
    },
    async load({ fresh = false, signal }: LoadOptions = {}) {
      lastViewedAt = now();
      if (signal?.aborted) return { ok: false, context: deps.info, error: { kind: 'abandoned', message: 'The request was cancelled.' } };
      const state = kept;
      if (!state) {
        const result = await start();
        return fresh ? withRerun(result, true, now()) : result;
      }
      if (!fresh) return published(state);
      if (now() - state.readAt < minRerunMs && !rereading) return withRerun(published(state), false, state.readAt);
      const result = await reread();
      return withRerun(result, true, now());
    },
  };
}

/** Whether the dashboard keeps live contexts by watches (SHIPSHAPE_LIVE_WATCH, on unless `0`/`false`), else by periodic reads. */
export function liveWatchEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.SHIPSHAPE_LIVE_WATCH?.trim().toLowerCase();
  return value !== '0' && value !== 'false' && value !== 'off';
}

/** A live context served from a watch cache: the dashboard's live source. */
export function createWatchedLiveSource(
  info: ContextInfo,
  kubeconfig: KubeConfig,
  contextName: string = info.name,
  options: Partial<LiveSourceOptions> = {},
  settings: Partial<WatchSettings> = {},
): ClusterSource & { cache: WatchCache; stop(): void } {
  const reader = createLiveStateReader(info, kubeconfig, contextName, options);
  const cache = createWatchCache({ info, readState: reader.readState, log: reader.log, readOptions: reader.readOptions }, settings);
  return { info, load: cache.load, stop: cache.stop, cache };
}
