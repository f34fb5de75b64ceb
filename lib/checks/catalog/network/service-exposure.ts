import { objectsOf } from '../../../inventory';
import type { ObjectOf } from '../../../k8s/objects';
import { isClusterProvided } from '../../../k8s/semantics';
import { failFinding, passFinding } from '../../findings';
import type { Check, ObjectFinding } from '../../types';

type ServiceSpec = NonNullable<ObjectOf<'Service'>['spec']>;

/** `80/TCP, 443/TCP`; protocol as the API server defaults it. Node port numbers are left out: a cluster picks them at random. */
function portList(spec: ServiceSpec): string {
  const ports = (spec.ports ?? []).map((port) => `${port.port ?? '?'}/${port.protocol ?? 'TCP'}`);
  return ports.length > 0 ? ports.join(', ') : 'no ports yet';
}

export const serviceExposure: Check = {
  id: 'service-exposure',
  title: 'Services stay inside the cluster unless exposure is meant',
  principle: 'network',
  severity: 'major',
  targets: ['Service'],
  reads: ['Service'],
  rationale:
    'A NodePort Service opens its port on every node and a LoadBalancer one puts it on an external address, bypassing the Ingress where TLS, authentication and rate limits usually live; each such exposure should be a decision, not a default.',
  remediation: {
    summary:
      'Use type ClusterIP and publish through an Ingress or Gateway; when a load balancer is really needed, restrict it with loadBalancerSourceRanges or make it internal, and waive this check with the reason.',
    snippet: `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: api
  ports:
    - name: http
      port: 80
      targetPort: http`,
  },
  docs: 'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  evaluate({ namespace }) {
    // The `kubernetes` Service of a live cluster's default namespace is Kubernetes' own, not the team's.
    return objectsOf(namespace, 'Service')
      .filter((service) => !isClusterProvided(service))
      .map((service): ObjectFinding => {
        const spec: ServiceSpec = service.spec ?? {};
        const type = spec.type ?? 'ClusterIP';
        const externalIPs = spec.externalIPs ?? [];
        if (type === 'LoadBalancer') {
          const ranges = spec.loadBalancerSourceRanges ?? [];
          const from = ranges.length > 0 ? `to ${ranges.join(', ')}` : 'to any address';
          const nodePorts = spec.allocateLoadBalancerNodePorts === false ? '' : ', and opens a node port for each on every node';
          return failFinding(service, `type LoadBalancer exposes ${portList(spec)} outside the cluster ${from}${nodePorts}`, 'warn');
        }
        if (type === 'NodePort') return failFinding(service, `type NodePort opens ${portList(spec)} on every node's address`, 'warn');
        if (externalIPs.length > 0)
          return failFinding(service, `externalIPs ${externalIPs.join(', ')} receive ${portList(spec)} from outside the cluster`, 'warn');
        if (type === 'ExternalName') return passFinding(service, 'type ExternalName: an alias for an outside name, exposes nothing');
        return passFinding(service, `type ${type}: reachable only inside the cluster`);
      });
  },
};
