import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix } from '../../helpers/fixes';
import { containersOf, hasSettings } from '../../helpers/workloads';
import type { Check } from '../../types';

export const podSecurityContextSet: Check = {
  id: 'pod-security-context-set',
  title: 'Pods set a securityContext',
  principle: 'no-defaults',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A container with no securityContext, on the pod or itself, runs as the image’s user (often root) with the runtime’s default capabilities, privilege escalation allowed and a writable root filesystem: every default favours convenience.',
  remediation: {
    summary:
      'Set a pod securityContext for what all containers share and a container securityContext for the rest; the security-context checks say which fields matter.',
    snippet: `spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: api
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: [ALL]`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload) => {
      const containers = containersOf(workload, { includeInit: true });
      if (containers.length === 0) return [];
      // The API server stores `securityContext: {}` on every pod: an empty one is no setting at all.
      const podLevel = hasSettings(workload.template.spec.securityContext);
      const bare = podLevel
        ? []
        : containers.filter((container) => !hasSettings(container.securityContext)).map((container) => container.name);
      if (bare.length > 0) {
        const fix = podPatchFix(
          workload,
          { pod: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } },
          'Sets a pod-level securityContext every container inherits: no root user, the runtime’s default seccomp profile.',
        );
        return [
          {
            ...failFinding(
              workload.object,
              `container ${bare.join(', ')} has no securityContext, and neither has the pod: every setting is the default`,
            ),
            ...fix,
          },
        ];
      }
      return [passFinding(workload.object, podLevel ? 'the pod sets a securityContext' : 'every container sets a securityContext')];
    });
  },
};
