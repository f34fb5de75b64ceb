import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container, Probe } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { runningContainersOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

const PROBES = [
  ['readinessProbe', 'readiness'],
  ['livenessProbe', 'liveness'],
  ['startupProbe', 'startup'],
] as const;

/** The port a network probe connects to; undefined for exec probes (and probes aimed at another host). */
function probedPort(probe: Probe): number | string | undefined {
  const fields = probe as Probe & { httpGet?: { host?: string }; tcpSocket?: { host?: string } };
  if (fields.httpGet) return fields.httpGet.host ? undefined : fields.httpGet.port;
  if (fields.tcpSocket) return fields.tcpSocket.host ? undefined : fields.tcpSocket.port;
  return fields.grpc?.port;
}

interface PortProblem {
  status: 'pass' | 'warn' | 'fail';
  message: string;
}

/**
 * What to say about the port a probe names. A name must be one of the probed container's own
 * declared port names: the kubelet resolves it there only, so any other name fails the probe on
 * every attempt. A number needs no declaration (`ports` is informational; the kubelet probes the
 * number as it is): it is noted, and warned about only when another container of the pod
 * declares it, for the probe then checks that container, not its own. Undefined: nothing to say.
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
      message: `${kind} probe of container ${container.name} uses port name ${port}, which it does not declare${owner ? ` (container ${owner} does; the kubelet only looks at the probed container)` : ''}, so it fails on every attempt`,
    };
  }
  const number = Number(port);
  if (declared.some((entry) => entry.containerPort === number)) return undefined;
  const owner = elsewhere((entry) => entry.containerPort === number);
  if (owner)
    return {
      status: 'warn',
      message: `${kind} probe of container ${container.name} uses port ${number}, which container ${owner} declares: it checks ${owner}, not ${container.name}`,
    };
  return {
    status: 'pass',
    message: `${kind} probe of container ${container.name} uses port ${number}, which it does not list in ports (allowed)`,
  };
}

export const probePortDeclared: Check = {
  id: 'probe-port-declared',
  title: 'Probes name ports their container declares',
  principle: 'probes',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A probe whose port name the container does not declare fails on every attempt: pods never become ready or are restarted in a loop. A number needs no declaration, but one that another container of the pod declares probes that container instead.',
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
      const notes = problems.filter((problem) => problem.status === 'pass').map((problem) => problem.message);
      const flagged = problems.filter((problem) => problem.status !== 'pass');
      if (flagged.length === 0) {
        const message = 'every named probe port is declared by its container';
        return [passFinding(workload.object, notes.length > 0 ? `${message}; ${notes.join('; ')}` : message)];
      }
      const status = flagged.some((problem) => problem.status === 'fail') ? 'fail' : 'warn';
      return [failFinding(workload.object, flagged.map((problem) => problem.message).join('; '), status)];
    });
  },
};
