/** The readiness principles: where they come from and what they ask. */
import type { CheckStatus, PrincipleId } from './types';

export interface Principle {
  id: PrincipleId;
  title: string;
  /** A column header's worth: one or two words. */
  shortTitle: string;
  summary: string;
  /** Part 1 of the seed article, or its announced part 2 (security and stability). */
  source: 'part-1' | 'part-2';
}

export const PRINCIPLES: readonly Principle[] = [
  {
    id: 'minimal-images',
    shortTitle: 'Base images',
    title: 'Minimal base images',
    source: 'part-1',
    summary: 'Ship only what the application needs: smaller images pull faster and offer less to attack.',
  },
  {
    id: 'trusted-registries',
    shortTitle: 'Registries',
    title: 'Trusted registries',
    source: 'part-1',
    summary: 'Pull from registries you trust and can rely on, by tags or digests that do not move.',
  },
  {
    id: 'registry-auth',
    shortTitle: 'Pull auth',
    title: 'Registry authentication',
    source: 'part-1',
    summary: 'Private images are pulled with imagePullSecrets, so the registry can be selective about who downloads them.',
  },
  {
    id: 'namespaces',
    shortTitle: 'Namespaces',
    title: 'Namespaces and resource allocation',
    source: 'part-1',
    summary: 'Namespaces separate duties and each carries its own resource allocation.',
  },
  {
    id: 'no-defaults',
    shortTitle: 'Defaults',
    title: "Don't trust the defaults",
    source: 'part-1',
    summary: "Kubernetes' defaults favour low friction over security; set what matters explicitly.",
  },
  {
    id: 'labels',
    shortTitle: 'Labels',
    title: 'Labels for selection',
    source: 'part-1',
    summary: 'Labels group objects so selectors find exactly what they should.',
  },
  {
    id: 'annotations',
    shortTitle: 'Annotations',
    title: 'Annotations for versions and ownership',
    source: 'part-1',
    summary: 'Annotations record who owns a workload and which version runs.',
  },
  {
    id: 'security-context',
    shortTitle: 'Security',
    title: 'Security context',
    source: 'part-2',
    summary: 'Containers run unprivileged, as non-root, without ways to gain privileges.',
  },
  {
    id: 'resources',
    shortTitle: 'Resources',
    title: 'Resource requests and limits',
    source: 'part-2',
    summary: 'Every container states what it needs, so the scheduler can place it and noisy neighbours are contained.',
  },
  {
    id: 'probes',
    shortTitle: 'Probes',
    title: 'Health probes',
    source: 'part-2',
    summary: 'Readiness and liveness probes let Kubernetes route traffic only to healthy pods and restart stuck ones.',
  },
  {
    id: 'availability',
    shortTitle: 'Availability',
    title: 'Availability and disruption',
    source: 'part-2',
    summary: 'Enough replicas and disruption budgets keep the service up through node drains and failures.',
  },
  {
    id: 'network',
    shortTitle: 'Network',
    title: 'Network isolation',
    source: 'part-2',
    summary: 'Traffic is denied by default and allowed only where a NetworkPolicy says so.',
  },
  {
    id: 'access-control',
    shortTitle: 'RBAC',
    title: 'Access control (RBAC)',
    source: 'part-2',
    summary: 'Accounts get the least privilege they need: no wildcards, no cluster-admin.',
  },
  {
    id: 'secrets-hygiene',
    shortTitle: 'Secrets',
    title: 'Secrets hygiene',
    source: 'part-2',
    summary: 'Credentials live in Secrets, never as literal values in manifests, and every Secret a pod references exists.',
  },
  {
    id: 'live-health',
    shortTitle: 'Live',
    title: 'Live health',
    source: 'part-2',
    summary:
      'What the cluster reports right now: restarts, crash loops, pods not ready or pending, workloads short of replicas. Shown beside the grade, never part of it.',
  },
];

/** The worst status among a set of checklist items (one principle's, say); N/A when none was evaluated. */
export function worstStatus(items: readonly { status: CheckStatus }[]): CheckStatus {
  for (const status of ['fail', 'warn', 'pass', 'waived'] as const) if (items.some((item) => item.status === status)) return status;
  return 'not-evaluated';
}

export function principleById(id: PrincipleId): Principle {
  const principle = PRINCIPLES.find((candidate) => candidate.id === id);
  if (!principle) throw new Error(`unknown principle ${id}`);
  return principle;
}
