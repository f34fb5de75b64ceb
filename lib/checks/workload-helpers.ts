/** Small helpers the checks share: walking containers, matching selectors, naming objects. */
import type { NamespaceInventory, Workload } from '../inventory';
import type { Container, KubeObject, LabelSelector, ResourceRequirements } from '../k8s/objects';
import { refOf } from '../k8s/objects';
import type { ObjectFinding } from './types';

/** App containers and init containers of a workload, each with a label for messages. */
export function containersOf(workload: Workload, options: { includeInit?: boolean } = {}): Container[] {
  const spec = workload.template.spec;
  const containers = [...(spec.containers ?? [])];
  if (options.includeInit) containers.push(...(spec.initContainers ?? []));
  return containers;
}

/** App containers and native sidecars (init containers with restartPolicy: Always), which run alongside them. */
export function runningContainersOf(workload: Workload): Container[] {
  const spec = workload.template.spec;
  const sidecars = (spec.initContainers ?? []).filter((container) => (container as { restartPolicy?: string }).restartPolicy === 'Always');
  return [...(spec.containers ?? []), ...sidecars];
}

/** Is a resource quantity set to something other than empty or zero? */
export function hasQuantity(values: ResourceRequirements['requests'], resource: string): boolean {
  const value = values?.[resource];
  return value !== undefined && value !== null && value !== '' && value !== 0 && value !== '0';
}

/** The ServiceAccount a pod runs as: serviceAccountName, the legacy serviceAccount, or `default`. */
export function serviceAccountNameOf(workload: Workload): string {
  const spec = workload.template.spec;
  return spec.serviceAccountName || spec.serviceAccount || 'default';
}

/** Findings for a workload from the list of its containers that break a rule. */
export function workloadFinding(
  workload: Workload,
  offending: string[],
  messages: { pass: string; fail: (names: string) => string },
  failStatus: 'fail' | 'warn' = 'fail',
): ObjectFinding {
  if (offending.length === 0) return { object: refOf(workload.object), status: 'pass', message: messages.pass };
  return { object: refOf(workload.object), status: failStatus, message: messages.fail(offending.join(', ')) };
}

export function passFinding(object: KubeObject, message: string): ObjectFinding {
  return { object: refOf(object), status: 'pass', message };
}

export function failFinding(object: KubeObject, message: string, status: 'fail' | 'warn' = 'fail'): ObjectFinding {
  return { object: refOf(object), status, message };
}

/** Does a label selector select these labels? An empty selector selects everything. */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const value = have[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

/** A Service-style selector (plain map): empty or missing selects nothing. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return selectorMatches({ matchLabels: selector }, labels);
}

export function podLabelsOf(workload: Workload): Record<string, string> {
  return workload.template.metadata?.labels ?? {};
}

/** Workloads that serve traffic continuously (and so need probes, replicas and budgets). */
export function isLongRunning(workload: Workload): boolean {
  return workload.kind === 'Deployment' || workload.kind === 'StatefulSet' || workload.kind === 'DaemonSet' || workload.kind === 'Pod';
}

/** The Namespace object that namespace-level findings attach to (synthesised when it was not read). */
export function namespaceSubject(namespace: NamespaceInventory): KubeObject {
  return namespace.namespaceObject ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name } };
}
