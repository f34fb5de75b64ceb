import { effectivePullPolicy, isMutableReference } from '../../../k8s/image-reference';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { containersPatchFix } from '../../helpers/fixes';
import { imageContainersOf } from '../../helpers/workloads';
import type { Check } from '../../types';

export const imagePullPolicy: Check = {
  id: 'image-pull-policy',
  title: 'Pull policy is consistent with the image tag',
  principle: 'trusted-registries',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'With a latest or missing tag and imagePullPolicy IfNotPresent, each node keeps whichever image it pulled first, so replicas silently run different code; with Never, a pod on a node without the image never starts.',
  remediation: {
    summary:
      'Pin the image to a version tag or digest and leave imagePullPolicy unset (IfNotPresent); if a moving tag is unavoidable, use Always. Avoid Never outside of pre-loaded nodes.',
    snippet: `containers:
  - name: api
    image: registry.example.com/payments/api:1.4.2
    imagePullPolicy: IfNotPresent  # the default for a version tag`,
  },
  docs: 'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.flatMap((workload) => {
      const containers = imageContainersOf(workload);
      if (containers.length === 0) return [];
      const stale: string[] = [];
      const never: string[] = [];
      const offending: string[] = [];
      for (const container of containers) {
        // The effective policy: the API server defaults an unset one from the tag, so manifests and clusters agree.
        const policy = effectivePullPolicy(container.image, container.imagePullPolicy);
        if (policy === 'Never') never.push(`${container.name} (${container.image})`);
        else if (policy === 'IfNotPresent' && isMutableReference(container.image)) stale.push(`${container.name} (${container.image})`);
        else continue;
        offending.push(container.name);
      }
      const parts: string[] = [];
      if (stale.length > 0) parts.push(`imagePullPolicy IfNotPresent with a moving tag on container ${stale.join(', ')}`);
      if (never.length > 0)
        parts.push(`imagePullPolicy Never on container ${never.join(', ')}: pods start only where the image is pre-loaded`);
      if (parts.length === 0) return [passFinding(workload.object, 'every pull policy suits its image tag')];
      const fix = containersPatchFix(
        workload,
        offending,
        { imagePullPolicy: 'Always' },
        'Pulls the image at every container start, so a moved tag is never run stale; pin the image by digest to start from the node’s copy safely instead.',
      );
      return [{ ...failFinding(workload.object, parts.join('; '), stale.length > 0 ? 'fail' : 'warn'), ...fix }];
    });
  },
};
