/**
 * Facts about the bundled demo cluster, Kestrel Freight: its namespaces and the grades a
 * reviewer would give them. The manifests live in lib/demo/manifests/ (one file per namespace).
 */
import type { Grade, Verdict } from '../checks/scoring';

/** The demo's namespaces, best to worst. */
export const DEMO_NAMESPACES = [
  'payments',
  'identity',
  'storefront',
  'tracking',
  'observability',
  'batch-reports',
  'legacy-crm',
  'default',
] as const;

export type DemoNamespace = (typeof DEMO_NAMESPACES)[number];

/**
 * The day the expectations below are stated for. The demo carries waivers with expiry dates
 * (observability's lasts until 2028-06-30; legacy-crm's expired on 2021-12-31), so its tests
 * grade as of this day rather than by the wall clock.
 */
export const DEMO_REVIEW_DATE = new Date('2026-11-27T12:00:00Z');

/** What each namespace is meant to be; the demo test holds the catalog to it. */
export const DEMO_EXPECTATIONS: Record<DemoNamespace, { grade: Grade; verdict: Verdict; why: string }> = {
  payments: {
    grade: 'A',
    verdict: 'ready',
    why: 'exemplary: pinned ECR images on distroless, non-root, probes, quotas, PDBs, default-deny',
  },
  identity: { grade: 'A', verdict: 'ready', why: 'exemplary but for one writable root filesystem' },
  storefront: {
    // Was B: the six checks of issue 9 add weight it mostly passes (valid labels, unique env names, masked /proc, no HostProcess).
    grade: 'A',
    verdict: 'ready-with-risks',
    why: 'a good shop with a careless Redis from Docker Hub and a cart without a PDB',
  },
  tracking: {
    grade: 'C',
    verdict: 'ready-with-risks',
    why: 'no PDBs, a single replica, a stale Service, missing liveness probes and limits',
  },
  observability: {
    // Was C: the six checks of issue 9 add weight it mostly passes (valid labels, unique env names, masked /proc, no HostProcess).
    grade: 'B',
    verdict: 'ready-with-risks',
    why: 'node-exporter’s host namespaces and read-only host paths are waived (accepted until 2028-06-30); Grafana from Docker Hub, no quota',
  },
  'batch-reports': {
    // Was D: the six checks of issue 9 add weight it mostly passes (valid labels, unique env names, masked /proc, no HostProcess).
    grade: 'C',
    verdict: 'ready-with-risks',
    why: 'default ServiceAccounts, Docker Hub and full-distribution images, no quota or policy',
  },
  'legacy-crm': {
    grade: 'F',
    verdict: 'not-ready',
    why: 'latest tags, privileged root containers, no probes or resources, a cluster-admin binding whose waiver expired in 2021',
  },
  default: { grade: 'F', verdict: 'not-ready', why: 'a forgotten debug shell in the namespace nobody owns: root, no probes, no resources' },
};
