import { WORKLOAD_KINDS } from '../../k8s/objects';
import { parseImageReference } from '../image-reference';
import type { Check } from '../types';
import { failFinding, imageContainersOf, passFinding } from '../workload-helpers';

/** Why an image reference is not pinned, or undefined when a digest or a non-latest tag pins it. */
export function unpinnedReason(image: string): string | undefined {
  const { tag, digest } = parseImageReference(image);
  // A digest pins the image whatever the tag says: the kubelet pulls by digest.
  if (digest) return undefined;
  if (!tag) return 'no tag (defaults to latest)';
  if (tag === 'latest') return 'tag latest';
  return undefined;
}

export const imageTagPinned: Check = {
  id: 'image-tag-pinned',
  title: 'Images are pinned to a version tag or digest',
  principle: 'trusted-registries',
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'An image without a tag, or tagged latest, can change under a running workload: two replicas may run different code and a rollback has nothing to return to.',
  remediation: {
    summary: 'Reference every image by an immutable version tag, or better by digest (a tag may be kept beside it for readers).',
    snippet: `containers:
  - name: api
    image: registry.example.com/payments/api:1.4.2@sha256:<digest>`,
  },
  docs: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload) => {
      const containers = imageContainersOf(workload);
      if (containers.length === 0) return [];
      const unpinned = containers.flatMap((container) => {
        const reason = unpinnedReason(container.image);
        return reason ? [`${container.name} (${container.image}: ${reason})`] : [];
      });
      if (unpinned.length > 0) return [failFinding(workload.object, `unpinned image on container ${unpinned.join(', ')}`)];
      return [passFinding(workload.object, 'every image is pinned to a version tag or digest')];
    });
  },
};
