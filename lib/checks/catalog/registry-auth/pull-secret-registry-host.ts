import { objectsOf } from '../../../inventory';
import { credentialCoversHost, privateRegistryHosts } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { imagesOf, pullSecretRefsOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';
import { PULL_SECRET_TYPES, secretTypeOf } from './pull-secrets';

export const pullSecretRegistryHost: Check = {
  id: 'pull-secret-registry-host',
  title: 'Pull secrets hold credentials for the image’s registry',
  principle: 'registry-auth',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'ServiceAccount', 'Secret'],
  rationale:
    'The kubelet picks credentials by registry host (and port): a pull secret made for another registry, or for the same host on another port, is not used and the private image cannot be pulled.',
  remediation: {
    summary:
      'Add an auths entry for the image’s exact registry host (with its port, if the image names one) to a pull secret the pod uses. Shipshape reads only the host names, never the credentials.',
    snippet: `kubectl create secret docker-registry registry-example-com \\
  --docker-server=registry.example.com:5000 \\
  --docker-username=<user> --docker-password=<token>`,
  },
  docs: 'https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod',
  evaluate({ namespace, config }) {
    const secrets = new Map(objectsOf(namespace, 'Secret').map((secret) => [secret.metadata.name, secret]));
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      const privateHosts = privateRegistryHosts(imagesOf(workload), config.publicRegistries);
      if (privateHosts.length === 0) continue;
      // Missing or mistyped Secrets are other checks' findings; only usable credentials have hosts to compare.
      const usable = pullSecretRefsOf(workload, namespace).names.flatMap((name) => {
        const secret = secrets.get(name);
        return secret && PULL_SECRET_TYPES.has(secretTypeOf(secret)) ? [secret] : [];
      });
      if (usable.length === 0) continue;
      const coveredBy = (host: string) =>
        usable.filter((secret) => (secret.registryHosts ?? []).some((entry) => credentialCoversHost(entry, host)));
      const uncovered = privateHosts.filter((host) => coveredBy(host).length === 0);
      if (uncovered.length === 0) {
        const pairs = privateHosts.map(
          (host) =>
            `${host} (${coveredBy(host)
              .map((secret) => secret.metadata.name)
              .join(', ')})`,
        );
        findings.push(passFinding(workload.object, `has credentials for ${pairs.join(', ')}`));
        continue;
      }
      const held = usable
        .map((secret) => {
          const hosts = secret.registryHosts ?? [];
          return `${secret.metadata.name} has ${hosts.length > 0 ? hosts.join(', ') : 'no registry'}`;
        })
        .join('; ');
      findings.push(failFinding(workload.object, `no imagePullSecret has credentials for registry ${uncovered.join(', ')} (${held})`));
    }
    return findings;
  },
};
