import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, namespaceSubject, passFinding } from '../../findings';
import type { Check } from '../../types';

export const workloadsOutsideDefault: Check = {
  id: 'workloads-outside-default',
  title: 'Workloads run outside the default namespace',
  principle: 'namespaces',
  severity: 'major',
  targets: [...WORKLOAD_KINDS, 'Namespace'],
  reads: WORKLOAD_KINDS,
  rationale:
    'The default namespace belongs to no team: workloads there share one allocation, one set of permissions and one network, and cannot be given quotas or policies of their own.',
  remediation: {
    summary: 'Create a namespace for the application (or team) and deploy its workloads there.',
    snippet: `apiVersion: v1
kind: Namespace
metadata:
  name: payments
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
  evaluate({ namespace }) {
    if (namespace.workloads.length === 0) return [];
    if (namespace.name === 'default') {
      return namespace.workloads.map((workload) =>
        failFinding(workload.object, `${workload.kind} ${workload.name} runs in the default namespace`),
      );
    }
    const subject = namespaceSubject(namespace);
    const count = namespace.workloads.length;
    return [
      passFinding(subject, `${count === 1 ? '1 workload runs' : `${count} workloads run`} in namespace ${namespace.name}, not default`),
    ];
  },
};
