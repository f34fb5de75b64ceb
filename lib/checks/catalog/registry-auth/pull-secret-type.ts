import { objectsOf } from '../../../inventory';
import { privateRegistryHosts } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { imagesOf, pullSecretRefsOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';
import { PULL_SECRET_TYPES, secretTypeOf } from './pull-secrets';

export const pullSecretType: Check = {
  id: 'pull-secret-type',
  title: 'imagePullSecrets are registry credentials',
  principle: 'registry-auth',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'ServiceAccount', 'Secret'],
  rationale:
    'The kubelet only reads credentials from Secrets of type kubernetes.io/dockerconfigjson (or the legacy kubernetes.io/dockercfg); an Opaque Secret named as a pull secret is ignored and the image is pulled without credentials.',
  remediation: {
    summary: 'Recreate the pull secret with kubectl create secret docker-registry, which gives it the right type and key.',
    snippet: `apiVersion: v1
kind: Secret
metadata:
  name: registry-example-com
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: <base64 of {"auths":{"registry.example.com":{"auth":"..."}}}>`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/secret/#docker-config-secrets',
  evaluate({ namespace, config }) {
    const secrets = new Map(objectsOf(namespace, 'Secret').map((secret) => [secret.metadata.name, secret]));
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      // Missing Secrets are pull-secret-exists' finding; only the ones that exist have a type to grade.
      const existing = pullSecretRefsOf(workload, namespace).names.flatMap((name) => {
        const secret = secrets.get(name);
        return secret ? [secret] : [];
      });
      if (existing.length === 0) continue;
      const wrong = existing.filter((secret) => !PULL_SECRET_TYPES.has(secretTypeOf(secret)));
      if (wrong.length === 0) {
        findings.push(
          passFinding(
            workload.object,
            `imagePullSecret ${existing.map((secret) => secret.metadata.name).join(', ')} holds registry credentials`,
          ),
        );
        continue;
      }
      const listed = wrong.map((secret) => `${secret.metadata.name} is of type ${secretTypeOf(secret)}`).join(', ');
      const privateHosts = privateRegistryHosts(imagesOf(workload), config.publicRegistries);
      const message = `imagePullSecret ${listed}, not kubernetes.io/dockerconfigjson, so the kubelet ignores it`;
      findings.push(
        failFinding(
          workload.object,
          privateHosts.length > 0 ? message : `${message} (its images are public)`,
          privateHosts.length > 0 ? 'fail' : 'warn',
        ),
      );
    }
    return findings;
  },
};
