import { parseImageReference, referenceMatchesPattern } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { memoizePerOwner } from '../../../memo';
import type { CheckConfig } from '../../config/settings';
import { failFinding, passFinding } from '../../findings';
import { imageContainersOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

export type BaseImageVerdict = 'minimal' | 'full' | 'unknown';

function namesMinimalBase(reference: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => referenceMatchesPattern(reference, pattern));
}

/**
 * Classify one image: minimal when the reference or the declared base names a minimal
 * pattern (whole words of its path or tag, see referenceMatchesPattern), full when its
 * repository is a known full distribution, unknown otherwise.
 */
export function classifyBaseImage(image: string, declaredBase: string | undefined, config: CheckConfig): BaseImageVerdict {
  // A cluster runs the same few images in many workloads: each is classified once per
  // configuration (a declared base is rare, and classified as it comes).
  return declaredBase === undefined ? classifiedImage(config, image) : classifyUncached(image, declaredBase, config);
}

const classifiedImage = memoizePerOwner((config: CheckConfig, image: string) => classifyUncached(image, undefined, config));

function classifyUncached(image: string, declaredBase: string | undefined, config: CheckConfig): BaseImageVerdict {
  if (namesMinimalBase(image, config.minimalBasePatterns)) return 'minimal';
  if (declaredBase && namesMinimalBase(declaredBase, config.minimalBasePatterns)) return 'minimal';
  const repository = parseImageReference(image).repository.toLowerCase();
  const lastSegment = repository.slice(repository.lastIndexOf('/') + 1);
  return config.fullDistributionImages.some((name) => name.toLowerCase() === lastSegment) ? 'full' : 'unknown';
}

export const imageMinimalBase: Check = {
  id: 'image-minimal-base',
  title: 'Images are built on a minimal base',
  principle: 'minimal-images',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'A full distribution or language image ships shells, package managers and libraries the application never uses: each one is more to pull, more CVEs to patch and more tools for an attacker.',
  remediation: {
    summary:
      'Build on a distroless, alpine, slim or scratch base (a multi-stage build keeps compilers out), and declare a custom build’s base with the shipshape.dev/base-image annotation.',
    snippet: `spec:
  template:
    metadata:
      annotations:
        shipshape.dev/base-image: gcr.io/distroless/static
    spec:
      containers:
        - name: api
          image: gcr.io/distroless/static:nonroot`,
  },
  docs: 'https://kubernetes.io/docs/concepts/containers/images/',
  evaluate({ namespace, config }) {
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      const containers = imageContainersOf(workload);
      if (containers.length === 0) continue;
      const declaredBase = workload.template.metadata?.annotations?.[config.baseImageAnnotation];
      const full: string[] = [];
      const unknown: string[] = [];
      const minimal: string[] = [];
      for (const container of containers) {
        const verdict = classifyBaseImage(container.image, declaredBase, config);
        const label = `${container.name} (${container.image})`;
        if (verdict === 'full') full.push(label);
        else if (verdict === 'unknown') unknown.push(label);
        else minimal.push(container.name);
      }
      const parts: string[] = [];
      if (full.length > 0) parts.push(`full distribution image on container ${full.join(', ')}`);
      if (unknown.length > 0)
        parts.push(`base image unknown on container ${unknown.join(', ')}; declare it with the ${config.baseImageAnnotation} annotation`);
      if (parts.length === 0) {
        findings.push(
          passFinding(
            workload.object,
            minimal.length === 1
              ? `container ${minimal[0]} uses a minimal base image`
              : `containers ${minimal.join(', ')} use minimal base images`,
          ),
        );
        continue;
      }
      findings.push(failFinding(workload.object, parts.join('; '), full.length > 0 ? 'fail' : 'warn'));
    }
    return findings;
  },
};
