/** Finding constructors: how a check reports one object's verdict. */
import type { NamespaceInventory, Workload } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import { refOf } from '../k8s/objects';
import type { ObjectFinding } from './types';

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

/** The Namespace object that namespace-level findings attach to (synthesised when it was not read). */
export function namespaceSubject(namespace: NamespaceInventory): KubeObject {
  return namespace.namespaceObject ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name } };
}
