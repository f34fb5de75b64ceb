import { objectsOf } from '../../inventory';
import type { SecretSummary } from '../../k8s/objects';
import { WORKLOAD_KINDS } from '../../k8s/objects';
import { parseImageReference, registryInList } from '../image-reference';
import type { Check, ObjectFinding } from '../types';
import { containersOf, failFinding, passFinding, serviceAccountNameOf } from '../workload-helpers';

const PULL_SECRET_TYPES = new Set(['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg']);

function namesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) => (entry && typeof entry === 'object' ? (entry as { name?: unknown }).name : undefined))
    .filter((name): name is string => typeof name === 'string' && name !== '');
}

export const imagePullSecret: Check = {
  id: 'image-pull-secret',
  title: 'Private images have a working pull secret',
  principle: 'registry-auth',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'ServiceAccount', 'Secret'],
  rationale:
    'A private registry only serves images to clients that authenticate; without a matching pull secret pods stay in ImagePullBackOff, often only when a new node first pulls the image.',
  remediation: {
    summary:
      'Create a kubernetes.io/dockerconfigjson Secret for the registry and reference it from the pod’s imagePullSecrets or, for every pod at once, from its ServiceAccount.',
    snippet: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
imagePullSecrets:
  - name: registry-example-com  # type kubernetes.io/dockerconfigjson, auths for registry.example.com`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/',
  evaluate({ namespace, config }) {
    const secrets = new Map(objectsOf(namespace, 'Secret').map((secret) => [secret.metadata.name, secret as SecretSummary]));
    const serviceAccounts = new Map(objectsOf(namespace, 'ServiceAccount').map((account) => [account.metadata.name, account]));
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      const privateHosts = new Set<string>();
      for (const container of containersOf(workload, { includeInit: true })) {
        if (!container.image) continue;
        const { registry } = parseImageReference(container.image);
        if (!registryInList(registry, config.publicRegistries)) privateHosts.add(registry.toLowerCase());
      }
      if (privateHosts.size === 0) continue;
      const hosts = [...privateHosts].sort().join(', ');
      const accountName = serviceAccountNameOf(workload);
      const fromPod = namesOf(workload.template.spec.imagePullSecrets);
      const fromAccount = namesOf(serviceAccounts.get(accountName)?.imagePullSecrets);
      const names = [...new Set([...fromPod, ...fromAccount])];
      if (names.length === 0) {
        findings.push(
          failFinding(
            workload.object,
            `pulls from private registry ${hosts} but neither the pod spec nor ServiceAccount ${accountName} has imagePullSecrets`,
          ),
        );
        continue;
      }
      const missing = names.filter((name) => !secrets.has(name));
      if (missing.length > 0) {
        findings.push(failFinding(workload.object, `imagePullSecret ${missing.join(', ')} does not exist in this namespace`));
        continue;
      }
      const usable = names.map((name) => secrets.get(name) as SecretSummary).filter((secret) => PULL_SECRET_TYPES.has(secret.type ?? ''));
      const wrongType = names.filter((name) => !PULL_SECRET_TYPES.has(secrets.get(name)?.type ?? ''));
      const problems: string[] = [];
      if (wrongType.length > 0) problems.push(`imagePullSecret ${wrongType.join(', ')} is not of type kubernetes.io/dockerconfigjson`);
      // A pull secret whose hosts could not be read may cover any registry; one that lists hosts must list this one.
      const uncovered = [...privateHosts].filter(
        (host) =>
          usable.length > 0 &&
          !usable.some((secret) => !secret.registryHosts?.length || secret.registryHosts.some((listed) => listed.toLowerCase() === host)),
      );
      if (uncovered.length > 0)
        problems.push(`no imagePullSecret has credentials for registry ${uncovered.sort().join(', ')} (${names.join(', ')} checked)`);
      if (problems.length > 0) {
        findings.push(failFinding(workload.object, problems.join('; '), 'warn'));
        continue;
      }
      const where = [fromPod.length > 0 ? 'the pod spec' : '', fromAccount.length > 0 ? `ServiceAccount ${accountName}` : '']
        .filter(Boolean)
        .join(' and ');
      findings.push(passFinding(workload.object, `pulls from ${hosts} with imagePullSecret ${names.join(', ')} (from ${where})`));
    }
    return findings;
  },
};
