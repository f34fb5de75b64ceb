import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { hostPorts } from './host-ports';

function pod(hostNetwork: boolean, port: string) {
  return `apiVersion: v1
kind: Pod
metadata: { name: exporter, namespace: fixture }
spec:
  hostNetwork: ${hostNetwork}
  containers:
    - name: exporter
      image: quay.io/prometheus/node-exporter:v1.8.2
      ports: [${port}]
`;
}

describe('host-ports', () => {
  it('grades a hostNetwork pod the same before and after the API server fills in hostPort', () => {
    const manifest = findingsFor(hostPorts, pod(true, '{ name: metrics, containerPort: 9100 }'));
    const live = findingsFor(hostPorts, pod(true, '{ name: metrics, containerPort: 9100, hostPort: 9100, protocol: TCP }'));
    expect(manifest).toEqual(live);
    expect(manifest[0]?.status).toBe('fail');
    expect(manifest[0]?.message).toBe('binds node ports (hostNetwork): container exporter on 9100/TCP');
  });

  it('reports the host port, not the container port', () => {
    const [finding] = findingsFor(hostPorts, pod(false, '{ containerPort: 9100, hostPort: 19100, protocol: UDP }'));
    expect(finding?.message).toBe('binds node ports: container exporter on 19100/UDP');
  });

  it('passes container ports without a host port', () => {
    expect(findingsFor(hostPorts, pod(false, '{ containerPort: 9100 }'))[0]?.status).toBe('pass');
  });
});
