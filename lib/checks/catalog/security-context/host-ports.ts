import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix } from '../../helpers/fixes';
import { containersOf } from '../../helpers/workloads';
import type { Check, JsonObject } from '../../types';

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
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      // With hostNetwork every port is a node port; the API server even fills hostPort in on Pods, not on templates.
      const hostNetwork = workload.template.spec.hostNetwork === true;
      // Ports are merged by containerPort: naming it with hostPort null removes the node port and keeps the rest.
      const unbound = new Map<string, JsonObject>();
      const offending = containersOf(workload, { includeInit: true }).flatMap((container) => {
        const all = (Array.isArray(container.ports) ? container.ports : []) as ContainerPort[];
        const bound = all.filter((port) => typeof port.hostPort === 'number' && port.hostPort > 0);
        const ports = all
          .filter((port) => hostNetwork || bound.includes(port))
          .map((port) => `${hostNetwork ? port.containerPort : port.hostPort}/${port.protocol ?? 'TCP'}`);
        // With hostNetwork the API server writes hostPort into a Pod itself: the fix turns hostNetwork off and
        // leaves the ports alone, so a manifest and the live Pod get the same fix.
        const keyed = hostNetwork ? [] : bound.filter((port) => typeof port.containerPort === 'number');
        if (keyed.length > 0)
          unbound.set(container.name, { ports: keyed.map((port) => ({ containerPort: port.containerPort, hostPort: null })) });
        return ports.length > 0 ? [`container ${container.name} on ${ports.join(', ')}`] : [];
      });
      if (offending.length === 0) return passFinding(workload.object, 'no container binds a port on the node');
      const fix = podPatchFix(
        workload,
        { ...(hostNetwork ? { pod: { hostNetwork: false } } : {}), containers: unbound },
        hostNetwork
          ? 'Takes the pod off the node’s network; then remove any hostPort its containers declare, and reach the pods through a Service.'
          : 'Stops binding ports on the node; reach the pods through a Service instead.',
      );
      return { ...failFinding(workload.object, `binds node ports${hostNetwork ? ' (hostNetwork)' : ''}: ${offending.join('; ')}`), ...fix };
    });
  },
};
