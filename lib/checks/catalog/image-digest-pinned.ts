import { WORKLOAD_KINDS } from '../../k8s/objects';
import { parseImageReference } from '../image-reference';
import type { Check } from '../types';
import { containersOf, failFinding, passFinding } from '../workload-helpers';

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
      const byTag: string[] = [];
      let graded = 0;
      for (const container of containersOf(workload, { includeInit: true })) {
        if (!container.image) continue;
        graded += 1;
        if (!parseImageReference(container.image).digest) byTag.push(`${container.name} (${container.image})`);
      }
      if (graded === 0) return [];
      // Advice, not a defect: a version tag is an acceptable pin (image-tag-pinned), a digest a stronger one.
      if (byTag.length > 0) return [failFinding(workload.object, `image not pinned by digest on container ${byTag.join(', ')}`, 'warn')];
      return [passFinding(workload.object, 'every image is pinned by digest')];
    });
  },
};
