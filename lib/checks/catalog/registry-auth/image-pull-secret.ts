import { privateRegistryHosts } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { imagesOf, pullSecretRefsOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

export const imagePullSecret: Check = {
  id: 'image-pull-secret',
  title: 'Private images have an imagePullSecret',
  principle: 'registry-auth',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'ServiceAccount'],
  rationale:
    'A private registry only serves images to clients that authenticate; without a pull secret on the pod or its ServiceAccount, pods stay in ImagePullBackOff, often only when a new node first pulls the image.',
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
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      const privateHosts = privateRegistryHosts(imagesOf(workload), config.publicRegistries);
      if (privateHosts.length === 0) continue;
      const hosts = privateHosts.join(', ');
      // Whether the named Secrets exist, have the right type and cover these hosts is for the pull-secret-* checks.
      const { accountName, fromPod, fromAccount, names } = pullSecretRefsOf(workload, namespace);
      if (names.length === 0) {
        findings.push(
          failFinding(
            workload.object,
            `pulls from private registry ${hosts} but neither the pod spec nor ServiceAccount ${accountName} has imagePullSecrets`,
          ),
        );
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
