import type { SecretSummary } from '../../../k8s/objects';

/** The Secret types the kubelet reads registry credentials from. */
export const PULL_SECRET_TYPES: ReadonlySet<string> = new Set(['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg']);

/** A Secret's type as the API server stores it: a manifest that names none gets Opaque. */
export function secretTypeOf(secret: SecretSummary): string {
  return secret.type || 'Opaque';
}
