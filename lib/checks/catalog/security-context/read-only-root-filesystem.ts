import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { containersNamed, containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';
import { namesByRoot } from './root';

export const readOnlyRootFilesystem: Check = {
  id: 'read-only-root-filesystem',
  title: 'Containers have a read-only root filesystem',
  principle: 'security-context',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A writable root filesystem lets an intruder drop tools or alter the app’s files; as root it can rewrite any binary in the image. Immutable containers also keep state out of places it is lost on restart.',
  remediation: {
    summary: 'Set readOnlyRootFilesystem: true and mount an emptyDir where the app really needs to write (temporary files, caches).',
    snippet: `containers:
  - name: api
    securityContext:
      readOnlyRootFilesystem: true
    volumeMounts:
      - name: tmp
        mountPath: /tmp
volumes:
  - name: tmp
    emptyDir: {}`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const writable = containersOf(workload, { includeInit: true }).filter(
        (container) => container.securityContext?.readOnlyRootFilesystem !== true,
      );
      if (writable.length === 0) return passFinding(workload.object, 'every container has a read-only root filesystem');
      // A writable root filesystem is a warning; combined with root it is a failure (any binary can be replaced).
      const { asRoot, nonRoot } = namesByRoot(writable, workload.template.spec);
      const parts: string[] = [];
      if (asRoot.length > 0) parts.push(`writable root filesystem and may run as root on ${containersNamed(asRoot)}`);
      if (nonRoot.length > 0) parts.push(`writable root filesystem on ${containersNamed(nonRoot)}`);
      const fix = containersPatchFix(
        workload,
        writable.map((container) => container.name),
        { securityContext: { readOnlyRootFilesystem: true } },
        'Makes the root filesystem read-only; mount an emptyDir volume wherever the app must write (/tmp, caches).',
      );
      return { ...failFinding(workload.object, parts.join('; '), asRoot.length > 0 ? 'fail' : 'warn'), ...fix };
    });
  },
};
