import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

type ContainerPort = { containerPort: number; hostPort?: number; protocol?: string };

export const hostPorts: Check = {
  id: 'host-ports',
  title: 'Containers bind no host ports',
  principle: 'security-context',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A hostPort opens the port on the node’s own address, outside Services and often outside NetworkPolicy, and allows only one such pod per node, so rollouts and rescheduling stall.',
  remediation: {
    summary: 'Remove hostPort and reach the pods through a Service (ClusterIP behind an Ingress or a load balancer).',
    snippet: `containers:
  - name: api
    ports:
      - name: http
        containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app.kubernetes.io/name: api
  ports:
    - name: http
      port: 80
      targetPort: http`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/overview/#services',
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      // With hostNetwork every port is a node port; the API server even fills hostPort in on Pods, not on templates.
      const hostNetwork = workload.template.spec.hostNetwork === true;
      const offending = containersOf(workload, { includeInit: true }).flatMap((container) => {
        const ports = ((container.ports ?? []) as ContainerPort[])
          .filter((port) => hostNetwork || (typeof port.hostPort === 'number' && port.hostPort > 0))
          .map((port) => `${hostNetwork ? port.containerPort : port.hostPort}/${port.protocol ?? 'TCP'}`);
        return ports.length > 0 ? [`container ${container.name} on ${ports.join(', ')}`] : [];
      });
      if (offending.length === 0) return passFinding(workload.object, 'no container binds a port on the node');
      return failFinding(workload.object, `binds node ports${hostNetwork ? ' (hostNetwork)' : ''}: ${offending.join('; ')}`);
    });
  },
};
