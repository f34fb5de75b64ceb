import { objectsOf } from '../../../inventory';
import { privateRegistryHosts } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { imagesOf, missingSecretNote, pullSecretRefsOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

export const pullSecretExists: Check = {
  id: 'pull-secret-exists',
  title: 'Referenced imagePullSecrets exist',
  principle: 'registry-auth',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'ServiceAccount', 'Secret'],
  rationale:
    'The kubelet silently skips an imagePullSecret that does not exist and pulls anonymously, so a private image fails with ImagePullBackOff while the manifest looks right. Manifests seldom hold the Secret itself: there a missing one is a reminder, in a cluster a failure.',
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
  evaluate({ namespace, inventory, config }) {
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
      const notes = missing.map((name) => ({ name, ...missingSecretNote(inventory, namespace, name) }));
      const listed = notes.map((note) => `${note.name} (named by ${where(note.name)}) ${note.text}`).join('; ');
      const privateHosts = privateRegistryHosts(imagesOf(workload), config.publicRegistries);
      if (notes.every((note) => note.absentFromFiles)) {
        const consequence =
          privateHosts.length === 0
            ? 'its images are public, so pulls work without it'
            : missing.length === names.length
              ? `without it, ${privateHosts.join(', ')} is pulled from without credentials`
              : 'without it, only the other pull secrets are used';
        findings.push(
          failFinding(workload.object, `imagePullSecret ${listed}; make sure it exists in the namespace (${consequence})`, 'warn'),
        );
        continue;
      }
      // Fail only when no credential is surely left for a private registry: with public images the dangling
      // name is clutter, and with another pull secret pulls may still work (pull-secret-registry-host says).
      const definite = notes.filter((note) => note.status === 'fail');
      if (privateHosts.length > 0 && definite.length === names.length) {
        findings.push(
          failFinding(workload.object, `imagePullSecret ${listed}, so ${privateHosts.join(', ')} is pulled from without credentials`),
        );
      } else {
        const consequence = privateHosts.length > 0 ? 'only the other pull secrets are used' : 'its images are public, so pulls still work';
        findings.push(failFinding(workload.object, `imagePullSecret ${listed} (${consequence})`, 'warn'));
      }
    }
    return findings;
  },
};
