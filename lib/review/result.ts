/**
 * The result a review keeps: per check its status and the objects that did not pass, plus every
 * object graded, taken from a namespace's report at the moment of sign-off. Pure.
 */
import type { NamespaceReport } from '../checks/evaluate';
import type { ChecklistItem } from '../checks/types';
import type { NamespaceInventory } from '../inventory';
import { hasController } from '../k8s/semantics';
import type { ReviewResult } from './types';

/** `Deployment/api`: how a review names an object of its namespace. */
export function objectName(object: { kind: string; name: string }): string {
  return `${object.kind}/${object.name}`;
}

/**
 * The objects a review lists as present: what the team manages in the namespace. Objects a
 * controller made (a Deployment's ReplicaSets and Pods, a CronJob's Jobs) are left out: they come
 * and go on every rollout without anyone changing anything, and would drown "objects added or removed".
 */
export function namespaceObjectNames(namespace: NamespaceInventory): string[] {
  const names = new Set<string>();
  for (const objects of namespace.byKind.values())
    for (const object of objects) if (!hasController(object)) names.add(objectName({ kind: object.kind, name: object.metadata.name }));
  return [...names].sort();
}

/** Observed (live-state) checks are not graded: their pods come and go, so only their status is kept. */
function listsObjects(item: ChecklistItem): boolean {
  return item.observed !== true;
}

/** The result of `report` for a review: compact, sorted, every object named `Kind/name`. */
export function compactResult(report: NamespaceReport, namespace: NamespaceInventory): ReviewResult {
  const objects = new Set(namespaceObjectNames(namespace));
  const checks: ReviewResult['checks'] = {};
  for (const item of report.items) {
    const check: ReviewResult['checks'][string] = { status: item.status };
    if (listsObjects(item)) {
      const by: Record<'fail' | 'warn' | 'waived', Set<string>> = { fail: new Set(), warn: new Set(), waived: new Set() };
      for (const finding of item.findings) {
        const name = objectName(finding.object);
        // Cluster-scoped objects graded here (a ClusterRoleBinding) are listed too: the result names every object it mentions.
        objects.add(name);
        if (finding.status !== 'pass') by[finding.status].add(name);
      }
      for (const status of ['fail', 'warn', 'waived'] as const) if (by[status].size > 0) check[status] = [...by[status]].sort();
    }
    checks[item.checkId] = check;
  }
  return { score: report.score.value, grade: report.score.grade, verdict: report.verdict, checks, objects: [...objects].sort() };
}

/**
 * JSON with every object's keys sorted and unset fields dropped: the same configuration always
 * gives the same text, whatever order it was written or built in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((entry) => (entry === undefined ? null : canonical(entry)));
  if (value instanceof Set) return [...value].map(canonical).sort();
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  if (value instanceof RegExp) return value.source;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) out[key] = canonical(entry);
    }
    return out;
  }
  return value;
}
