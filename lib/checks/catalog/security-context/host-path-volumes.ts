import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersOf, volumeMountsOf } from '../../helpers/workloads';
import type { Check } from '../../types';

export const hostPathVolumes: Check = {
  id: 'host-path-volumes',
  title: 'Pods mount no hostPath volumes',
  principle: 'security-context',
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A hostPath volume opens the node’s own filesystem to the pod: the kubelet’s credentials, other pods’ secrets, the container runtime socket. Mounting it read-only does not make a socket safe, and it ties the pod to one node’s files.',
  remediation: {
    summary:
      'Replace hostPath with an emptyDir for scratch space, a PersistentVolumeClaim for data, or a ConfigMap/Secret/projected volume for configuration; node agents that truly need it get a waiver.',
    snippet: `volumes:
  - name: cache
    emptyDir:
      sizeLimit: 1Gi
  - name: data
    persistentVolumeClaim:
      claimName: data`,
  },
  docs: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const mounts = containersOf(workload, { includeInit: true }).flatMap(volumeMountsOf);
      const hostPaths = (workload.template.spec.volumes ?? []).flatMap((volume) => {
        const hostPath = volume.hostPath as { path?: string } | null | undefined;
        if (!hostPath) return [];
        const using = mounts.filter((mount) => mount.name === volume.name);
        const access = using.length === 0 ? 'not mounted' : using.every((mount) => mount.readOnly === true) ? 'read-only' : 'writable';
        return [`${volume.name} (${hostPath.path ?? '?'}, ${access})`];
      });
      if (hostPaths.length === 0) return passFinding(workload.object, 'no hostPath volume');
      return failFinding(
        workload.object,
        `mounts the node's filesystem through hostPath ${hostPaths.length === 1 ? 'volume' : 'volumes'} ${hostPaths.join(', ')}`,
      );
    });
  },
};
