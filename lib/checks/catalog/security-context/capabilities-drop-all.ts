import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { capabilitiesOf, containersNamed, containersOf, normaliseCapability } from '../../helpers/workloads';
import type { Check } from '../../types';
import { namesByRoot } from './root';

/**
 * Does the container drop every capability? The runtime reads `all`, `ALL` and `CAP_ALL` alike
 * (see normaliseCapability); a list of single capabilities does not count, however long.
 */
export function dropsAll(container: Container): boolean {
  return capabilitiesOf(container).drop.includes('ALL');
}

/** Drops all capabilities, but not spelled `ALL`, the one spelling Pod Security's restricted profile admits. */
function dropsAllUnder(container: Container): string | undefined {
  const drop = container.securityContext?.capabilities?.drop;
  if (!dropsAll(container) || !Array.isArray(drop) || drop.includes('ALL')) return undefined;
  return drop.find((entry) => typeof entry === 'string' && normaliseCapability(entry) === 'ALL');
}

export const capabilitiesDropAll: Check = {
  id: 'capabilities-drop-all',
  title: 'Containers drop all capabilities',
  principle: 'security-context',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'The container runtime grants a default set of Linux capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE…) that almost no app uses and that help an intruder who gets root; dropping ALL and adding back the one or two needed is the restricted Pod Security profile.',
  remediation: {
    summary:
      'Add capabilities.drop: ["ALL"] to every container’s securityContext and add back only what the app needs (NET_BIND_SERVICE for ports below 1024).',
    snippet: `containers:
  - name: api
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: ["ALL"]`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const containers = containersOf(workload, { includeInit: true });
      const keeping = containers.filter((container) => !dropsAll(container));
      if (keeping.length === 0) {
        // The runtime drops everything either way; the spelling matters only where restricted Pod Security is enforced.
        const spelled = containers.flatMap((container) => {
          const spelling = dropsAllUnder(container);
          return spelling ? [`${container.name} writes "${spelling}"`] : [];
        });
        return passFinding(
          workload.object,
          spelled.length > 0
            ? `every container drops ALL capabilities (${spelled.join(', ')}: the runtime reads it as ALL, but the restricted Pod Security profile admits only the exact "ALL")`
            : 'every container drops ALL capabilities',
        );
      }
      // The default capabilities are the root user's: for a non-root process they are defence in depth, for root they are real.
      const { asRoot, nonRoot } = namesByRoot(keeping, workload.template.spec);
      const parts: string[] = [];
      if (asRoot.length > 0) parts.push(`runtime's default capabilities kept by ${containersNamed(asRoot)}, which may run as root`);
      if (nonRoot.length > 0) parts.push(`capabilities not dropped (no drop: ["ALL"]) on ${containersNamed(nonRoot)}`);
      const fix = containersPatchFix(
        workload,
        keeping.map((container) => container.name),
        { securityContext: { capabilities: { drop: ['ALL'] } } },
        'Drops every capability; add back only those the app needs under capabilities.add (NET_BIND_SERVICE for a port below 1024).',
      );
      return { ...failFinding(workload.object, parts.join('; '), asRoot.length > 0 ? 'fail' : 'warn'), ...fix };
    });
  },
};
