import 'server-only';
/**
 * What a live object is reduced to the moment it arrives (a list page or a watch event), so the
 * watch cache never holds a full object: status only where a check reads it (Pods and the
 * workload kinds, and of a Pod's status only the fields the live-health checks read), and the
 * strings that repeat across thousands of objects (images, label and annotation keys, label
 * values, container names) shared through one pool. Secrets arrive here already reduced to
 * metadata and key names by `admitObject`; their data never reaches this module.
 */
import type { KubeObject } from '../../k8s/objects';

/** Kinds whose `status` a check reads (live-health: pod state, available replicas). */
const KINDS_WITH_STATUS: ReadonlySet<string> = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

/** Of a Pod's status, what lib/checks/helpers/pod-status.ts reads. */
const POD_STATUS_FIELDS = ['phase', 'reason', 'message', 'conditions', 'containerStatuses', 'initContainerStatuses'] as const;
const CONTAINER_STATUS_FIELDS = ['name', 'ready', 'started', 'restartCount', 'state', 'lastState'] as const;
const CONDITION_FIELDS = ['type', 'status', 'reason', 'message'] as const;

/** Metadata the API server adds that no check or page reads. */
const DROPPED_METADATA = ['managedFields', 'selfLink'] as const;

/** Strings longer than this are rarely shared and are kept as they are. */
const MAX_INTERNED_LENGTH = 512;
/** The pool is cleared when it holds this many strings: a bound, not a leak, on a cluster that churns names. */
const MAX_POOL_SIZE = 200_000;

/** A pool of strings, so equal strings from different objects are one string in memory. */
export class StringPool {
  private readonly pool = new Map<string, string>();
  private readonly maxSize: number;
  constructor(maxSize = MAX_POOL_SIZE) {
    this.maxSize = maxSize;
  }

  get size(): number {
    return this.pool.size;
  }

  intern<T>(value: T): T {
    if (typeof value !== 'string' || value.length > MAX_INTERNED_LENGTH) return value;
    const kept = this.pool.get(value);
    if (kept !== undefined) return kept as T;
    if (this.pool.size >= this.maxSize) this.pool.clear();
    this.pool.set(value, value);
    return value;
  }
}

const sharedPool = new StringPool();

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

function pick(source: Dict, fields: readonly string[]): Dict {
  const kept: Dict = {};
  for (const field of fields) if (source[field] !== undefined) kept[field] = source[field];
  return kept;
}

/** A string map (labels, selectors) with its keys and values shared. */
function internMap(map: unknown, pool: StringPool, values: boolean): unknown {
  if (!isDict(map)) return map;
  const kept: Dict = {};
  for (const [key, value] of Object.entries(map)) kept[pool.intern(key)] = values ? pool.intern(value) : value;
  return kept;
}

function internMetadata(metadata: Dict, pool: StringPool): Dict {
  const kept: Dict = {};
  for (const [key, value] of Object.entries(metadata)) {
    if ((DROPPED_METADATA as readonly string[]).includes(key)) continue;
    if (key === 'labels') kept.labels = internMap(value, pool, true);
    else if (key === 'annotations') kept.annotations = internMap(value, pool, false);
    else if (key === 'namespace') kept.namespace = pool.intern(value);
    else kept[key] = value;
  }
  return kept;
}

function internContainers(containers: unknown, pool: StringPool): unknown {
  if (!Array.isArray(containers)) return containers;
  return containers.map((container) => {
    if (!isDict(container)) return container;
    const kept: Dict = { ...container };
    for (const field of ['name', 'image', 'imagePullPolicy'])
      if (typeof container[field] === 'string') kept[field] = pool.intern(container[field]);
    return kept;
  });
}

/** A pod spec with its containers' repeated strings shared. */
function internPodSpec(spec: unknown, pool: StringPool): unknown {
  if (!isDict(spec)) return spec;
  const kept: Dict = { ...spec };
  for (const field of ['containers', 'initContainers', 'ephemeralContainers'])
    if (Array.isArray(spec[field])) kept[field] = internContainers(spec[field], pool);
  if (isDict(spec.nodeSelector)) kept.nodeSelector = internMap(spec.nodeSelector, pool, true);
  return kept;
}

function internTemplate(template: unknown, pool: StringPool): unknown {
  if (!isDict(template)) return template;
  const kept: Dict = { ...template };
  if (isDict(template.metadata)) kept.metadata = internMetadata(template.metadata, pool);
  if (template.spec !== undefined) kept.spec = internPodSpec(template.spec, pool);
  return kept;
}

function internSpec(kind: string, spec: unknown, pool: StringPool): unknown {
  if (!isDict(spec)) return spec;
  if (kind === 'Pod') return internPodSpec(spec, pool);
  const kept: Dict = { ...spec };
  if (isDict(spec.selector)) {
    const selector = spec.selector;
    // A Service's selector is a plain map; a workload's is a LabelSelector.
    kept.selector = isDict(selector.matchLabels)
      ? { ...selector, matchLabels: internMap(selector.matchLabels, pool, true) }
      : internMap(selector, pool, true);
  }
  if (spec.template !== undefined) kept.template = internTemplate(spec.template, pool);
  if (kind === 'CronJob' && isDict(spec.jobTemplate) && isDict(spec.jobTemplate.spec)) {
    const jobSpec = spec.jobTemplate.spec;
    kept.jobTemplate = { ...spec.jobTemplate, spec: { ...jobSpec, template: internTemplate(jobSpec.template, pool) } };
  }
  return kept;
}

function reducePodStatus(status: unknown): unknown {
  if (!isDict(status)) return status;
  const kept = pick(status, POD_STATUS_FIELDS);
  if (Array.isArray(kept.conditions))
    kept.conditions = kept.conditions.map((condition) => (isDict(condition) ? pick(condition, CONDITION_FIELDS) : condition));
  for (const field of ['containerStatuses', 'initContainerStatuses'] as const) {
    const statuses = kept[field];
    if (Array.isArray(statuses)) kept[field] = statuses.map((entry) => (isDict(entry) ? pick(entry, CONTAINER_STATUS_FIELDS) : entry));
  }
  return kept;
}

/**
 * Reduce one admitted object (`admitObject` has already dropped last-applied and Secret data):
 * drop what no check reads, share repeated strings. The result is a new object; the input is
 * left as it was.
 */
export function reduceObject(object: KubeObject, pool: StringPool = sharedPool): KubeObject {
  const reduced: KubeObject = {
    ...object,
    apiVersion: pool.intern(object.apiVersion),
    kind: pool.intern(object.kind),
    metadata: internMetadata(object.metadata as Dict, pool) as KubeObject['metadata'],
  };
  if (object.spec !== undefined) reduced.spec = internSpec(object.kind, object.spec, pool);
  if (!KINDS_WITH_STATUS.has(object.kind)) delete reduced.status;
  else if (object.kind === 'Pod' && object.status !== undefined) reduced.status = reducePodStatus(object.status);
  return reduced;
}
