import 'server-only';
/**
 * The watch cache's state, without I/O: the objects of each list, the events that change them,
 * which namespaces a change makes stale, and how fresh the whole is. watch-cache.ts drives it
 * with the network; the unit tests drive it with plain fixtures.
 */
import { z } from 'zod';
import { type AccessGap, buildInventory, type Inventory, type NamespaceInventory } from '../../inventory';
import { CLUSTER_SCOPED_KINDS } from '../../k8s/kinds';
import type { KubeObject } from '../../k8s/objects';
import type { Freshness } from '../cluster-source';
import { admitListed, type KindEndpoint, type ListedResource, type RejectedObject } from './read-cluster';
import { KubeRequestError } from './request-policy';

/** One list the cache keeps current: a kind cluster-wide, or a kind in one namespace. */
export interface ListState {
  key: string;
  endpoint: KindEndpoint;
  namespace?: string;
  /** Where the next watch resumes: the list's version, then each event's and bookmark's. */
  resourceVersion: string;
  /** The current objects, by `namespace/name`. */
  objects: Map<string, KubeObject>;
  /** Objects the server holds that failed admission, by `namespace/name`: reported, never kept. */
  rejected: Map<string, RejectedObject>;
  /** When the server last told us this list is current: the list, the watch opening, an event, a bookmark. */
  lastHeardAt: number;
  /** Set while the watch is broken (since when, and why, in our words). */
  broken?: { since: number; reason: string };
}

export type { Freshness };

export function listKey(endpoint: KindEndpoint, namespace?: string): string {
  return namespace === undefined ? endpoint.plural : `${endpoint.plural}@${namespace}`;
}

export function objectKey(object: { metadata?: { name?: unknown; namespace?: unknown } }): string {
  return `${String(object.metadata?.namespace ?? '')}/${String(object.metadata?.name ?? '')}`;
}

/** A fresh list state from a list's answer. */
export function listState(
  listed: ListedResource,
  objects: readonly KubeObject[],
  rejected: readonly RejectedObject[],
  now: number,
): ListState {
  const state: ListState = {
    key: listKey(listed.endpoint, listed.namespace),
    endpoint: listed.endpoint,
    resourceVersion: listed.resourceVersion,
    objects: new Map(objects.map((object) => [objectKey(object), object])),
    rejected: new Map(),
    lastHeardAt: now,
  };
  if (listed.namespace !== undefined) state.namespace = listed.namespace;
  for (const entry of rejected) state.rejected.set(rejectedKey(entry), entry);
  return state;
}

/** `Deployment shop/web` → `shop/web`: rejected objects are named by describeObject. */
function rejectedKey(entry: RejectedObject): string {
  const name = entry.object.slice(entry.object.indexOf(' ') + 1);
  return name.includes('/') ? name : `/${name}`;
}

/** What a change makes stale: some namespaces, or every one (a cluster-scoped change). */
export interface Dirty {
  all: boolean;
  namespaces: Set<string>;
}

export const emptyDirty = (): Dirty => ({ all: false, namespaces: new Set() });

/**
 * Which namespaces' grades a change to this object can move. A cluster-scoped object (RBAC,
 * a Namespace's labels) and a Secret appearing or going (another namespace's Secret of that name
 * changes "Secret does not exist" findings, see missingSecretNote) can move any namespace: all
 * are regraded, which is what is honest without tracking every reference.
 */
export function markChange(dirty: Dirty, object: KubeObject, nameSetChanged: boolean): void {
  if (CLUSTER_SCOPED_KINDS.has(object.kind) || (object.kind === 'Secret' && nameSetChanged)) {
    dirty.all = true;
    return;
  }
  dirty.namespaces.add(object.metadata.namespace ?? 'default');
}

