import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

/** The names a container's `env` list repeats, each once, in order of first repeat. */
export function duplicateEnvNames(env: unknown): string[] {
  if (!Array.isArray(env)) return [];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const entry of env) {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') continue;
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}

function hasEnvFrom(container: unknown): boolean {
  const envFrom = (container as { envFrom?: unknown }).envFrom;
  return Array.isArray(envFrom) && envFrom.length > 0;
}

export const envUniqueNames: Check = {
  id: 'env-unique-names',
  title: 'Containers set each environment variable once',
  principle: 'no-defaults',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'When a container lists the same variable twice the last entry silently wins, so the value a reviewer reads may not be the one that runs, and server-side apply rejects the list because env entries are keyed by name.',
  remediation: {
    summary:
      'Keep one entry per name in each container’s env; move shared values to a ConfigMap referenced with envFrom, and override them in env only once.',
    snippet: `containers:
  - name: api
    envFrom:
      - configMapRef:
          name: api-defaults
    env:
      - name: LOG_LEVEL
        value: info`,
  },
  docs: 'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const containers = containersOf(workload, { includeInit: true });
      const offending = containers.flatMap((container) => {
        const repeated = duplicateEnvNames(container.env);
        return repeated.length > 0 ? [`container ${container.name} repeats ${repeated.join(', ')}`] : [];
      });
      if (offending.length > 0) return failFinding(workload.object, `sets environment variables more than once: ${offending.join('; ')}`);
      // The keys envFrom brings in are the ConfigMap's or Secret's at start-up, not the manifest's: say they were not compared.
      const withEnvFrom = containers.filter(hasEnvFrom).map((container) => container.name);
      const note =
        withEnvFrom.length > 0 ? ` (envFrom of ${withEnvFrom.join(', ')} not compared: its keys are known only when the pod starts)` : '';
      return passFinding(workload.object, `every env name appears once per container${note}`);
    });
  },
};
