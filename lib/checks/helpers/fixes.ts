/**
 * Per-object fixes: builders the checks share to turn "container api has no readiness probe" into
 * a patch for that workload, or a manifest to create for that namespace. They know where each
 * workload kind keeps its pod spec and which kinds refuse a changed pod spec on a live object.
 *
 * A fix is made only of names, labels and fixed values: never of an object's other data.
 */
import type { Workload } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import type { FixTarget, JsonObject, JsonValue, ObjectFix } from '../types';

/** Where a workload kind keeps its pod spec. */
export function podSpecPath(kind: string): string[] {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

/**
 * Kinds whose pod spec the API server refuses to change on a live object: a Pod's (bar a few
 * fields) and a Job's template. Their fix is a change to the manifest, then a re-create.
 */
const NOT_IN_PLACE: Record<string, string> = {
  Pod: 'A running Pod’s spec cannot be changed: make this change in its manifest (or better, its controller’s) and re-create it.',
  Job: 'A Job’s pod template cannot be changed once created: make this change in its manifest and re-create the Job.',
};

/** Past this a fix is not worth showing (it would only be that large from hostile input): the generic fix stands. */
export const MAX_FIX_CHARS = 16_384;
/** Labels copied into a selector or a created object's metadata, at most. */
const MAX_LABELS = 16;

export function targetOf(object: KubeObject, namespace: string): FixTarget {
  if (object.kind === 'Namespace') return { kind: object.kind, name: object.metadata.name };
  return { kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace ?? namespace };
}

function nest(path: readonly string[], leaf: JsonObject): JsonObject {
  let value: JsonObject = leaf;
  for (const key of [...path].reverse()) value = { [key]: value };
  return value;
}

/** The keys down to the first leaf of a change: the field a finding points at. */
function firstLeafPath(value: JsonValue): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const [key] = Object.keys(value);
  return key === undefined ? [] : [key, ...firstLeafPath(value[key] as JsonValue)];
}

/**
 * `spec.template.spec.containers[0].securityContext.privileged`: the field a fix sets, whether or
 * not the object writes it (so a manifest and the live object, with its defaults filled in, name
 * the same field); reports locate the deepest part of it a file has.
 */
export function fieldPath(segments: readonly (string | number)[]): string | undefined {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    // A key that is not a plain name (a label key with dots) is written as a JSON string in brackets.
    else if (!/^[A-Za-z0-9_$/-]+$/.test(segment)) path += `[${JSON.stringify(segment)}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path === '' ? undefined : path;
}

/** Changes to a workload's pod spec: fields of the pod spec itself, and fields per container (app or init) by name. */
export interface PodChange {
  pod?: JsonObject;
  containers?: ReadonlyMap<string, JsonObject>;
}

/** A fix and the field it points at, as a check spreads them into a finding. */
export interface FixedFields {
  fix?: ObjectFix;
  field?: string;
}

/** The fix as a finding carries it, or nothing when it is too large to be useful. */
export function bounded(fix: ObjectFix, field?: string): FixedFields {
  if (JSON.stringify(fix).length > MAX_FIX_CHARS) return field ? { field } : {};
  return field ? { fix, field } : { fix };
}

/**
 * A strategic merge patch of a workload's pod spec: containers are merged by name, so the patch
 * names each container it changes and nothing else of it.
 */
export function podPatchFix(workload: Workload, change: PodChange, note: string): FixedFields {
  const spec = workload.template.spec;
  const specPath = podSpecPath(workload.kind);
  const podSpec: JsonObject = { ...(change.pod ?? {}) };
  const lists: Record<'containers' | 'initContainers', JsonObject[]> = { containers: [], initContainers: [] };
  let field: (string | number)[] | undefined = change.pod ? [...specPath, ...firstLeafPath(change.pod)] : undefined;
  for (const [name, fields] of change.containers ?? []) {
    const list = (spec.containers ?? []).some((container) => container.name === name) ? 'containers' : 'initContainers';
    const index = (spec[list] ?? []).findIndex((container) => container.name === name);
    lists[list].push({ name, ...fields });
    field ??= [...specPath, list, Math.max(index, 0), ...firstLeafPath(fields)];
  }
  for (const list of ['initContainers', 'containers'] as const) if (lists[list].length > 0) podSpec[list] = lists[list];
  const notInPlace = NOT_IN_PLACE[workload.kind];
  const fix: ObjectFix = {
    type: 'patch',
    note: notInPlace ? `${note} ${notInPlace}` : note,
    target: targetOf(workload.object, workload.namespace),
    patchType: 'strategic',
    patch: nest(specPath, podSpec),
    inPlace: notInPlace === undefined,
  };
  return bounded(fix, field ? fieldPath(field) : undefined);
}

/**
 * Labels for a workload and its pods: on the object's metadata and on its pod template's (a Pod
 * is its own template; its labels, unlike its spec, change in place).
 */
export function labelsPatchFix(workload: Workload, labels: JsonObject, note: string): FixedFields {
  const templatePath = podSpecPath(workload.kind).slice(0, -1);
  const patch: JsonObject =
    workload.kind === 'Pod' ? { metadata: { labels } } : { metadata: { labels }, ...nest(templatePath, { metadata: { labels } }) };
  const notInPlace = workload.kind === 'Job' ? NOT_IN_PLACE.Job : undefined;
  const fix: ObjectFix = {
    type: 'patch',
    note: notInPlace ? `${note} ${notInPlace}` : note,
    target: targetOf(workload.object, workload.namespace),
    patchType: 'strategic',
    patch,
    inPlace: notInPlace === undefined,
  };
  return bounded(fix, fieldPath(['metadata', 'labels', ...firstLeafPath(labels)]));
}

/** The same container fields for each named container. */
export function containersPatchFix(workload: Workload, names: readonly string[], fields: JsonObject, note: string): FixedFields {
  return podPatchFix(workload, { containers: new Map(names.map((name) => [name, fields])) }, note);
}

/** A strategic merge patch of any object (metadata, a Namespace's labels, a Deployment's replicas). */
export function objectPatchFix(object: KubeObject, namespace: string, patch: JsonObject, note: string): FixedFields {
  const fix: ObjectFix = { type: 'patch', note, target: targetOf(object, namespace), patchType: 'strategic', patch, inPlace: true };
  return bounded(fix, fieldPath(firstLeafPath(patch)));
}

/** An object to create. */
export function manifestFix(manifest: JsonObject, note: string): FixedFields {
  return bounded({ type: 'manifest', note, manifest });
}

/** String-valued entries of a label map, at most MAX_LABELS of them: what a fix may copy from an object. */
export function labelsOnly(labels: unknown): Record<string, string> {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return {};
  return Object.fromEntries(
    Object.entries(labels as Record<string, unknown>)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .slice(0, MAX_LABELS),
  );
}

/** The labels that select a workload's pods: its selector's matchLabels, else its pod template's labels. */
export function selectorLabelsOf(workload: Workload): Record<string, string> {
  const matchLabels = labelsOnly((workload.object.spec as { selector?: { matchLabels?: unknown } } | undefined)?.selector?.matchLabels);
  return Object.keys(matchLabels).length > 0 ? matchLabels : labelsOnly(workload.template.metadata?.labels);
}