const WATCH_EVENT = z.object({
  type: z.enum(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']),
  object: z.looseObject({}),
});

const STATUS_OBJECT = z.looseObject({ code: z.number().optional(), reason: z.string().optional() });
const VERSIONED = z.looseObject({ metadata: z.looseObject({ resourceVersion: z.string().optional() }).optional() });

/**
 * Apply one watch event to its list: admitted and reduced at once (a full object is never
 * kept), the list's version moved on, the namespaces it touches marked. An ERROR event throws the
 * failure it stands for: 410 Gone (the version was compacted away) makes the cache relist.
 */
export function applyWatchEvent(list: ListState, raw: unknown, dirty: Dirty, now: number): void {
  const parsed = WATCH_EVENT.safeParse(raw);
  if (!parsed.success)
    throw new KubeRequestError({ kind: 'bad-response', summary: 'the API server sent a watch event of an unknown shape' });
  const { type, object } = parsed.data;
  if (type === 'ERROR') {
    const status = STATUS_OBJECT.safeParse(object);
    const code = status.success ? status.data.code : undefined;
    if (code === 410 || (status.success && status.data.reason === 'Expired'))
      throw new KubeRequestError({ kind: 'gone', status: 410, summary: 'the watch’s resourceVersion is too old (410)' });
    throw new KubeRequestError({
      kind: code !== undefined && code >= 500 ? 'server-error' : 'bad-response',
      ...(code !== undefined ? { status: code } : {}),
      summary: `the API server ended the watch with an error${code !== undefined ? ` (${code})` : ''}`,
    });
  }
  const version = VERSIONED.safeParse(object);
  const resourceVersion = version.success ? version.data.metadata?.resourceVersion : undefined;
  list.lastHeardAt = now;
  delete list.broken;
  if (resourceVersion) list.resourceVersion = resourceVersion;
  if (type === 'BOOKMARK') return;
  const key = objectKey(object as KubeObject);
  if (type === 'DELETED') {
    const previous = list.objects.get(key);
    list.objects.delete(key);
    if (list.rejected.delete(key) && !previous) dirty.namespaces.add(String((object as KubeObject).metadata?.namespace ?? 'default'));
    if (previous) markChange(dirty, previous, true);
    return;
  }
  const admitted = admitListed(list.endpoint, object);
  const existed = list.objects.has(key);
  if ('problem' in admitted) {
    // A good object turned bad is dropped and reported, as a list would have done.
    list.rejected.set(key, admitted.problem);
    const previous = list.objects.get(key);
    list.objects.delete(key);
    if (previous) markChange(dirty, previous, true);
    return;
  }
  list.rejected.delete(key);
  list.objects.set(key, admitted.object);
  markChange(dirty, admitted.object, !existed);
}

/**
 * Replace a list's objects with a relist's: the namespaces whose objects differ (by
 * resourceVersion, or present on one side only) are marked, so a relist after a compaction
 * regrades what changed while the watch was away, and nothing else.
 */
export function replaceList(list: ListState, fresh: ListState, dirty: Dirty): void {
  for (const [key, object] of fresh.objects) {
    const previous = list.objects.get(key);
    if (!previous || previous.metadata.resourceVersion !== object.metadata.resourceVersion || object.metadata.resourceVersion === undefined)
      markChange(dirty, object, !previous);
  }
  for (const [key, previous] of list.objects) if (!fresh.objects.has(key)) markChange(dirty, previous, true);
  list.objects = fresh.objects;
  list.rejected = fresh.rejected;
  list.resourceVersion = fresh.resourceVersion;
  list.lastHeardAt = fresh.lastHeardAt;
  delete list.broken;
}

/**
 * The freshness of lists: as of the list heard from longest ago; stale when one is broken or
 * silent longer than `staleAfterMs` (bookmarks arrive about every minute, and watches reopen).
 */
export function freshnessOf(lists: readonly ListState[], now: number, staleAfterMs: number, mode: Freshness['mode']): Freshness {
  let asOf = now;
  const broken: string[] = [];
  const silent: string[] = [];
  for (const list of lists) {
    asOf = Math.min(asOf, list.lastHeardAt);
    const where = list.namespace === undefined ? list.endpoint.plural : `${list.endpoint.plural} in ${list.namespace}`;
    if (list.broken) broken.push(`${where} (${list.broken.reason})`);
    else if (now - list.lastHeardAt > staleAfterMs) silent.push(where);
  }
  const freshness: Freshness = { mode, asOf: new Date(asOf).toISOString(), stale: broken.length > 0 || silent.length > 0 };
  const parts: string[] = [];
  if (broken.length > 0) parts.push(`the watch of ${listing(broken)} is broken`);
  if (silent.length > 0) parts.push(`nothing was heard about ${listing(silent)} for more than ${Math.round(staleAfterMs / 1000)} s`);
  if (parts.length > 0) freshness.staleReason = `${parts.join('; ')}; showing the last state read`;
  return freshness;
}

/** At most three names, then a count: a reason stays one line on a page. */
function listing(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * The objects a regrade of `dirty` needs: all of them for a full regrade; else the dirty
 * namespaces' objects, every cluster-scoped object and every Secret (their names decide findings
 * in other namespaces).
 */
export function objectsForRegrade(lists: readonly ListState[], dirty: Dirty): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const list of lists)
    for (const object of list.objects.values()) {
      if (
        dirty.all ||
        CLUSTER_SCOPED_KINDS.has(object.kind) ||
        object.kind === 'Secret' ||
        dirty.namespaces.has(object.metadata.namespace ?? 'default')
      )
        objects.push(object);
    }
  return objects;
}

