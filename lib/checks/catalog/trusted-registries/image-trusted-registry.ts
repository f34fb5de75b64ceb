import { parseImageReference, registryInList } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { imageContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

export const imageTrustedRegistry: Check = {
  id: 'image-trusted-registry',
  title: 'Images come from trusted registries',
  principle: 'trusted-registries',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'An image from an unvetted registry can be replaced, typo-squatted or rate-limited out of reach; pulling only from registries you trust keeps what runs, and whether it can be pulled, under your control.',
  remediation: {
    summary: 'Mirror or rebuild the image into a registry your organisation trusts and reference it by that registry’s host.',
    snippet: `containers:
  - name: web
    image: registry.example.com/mirror/nginx:1.27.3  # was nginx:1.27 (Docker Hub)`,
  },
  docs: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  evaluate({ namespace, config }) {
    return namespace.workloads.flatMap((workload) => {
      const containers = imageContainersOf(workload);
      if (containers.length === 0) return [];
      const untrusted: string[] = [];
      const registries = new Set<string>();
      for (const container of containers) {
        const { registry } = parseImageReference(container.image);
        registries.add(registry);
        if (!registryInList(registry, config.trustedRegistries)) untrusted.push(`${container.name} (${container.image} from ${registry})`);
      }
      if (untrusted.length > 0) return [failFinding(workload.object, `untrusted registry for container ${untrusted.join(', ')}`)];
      return [passFinding(workload.object, `every image comes from a trusted registry (${[...registries].sort().join(', ')})`)];
    });
  },
};
