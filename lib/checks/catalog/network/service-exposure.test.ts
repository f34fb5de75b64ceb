import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { serviceExposure } from './service-exposure';

function service(spec: string, name = 'api', namespace = 'fixture') {
  return `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${namespace} }
spec:
${spec}
`;
}

describe('service-exposure', () => {
  it('gives a manifest and its live object the same finding, whatever node port the cluster picked', () => {
    const manifest = findingsFor(serviceExposure, service('  type: NodePort\n  ports: [{ port: 80 }]'));
    const live = findingsFor(
      serviceExposure,
      service(
        '  type: NodePort\n  clusterIP: 10.0.0.12\n  clusterIPs: [10.0.0.12]\n  externalTrafficPolicy: Cluster\n  sessionAffinity: None\n  ports: [{ port: 80, protocol: TCP, targetPort: 80, nodePort: 31234 }]',
      ),
    );
    expect(manifest).toEqual(live);
    expect(manifest[0]?.message).toBe("type NodePort opens 80/TCP on every node's address");
  });

  it('leaves out the kubernetes Service a live cluster has in default', () => {
    expect(findingsFor(serviceExposure, service('  ports: [{ port: 443 }]', 'kubernetes', 'default'), 'default')).toEqual([]);
  });

  it('warns on externalIPs and notes load balancer source ranges', () => {
    expect(findingsFor(serviceExposure, service('  externalIPs: [203.0.113.10]\n  ports: [{ port: 80 }]'))[0]?.status).toBe('warn');
    const [finding] = findingsFor(
      serviceExposure,
      service(
        '  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n  allocateLoadBalancerNodePorts: false\n  ports: [{ port: 443 }]',
      ),
    );
    expect(finding?.message).toBe('type LoadBalancer exposes 443/TCP outside the cluster to 10.0.0.0/8');
  });
});
