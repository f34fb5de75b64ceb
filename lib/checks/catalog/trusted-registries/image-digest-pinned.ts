import { parseImageReference } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { imageContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

export const imageDigestPinned: Check = {
  id: 'image-digest-pinned',
  title: 'Images are pinned by digest',
  principle: 'trusted-registries',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A version tag can be pushed again, by mistake or by an attacker with registry access; a digest names exactly one image, so every node runs the bytes that were reviewed.',
  remediation: {
    summary: 'Append the image digest to the reference (CI can resolve it at release time); the tag may stay for readers.',
    snippet: `containers:
  - name: api
    image: registry.example.com/payments/api:1.4.2@sha256:<digest>`,
  },
  docs: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload) => {
      const containers = imageContainersOf(workload);
      if (containers.length === 0) return [];
      const byTag = containers
        .filter((container) => !parseImageReference(container.image).digest)
        .map((container) => `${container.name} (${container.image})`);
      // Advice, not a defect: a version tag is an acceptable pin (image-tag-pinned), a digest a stronger one.
      if (byTag.length > 0) return [failFinding(workload.object, `image not pinned by digest on container ${byTag.join(', ')}`, 'warn')];
      return [passFinding(workload.object, 'every image is pinned by digest')];
    });
  },
};
