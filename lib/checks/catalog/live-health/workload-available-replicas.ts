import type { Workload } from '../../../inventory';
import { failFinding, passFinding } from '../../findings';
import type { PodCondition } from '../../helpers/pod-status';
import type { Check, ObjectFinding } from '../../types';

/** The status fields the controllers report (`kubectl get -o yaml`); counts the API omits when zero. */
interface WorkloadStatus {
  observedGeneration?: number;
  replicas?: number;
  availableReplicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  desiredNumberScheduled?: number;
  numberAvailable?: number;
  updatedNumberScheduled?: number;
  conditions?: PodCondition[];
}

interface Counts {
  desired: number;
  available: number;
  /** Why a shortfall may be a rollout still in progress rather than a fault, if it may. */
  rollingOut?: string;
  /** Why the controller reports the rollout as stuck, if it does. */
  stuck?: string;
}

function countsOf(workload: Workload, status: WorkloadStatus): Counts | undefined {
  const generation = workload.object.metadata.generation;
  const behind =
    typeof generation === 'number' && (status.observedGeneration ?? 0) < generation
      ? 'the controller has not caught up with the latest change'
      : undefined;
  switch (workload.kind) {
    case 'Deployment': {
      const desired = workload.replicas ?? 1;
      const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
      const counts: Counts = { desired, available: status.availableReplicas ?? 0 };
      if (progressing?.status === 'False') counts.stuck = progressing.reason ?? 'not progressing';
      const rollingOut = behind ?? ((status.updatedReplicas ?? 0) < desired ? 'a rollout is in progress' : undefined);
      if (rollingOut) counts.rollingOut = rollingOut;
      return counts;
    }
    case 'StatefulSet': {
      const desired = workload.replicas ?? 1;
      // availableReplicas arrived in Kubernetes 1.22; older servers only report readyReplicas.
      const counts: Counts = { desired, available: status.availableReplicas ?? status.readyReplicas ?? 0 };
      const rollingOut =
        behind ?? (status.updateRevision && status.currentRevision !== status.updateRevision ? 'a rollout is in progress' : undefined);
      if (rollingOut) counts.rollingOut = rollingOut;
      return counts;
    }
    case 'DaemonSet': {
      const desired = status.desiredNumberScheduled ?? 0;
      const counts: Counts = { desired, available: status.numberAvailable ?? 0 };
      const rollingOut = behind ?? ((status.updatedNumberScheduled ?? 0) < desired ? 'a rollout is in progress' : undefined);
      if (rollingOut) counts.rollingOut = rollingOut;
      return counts;
    }
    default:
      return undefined;
  }
}

function grade(workload: Workload, counts: Counts): ObjectFinding {
  const { desired, available } = counts;
  const noun = workload.kind === 'DaemonSet' ? 'scheduled pods' : 'replicas';
  if (available >= desired)
    return passFinding(workload.object, desired === 0 ? `no ${noun} wanted` : `${available} of ${desired} ${noun} available`);
  const shortfall = `${available} of ${desired} ${noun} available`;
  if (counts.stuck) return failFinding(workload.object, `${shortfall}; rollout stuck: ${counts.stuck}`);
  // Mid-rollout a shortfall within maxUnavailable is by design; it is worth a look, not an alarm.
  if (counts.rollingOut && available > 0) return failFinding(workload.object, `${shortfall} while ${counts.rollingOut}`, 'warn');
  return failFinding(workload.object, shortfall);
}

export const workloadAvailableReplicas: Check = {
  id: 'workload-available-replicas',
  title: 'Workloads have all their replicas available',
  principle: 'live-health',
  severity: 'major',
  basis: 'observed',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet'],
  rationale:
    'A workload with fewer available replicas than it asks for is running degraded: the missing pods are pending, crashing or failing readiness, and one more failure may take it down.',
  remediation: {
    summary:
      'Find why the missing pods are not available (kubectl rollout status, kubectl describe pod; the pod checks in this group usually name it), then fix that cause: often requests no node can meet, or a readiness probe that never passes. A progress deadline makes a stuck rollout visible.',
    snippet: `apiVersion: apps/v1
kind: Deployment
spec:
  progressDeadlineSeconds: 600
  template:
    spec:
      containers:
        - name: api
          resources:
            requests: { cpu: 250m, memory: 256Mi }
          readinessProbe:
            httpGet: { path: /healthz/ready, port: http }`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status',
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload) => {
      const status = workload.object.status as WorkloadStatus | undefined;
      // A manifest has no status: there is no live state to report on.
      if (!status || typeof status !== 'object' || Object.keys(status).length === 0) return [];
      const counts = countsOf(workload, status);
      return counts ? [grade(workload, counts)] : [];
    });
  },
};
