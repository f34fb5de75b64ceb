import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix } from '../../helpers/fixes';
import { hasQuantity, runningContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

/** What a fix requests where a container requests nothing: a small app's share. */
const STARTING_REQUEST: Record<string, string> = { cpu: '100m', memory: '128Mi' };

/**
 * The resources a container requests nothing of. A limit without a request counts as a
 * request: the API server defaults the request to the limit.
 */
function missingRequests(container: Container): string[] {
  const { requests, limits } = container.resources ?? {};
  return ['cpu', 'memory'].filter((resource) => !hasQuantity(requests, resource) && !hasQuantity(limits, resource));
}

export const resourceRequests: Check = {
  id: 'resource-requests',
  title: 'Containers request CPU and memory',
  principle: 'resources',
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'The scheduler places pods by their requests: a container that requests nothing lands on nodes with no room for it, is throttled or evicted first under pressure, and quota cannot account for it.',
  remediation: {
    summary: 'Give every container a cpu and memory request close to what it uses under normal load (measure, then set).',
    snippet: `containers:
  - name: api
    resources:
      requests:
        cpu: 250m
        memory: 256Mi
      limits:
        memory: 256Mi`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const offending = runningContainersOf(workload)
        .map((container) => ({ name: container.name, missing: missingRequests(container) }))
        .filter((entry) => entry.missing.length > 0);
      if (offending.length === 0) return passFinding(workload.object, 'every container requests cpu and memory');
      const fix = podPatchFix(
        workload,
        {
          containers: new Map(
            offending.map((entry) => [
              entry.name,
              {
                resources: {
                  requests: Object.fromEntries(entry.missing.map((resource) => [resource, STARTING_REQUEST[resource] ?? '100m'])),
                },
              },
            ]),
          ),
        },
        'These requests are a starting point: set them from the app’s measured use, so the scheduler places it where it fits.',
      );
      const finding = failFinding(
        workload.object,
        offending.map((entry) => `container ${entry.name} has no ${entry.missing.join(' or ')} request`).join('; '),
      );
      return { ...finding, ...fix };
    });
  },
};
