import { objectsOf } from '../../inventory';
import { WORKLOAD_KINDS } from '../../k8s/objects';
import { privateRegistryHosts } from '../image-reference';
import type { Check, ObjectFinding } from '../types';
import { failFinding, imagesOf, passFinding, pullSecretRefsOf } from '../workload-helpers';

export const pullSecretExists: Check = {
  id: 'pull-secret-exists',
  title: 'Referenced imagePullSecrets exist',
  principle: 'registry-auth',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'ServiceAccount', 'Secret'],
  rationale:
    'The kubelet silently skips an imagePullSecret that does not exist and pulls anonymously, so a private image fails with ImagePullBackOff while the manifest looks right.',
  remediation: {
    summary:
      'Create the pull secret in the workload’s namespace (Secrets are not shared across namespaces), or correct the name in imagePullSecrets.',
    snippet: `kubectl create secret docker-registry registry-example-com \\
  --namespace payments --docker-server=registry.example.com \\
  --docker-username=<user> --docker-password=<token>
# referenced as
imagePullSecrets:
  - name: registry-example-com`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/',
  evaluate({ namespace, config }) {
    const secretNames = new Set(objectsOf(namespace, 'Secret').map((secret) => secret.metadata.name));
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      const { accountName, fromPod, fromAccount, names } = pullSecretRefsOf(workload, namespace);
      if (names.length === 0) continue;
      const missing = names.filter((name) => !secretNames.has(name));
      if (missing.length === 0) {
        findings.push(passFinding(workload.object, `imagePullSecret ${names.join(', ')} exists`));
        continue;
      }
      const where = (name: string) =>
        fromPod.includes(name) ? 'the pod spec' : fromAccount.includes(name) ? `ServiceAccount ${accountName}` : '';
      const listed = missing.map((name) => `${name} (named by ${where(name)})`).join(', ');
      const privateHosts = privateRegistryHosts(imagesOf(workload), config.publicRegistries);
      // Fail only when no credential is left for a private registry: with public images the dangling
      // name is clutter, and with another existing pull secret pulls may still work (pull-secret-registry-host says).
      if (privateHosts.length > 0 && missing.length === names.length) {
        findings.push(
          failFinding(
            workload.object,
            `imagePullSecret ${listed} does not exist in this namespace, so ${privateHosts.join(', ')} is pulled from without credentials`,
          ),
        );
      } else {
        const consequence = privateHosts.length > 0 ? 'only the other pull secrets are used' : 'its images are public, so pulls still work';
        findings.push(failFinding(workload.object, `imagePullSecret ${listed} does not exist in this namespace (${consequence})`, 'warn'));
      }
    }
    return findings;
  },
};
