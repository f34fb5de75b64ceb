/** The readiness principles: where they come from and what they ask. */
import type { PrincipleId } from './types';

export interface Principle {
  id: PrincipleId;
  title: string;
  summary: string;
  /** Part 1 of the seed article, or its announced part 2 (security and stability). */
  source: 'part-1' | 'part-2';
}

export const PRINCIPLES: readonly Principle[] = [
  {
    id: 'minimal-images',
    title: 'Minimal base images',
    source: 'part-1',
    summary: 'Ship only what the application needs: smaller images pull faster and offer less to attack.',
  },
  {
    id: 'trusted-registries',
    title: 'Trusted registries',
    source: 'part-1',
    summary: 'Pull from registries you trust and can rely on, by tags or digests that do not move.',
  },
  {
    id: 'registry-auth',
    title: 'Registry authentication',
    source: 'part-1',
    summary: 'Private images are pulled with imagePullSecrets, so the registry can be selective about who downloads them.',
  },
  {
    id: 'namespaces',
    title: 'Namespaces and resource allocation',
    source: 'part-1',
    summary: 'Namespaces separate duties and each carries its own resource allocation.',
  },
  {
    id: 'no-defaults',
    title: "Don't trust the defaults",
    source: 'part-1',
    summary: "Kubernetes' defaults favour low friction over security; set what matters explicitly.",
  },
  {
    id: 'labels',
    title: 'Labels for selection',
    source: 'part-1',
    summary: 'Labels group objects so selectors find exactly what they should.',
  },
  {
    id: 'annotations',
    title: 'Annotations for versions and ownership',
    source: 'part-1',
    summary: 'Annotations record who owns a workload and which version runs.',
  },
  {
    id: 'security-context',
    title: 'Security context',
    source: 'part-2',
    summary: 'Containers run unprivileged, as non-root, without ways to gain privileges.',
  },
  {
    id: 'resources',
    title: 'Resource requests and limits',
    source: 'part-2',
    summary: 'Every container states what it needs, so the scheduler can place it and noisy neighbours are contained.',
  },
  {
    id: 'probes',
    title: 'Health probes',
    source: 'part-2',
    summary: 'Readiness and liveness probes let Kubernetes route traffic only to healthy pods and restart stuck ones.',
  },
  {
    id: 'availability',
    title: 'Availability and disruption',
    source: 'part-2',
    summary: 'Enough replicas and disruption budgets keep the service up through node drains and failures.',
  },
  {
    id: 'network',
    title: 'Network isolation',
    source: 'part-2',
    summary: 'Traffic is denied by default and allowed only where a NetworkPolicy says so.',
  },
  {
    id: 'access-control',
    title: 'Access control (RBAC)',
    source: 'part-2',
    summary: 'Accounts get the least privilege they need: no wildcards, no cluster-admin.',
  },
];

export function principleById(id: PrincipleId): Principle {
  const principle = PRINCIPLES.find((candidate) => candidate.id === id);
  if (!principle) throw new Error(`unknown principle ${id}`);
  return principle;
}
