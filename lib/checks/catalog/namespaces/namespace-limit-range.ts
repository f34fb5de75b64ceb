import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, namespaceSubject, passFinding } from '../../findings';
import { manifestFix } from '../../helpers/fixes';
import type { Check } from '../../types';

export const namespaceLimitRange: Check = {
  id: 'namespace-limit-range',
  title: 'Namespace has a LimitRange',
  principle: 'namespaces',
  severity: 'minor',
  targets: ['Namespace'],
  reads: ['LimitRange', ...WORKLOAD_KINDS],
  rationale:
    'A LimitRange gives containers that declare no requests or limits sensible defaults and caps what one container may ask for, so a forgotten resources block does not leave a pod unbounded.',
  remediation: {
    summary: 'Give the namespace a LimitRange with default requests and limits for containers, and a maximum per container.',
    snippet: `apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
  namespace: payments
spec:
  limits:
    - type: Container
      defaultRequest:
        cpu: 100m
        memory: 128Mi
      default:
        memory: 256Mi
      max:
        memory: 2Gi`,
  },
  docs: 'https://kubernetes.io/docs/concepts/policy/limit-range/',
  fixes: true,
  evaluate({ namespace }) {
    // An empty namespace has nothing to allocate yet: not applicable, rather than a finding that grades it.
    if (namespace.workloads.length === 0) return [];
    const subject = namespaceSubject(namespace);
    const ranges = objectsOf(namespace, 'LimitRange');
    if (ranges.length === 0) {
      const fix = manifestFix(
        {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: { name: 'container-defaults', namespace: namespace.name },
          spec: {
            limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '512Mi' } }],
          },
        },
        'Gives containers that declare nothing a small request and a memory limit; adjust the values to the namespace’s apps.',
      );
      return [{ ...failFinding(subject, 'no LimitRange in this namespace'), ...fix }];
    }
    return [passFinding(subject, `limit range ${ranges.map((range) => range.metadata.name).join(', ')}`)];
  },
};