/**
 * The inventory of the kept objects, rebuilding only the dirty namespaces (and reusing the
 * previous inventory's others): pages read it, the grading worker never sees it.
 */
export function inventoryOf(
  lists: readonly ListState[],
  accessGaps: readonly AccessGap[],
  previous: Inventory | undefined,
  dirty: Dirty,
): Inventory {
  const rebuildAll = dirty.all || !previous;
  const chosen: KubeObject[] = [];
  const clusterScoped: KubeObject[] = [];
  const present = new Set<string>();
  for (const list of lists)
    for (const object of list.objects.values()) {
      if (CLUSTER_SCOPED_KINDS.has(object.kind)) {
        clusterScoped.push(object);
        if (object.kind === 'Namespace') present.add(object.metadata.name);
        continue;
      }
      const namespace = object.metadata.namespace ?? 'default';
      present.add(namespace);
      if (rebuildAll || dirty.namespaces.has(namespace)) chosen.push(object);
    }
  const namespaceObjects = clusterScoped.filter(
    (object) => object.kind === 'Namespace' && (rebuildAll || dirty.namespaces.has(object.metadata.name)),
  );
  const rebuilt = buildInventory([...namespaceObjects, ...chosen], accessGaps, { origin: 'live' });
  const namespaces = new Map<string, NamespaceInventory>();
  for (const name of [...present].sort()) {
    const entry = rebuilt.namespaces.get(name) ?? (rebuildAll ? undefined : previous?.namespaces.get(name));
    if (entry) namespaces.set(name, entry);
  }
  const byKind = new Map<string, KubeObject[]>();
  for (const object of clusterScoped) {
    const list = byKind.get(object.kind);
    if (list) list.push(object);
    else byKind.set(object.kind, [object]);
  }
  // Go-live reviews are kept apart from the graded kinds (lib/inventory.ts): carry the rebuilt
  // namespaces' reviews and the previous inventory's for the others, like the namespaces themselves.
  const reviews = new Map<string, readonly KubeObject[]>();
  for (const name of namespaces.keys()) {
    const kept = rebuildAll || dirty.namespaces.has(name) ? rebuilt.reviews?.get(name) : previous?.reviews?.get(name);
    if (kept) reviews.set(name, kept);
  }
  return { origin: 'live', namespaces, clusterScoped: byKind, accessGaps, ...(reviews.size > 0 ? { reviews } : {}) };
}
