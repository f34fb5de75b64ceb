import type { Workload } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { hasQuantity, runningContainersOf, volumeMountsOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

interface EmptyDir {
  medium?: string;
  sizeLimit?: string | number;
}

/** Disk-backed emptyDir volumes with no sizeLimit: nothing bounds what is written to them. */
function unboundedEmptyDirs(workload: Workload): Set<string> {
  const names = new Set<string>();
  for (const volume of workload.template.spec.volumes ?? []) {
    const emptyDir = volume.emptyDir as EmptyDir | null | undefined;
    if (!emptyDir || emptyDir.medium === 'Memory') continue;
    if (emptyDir.sizeLimit === undefined || emptyDir.sizeLimit === null || emptyDir.sizeLimit === '') names.add(volume.name);
  }
  return names;
}

/**
 * How a container without an ephemeral-storage limit may fill the node's disk: `fail` when it
 * mounts an unbounded disk emptyDir for writing, `warn` when only its root filesystem is writable.
 */
function unboundedWrites(container: Container, unbounded: Set<string>): { status: 'warn' | 'fail'; what: string } | undefined {
  if (hasQuantity(container.resources?.limits, 'ephemeral-storage')) return undefined;
  const volumes = volumeMountsOf(container)
    .filter((mount) => unbounded.has(mount.name) && mount.readOnly !== true)
    .map((mount) => mount.name);
  if (volumes.length > 0) return { status: 'fail', what: `writes to emptyDir ${[...new Set(volumes)].join(', ')} without a sizeLimit` };
  if (container.securityContext?.readOnlyRootFilesystem !== true) return { status: 'warn', what: 'has a writable root filesystem' };
  return undefined;
}

export const ephemeralStorage: Check = {
  id: 'ephemeral-storage',
  title: 'Local disk writes are bounded',
  principle: 'resources',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Container filesystems and disk-backed emptyDir volumes live on the node’s disk: a pod that writes without a bound can fill it, and the kubelet then evicts pods that did nothing wrong. An ephemeral-storage limit (or an emptyDir sizeLimit) makes the kubelet evict the offender instead.',
  remediation: {
    summary:
      'Give containers that write locally an ephemeral-storage request and limit, or make the root filesystem read-only and give each emptyDir a sizeLimit.',
    snippet: `containers:
  - name: api
    resources:
      requests:
        ephemeral-storage: 256Mi
      limits:
        ephemeral-storage: 1Gi
    volumeMounts:
      - name: cache
        mountPath: /var/cache/api
volumes:
  - name: cache
    emptyDir:
      sizeLimit: 512Mi`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload): ObjectFinding => {
      const unbounded = unboundedEmptyDirs(workload);
      const problems = runningContainersOf(workload).flatMap((container) => {
        const problem = unboundedWrites(container, unbounded);
        return problem ? [{ ...problem, container: container.name }] : [];
      });
      if (problems.length === 0)
        return passFinding(workload.object, 'every container has an ephemeral-storage limit or writes only to size-limited volumes');
      const status = problems.some((problem) => problem.status === 'fail') ? 'fail' : 'warn';
      const fix = containersPatchFix(
        workload,
        problems.map((problem) => problem.container),
        { resources: { limits: { 'ephemeral-storage': '1Gi' } } },
        '1Gi is a starting point: size the limit to what the container writes to its filesystem, logs and emptyDir volumes.',
      );
      return {
        ...failFinding(
          workload.object,
          `no ephemeral-storage limit: ${problems.map((problem) => `container ${problem.container} ${problem.what}`).join('; ')}`,
          status,
        ),
        ...fix,
      };
    });
  },
};
