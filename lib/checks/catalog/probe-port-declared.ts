import type { Container, Probe } from '../../k8s/objects';
import { WORKLOAD_KINDS } from '../../k8s/objects';
import type { Check, ObjectFinding } from '../types';
import { failFinding, passFinding, runningContainersOf } from '../workload-helpers';

const PROBES = [
  ['readinessProbe', 'readiness'],
  ['livenessProbe', 'liveness'],
  ['startupProbe', 'startup'],
] as const;

interface PortProblem {
  status: 'warn' | 'fail';
  message: string;
}

/** The port a network probe connects to; undefined for exec probes (and probes aimed at another host). */
function probedPort(probe: Probe): number | string | undefined {
  const fields = probe as Probe & { httpGet?: { host?: string }; tcpSocket?: { host?: string } };
  if (fields.httpGet) return fields.httpGet.host ? undefined : fields.httpGet.port;
  if (fields.tcpSocket) return fields.tcpSocket.host ? undefined : fields.tcpSocket.port;
  return fields.grpc?.port;
}

/**
 * Does the probe's port name a port the container declares? The kubelet resolves a named port
 * among the probed container's own ports only, so a missing name fails the probe every time;
 * an undeclared number works but probes something the manifest does not say is there.
 */
export function probePortProblem(
  container: Container,
  siblings: readonly Container[],
  kind: string,
  port: number | string,
): PortProblem | undefined {
  const declared = container.ports ?? [];
  const elsewhere = (match: (entry: { name?: string; containerPort: number }) => boolean) =>
    siblings.find((sibling) => sibling !== container && (sibling.ports ?? []).some(match))?.name;
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    if (declared.some((entry) => entry.name === port)) return undefined;
    const owner = elsewhere((entry) => entry.name === port);
    return {
      status: 'fail',
      message: `${kind} probe of container ${container.name} uses port name ${port}, which it does not declare${owner ? ` (container ${owner} does; the kubelet only looks at the probed container)` : ''}`,
    };
  }
  const number = Number(port);
  if (declared.some((entry) => entry.containerPort === number)) return undefined;
  const owner = elsewhere((entry) => entry.containerPort === number);
  return {
    status: 'warn',
    message: `${kind} probe of container ${container.name} uses port ${number}, which ${owner ? `only container ${owner} declares` : 'no container declares'}`,
  };
}

export const probePortDeclared: Check = {
  id: 'probe-port-declared',
  title: 'Probes point at a declared container port',
  principle: 'probes',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A probe whose port name the container does not declare fails on every attempt: pods never become ready or are restarted in a loop. A probe on an undeclared number often means the app moved to another port and the probe was left behind.',
  remediation: {
    summary: 'Declare the port in the container’s ports list with a name, and refer to it by that name in every probe.',
    snippet: `containers:
  - name: api
    ports:
      - name: http
        containerPort: 8080
    readinessProbe:
      httpGet:
        path: /healthz/ready
        port: http`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port',
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload): ObjectFinding[] => {
      const containers = runningContainersOf(workload);
      const problems: PortProblem[] = [];
      let probed = 0;
      for (const container of containers) {
        for (const [field, kind] of PROBES) {
          const probe = container[field];
          const port = probe ? probedPort(probe) : undefined;
          if (port === undefined) continue;
          probed += 1;
          const problem = probePortProblem(container, containers, kind, port);
          if (problem) problems.push(problem);
        }
      }
      if (probed === 0) return [];
      if (problems.length === 0) return [passFinding(workload.object, 'every probe uses a port its container declares')];
      const status = problems.some((problem) => problem.status === 'fail') ? 'fail' : 'warn';
      return [failFinding(workload.object, problems.map((problem) => problem.message).join('; '), status)];
    });
  },
};
