import { tagPinning } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { imageContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

/** Why an image reference floats (no tag, latest, a branch, a flavour, a major version), or undefined when it is pinned. */
export function unpinnedReason(image: string): string | undefined {
  const pinning = tagPinning(image);
  return pinning.level === 'floating' ? pinning.reason : undefined;
}

/** Why a `major.minor` tag only half pins an image, or undefined when it floats further or is pinned. */
export function patchFloatingReason(image: string): string | undefined {
  const pinning = tagPinning(image);
  return pinning.level === 'minor' ? pinning.reason : undefined;
}

export const imageTagPinned: Check = {
  id: 'image-tag-pinned',
  title: 'Images are pinned to a version tag or digest',
  principle: 'trusted-registries',
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'An image without a tag, or tagged latest, a branch (master), a flavour (alpine) or a major version (3), changes under a running workload: two replicas may run different code and a rollback has nothing to return to. A major.minor tag moves only with patch rebuilds, a smaller risk.',
  remediation: {
    summary:
      'Reference every image by a full version tag, or better by digest (a tag may be kept beside it for readers); a flavour goes after the version (1.27.3-alpine).',
    snippet: `containers:
  - name: api
    image: registry.example.com/payments/api:1.4.2@sha256:<digest>`,
  },
  docs: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload) => {
      const containers = imageContainersOf(workload);
      if (containers.length === 0) return [];
      const floating: string[] = [];
      const patchFloating: string[] = [];
      for (const container of containers) {
        const pinning = tagPinning(container.image);
        if (pinning.level === 'pinned') continue;
        (pinning.level === 'floating' ? floating : patchFloating).push(`${container.name} (${container.image}: ${pinning.reason})`);
      }
      if (floating.length > 0) return [failFinding(workload.object, `unpinned image on container ${floating.join(', ')}`)];
      // A release line's patch rebuilds are a smaller, usually wanted drift: a warning, not a go-live blocker.
      if (patchFloating.length > 0)
        return [failFinding(workload.object, `image pinned to a release line only on container ${patchFloating.join(', ')}`, 'warn')];
      return [passFinding(workload.object, 'every image has a digest or a tag naming a full release')];
    });
  },
};
