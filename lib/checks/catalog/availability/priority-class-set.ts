import { objectsOf } from '../../../inventory';
import { mapSelectorMatches } from '../../../k8s/selectors';
import { failFinding, passFinding } from '../../findings';
import { podLabelsOf } from '../../helpers/workloads';
import type { Check } from '../../types';

export const priorityClassSet: Check = {
  id: 'priority-class-set',
  title: 'Serving workloads name a PriorityClass',
  principle: 'availability',
  // Advice: without it the pods still run, they just lose to nothing and win against nothing.
  severity: 'minor',
  targets: ['Deployment', 'StatefulSet'],
  reads: ['Deployment', 'StatefulSet', 'Service'],
  rationale:
    'Pods without a priorityClassName get the cluster’s default priority (zero unless a PriorityClass is globalDefault), so when nodes run short the scheduler may preempt or the kubelet evict a serving pod as readily as a batch job.',
  remediation: {
    summary:
      'Give workloads behind a Service a PriorityClass above the batch default, defined once per cluster by the platform team, and name it in the pod template.',
    snippet: `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: serving
value: 100000
preemptionPolicy: PreemptLowerPriority
---
spec:
  template:
    spec:
      priorityClassName: serving`,
  },
  docs: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
  evaluate({ namespace }) {
    const selectors = objectsOf(namespace, 'Service')
      .map((service) => service.spec ?? {})
      .filter((spec) => spec.type !== 'ExternalName')
      .map((spec) => spec.selector);
    // Only workloads a Service sends traffic to are graded: a worker no Service selects is not serving.
    return namespace.workloads
      .filter((workload) => workload.kind === 'Deployment' || workload.kind === 'StatefulSet')
      .filter((workload) => selectors.some((selector) => mapSelectorMatches(selector, podLabelsOf(workload))))
      .map((workload) => {
        const priorityClassName = workload.template.spec.priorityClassName;
        if (typeof priorityClassName === 'string' && priorityClassName !== '') {
          // PriorityClasses are cluster-scoped and not read, so whether this one exists is not known here.
          return passFinding(workload.object, `runs at PriorityClass ${priorityClassName}`);
        }
        return failFinding(workload.object, 'serves a Service but names no priorityClassName, so it runs at the default priority', 'warn');
      });
  },
};
