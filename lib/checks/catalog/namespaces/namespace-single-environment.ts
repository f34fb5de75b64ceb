import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { KubeObject } from '../../../k8s/objects';
import { hasController, isClusterProvided } from '../../../k8s/semantics';
import { failFinding, namespaceSubject, passFinding } from '../../findings';
import type { Check } from '../../types';

/** Spellings of one environment, so `env: prod` and `environment: production` are not read as two. */
const ALIASES: Record<string, string> = {
  prod: 'production',
  prd: 'production',
  live: 'production',
  stage: 'staging',
  stg: 'staging',
  dev: 'development',
  develop: 'development',
  test: 'testing',
  tst: 'testing',
};

function environmentName(value: string): string {
  const normalised = value.trim().toLowerCase();
  return ALIASES[normalised] ?? normalised;
}

/** Kinds whose objects are looked at (with the Namespace itself): what teams label, never what controllers make. */
const LABELLED_KINDS = [...WORKLOAD_KINDS, 'Service', 'Ingress', 'ConfigMap'] as const;

type Labels = Record<string, string> | undefined;

/** An object's own labels and, for workloads, its pod template's (a CronJob's job and pod templates too). */
function labelSetsOf(object: KubeObject): Labels[] {
  const spec = object.spec as
    | {
        template?: { metadata?: { labels?: Labels } };
        jobTemplate?: { metadata?: { labels?: Labels }; spec?: { template?: { metadata?: { labels?: Labels } } } };
      }
    | undefined;
  return [
    object.metadata.labels,
    spec?.template?.metadata?.labels,
    spec?.jobTemplate?.metadata?.labels,
    spec?.jobTemplate?.spec?.template?.metadata?.labels,
  ];
}

export const namespaceSingleEnvironment: Check = {
  id: 'namespace-single-environment',
  title: 'A namespace holds one environment',
  principle: 'namespaces',
  severity: 'major',
  targets: ['Namespace'],
  reads: ['Namespace', ...LABELLED_KINDS],
  rationale:
    'Quotas, RBAC and network policies apply to a whole namespace: when staging and production share one, a staging experiment can exhaust production’s quota or reach its pods and Secrets.',
  remediation: {
    summary: 'Give each environment its own namespace (e.g. payments-staging, payments-production), and label the namespace with it.',
    snippet: `apiVersion: v1
kind: Namespace
metadata:
  name: payments-production
  labels:
    environment: production`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#when-to-use-multiple-namespaces',
  evaluate({ namespace, config }) {
    const objects: KubeObject[] = [];
    if (namespace.namespaceObject) objects.push(namespace.namespaceObject);
    for (const kind of LABELLED_KINDS) {
      // Controller-made objects (a CronJob's Jobs, a ReplicaSet's Pods) repeat their controller's labels;
      // Kubernetes' own objects carry none. Both exist only in live clusters, so they are skipped.
      for (const object of objectsOf(namespace, kind)) if (!hasController(object) && !isClusterProvided(object)) objects.push(object);
    }
    const seen = new Map<string, string[]>();
    for (const object of objects) {
      const where = `${object.kind} ${object.metadata.name}`;
      for (const labels of labelSetsOf(object)) {
        for (const key of config.environmentLabelKeys) {
          const value = labels?.[key];
          if (typeof value !== 'string' || value.trim() === '') continue;
          const name = environmentName(value);
          const objectsSaying = seen.get(name) ?? [];
          if (!objectsSaying.includes(where)) objectsSaying.push(where);
          seen.set(name, objectsSaying);
        }
      }
    }
    if (seen.size === 0) return [];
    const subject = namespaceSubject(namespace);
    if (seen.size === 1) {
      const [name] = [...seen.keys()];
      return [passFinding(subject, `every environment label says ${name}`)];
    }
    const described = [...seen.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, where]) => `${name} (${where.slice(0, 3).join(', ')}${where.length > 3 ? ` and ${where.length - 3} more` : ''})`);
    return [failFinding(subject, `objects here are labelled with ${seen.size} environments: ${described.join('; ')}`)];
  },
};
