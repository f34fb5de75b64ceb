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

/** What each namespace is meant to be; the demo test holds the catalog to it. */
export const DEMO_EXPECTATIONS: Record<DemoNamespace, { grade: Grade; verdict: Verdict; why: string }> = {
  payments: {
    grade: 'A',
    verdict: 'ready',
    why: 'exemplary: pinned ECR images on distroless, non-root, probes, quotas, PDBs, default-deny',
  },
  identity: { grade: 'A', verdict: 'ready', why: 'exemplary but for one writable root filesystem' },
  storefront: {
    grade: 'B',
    verdict: 'ready-with-risks',
    why: 'a good shop with a careless Redis from Docker Hub and a cart without a PDB',
  },
  tracking: {
    grade: 'C',
    verdict: 'ready-with-risks',
    why: 'no PDBs, a single replica, a stale Service, missing liveness probes and limits',
  },
  observability: { grade: 'C', verdict: 'not-ready', why: 'node-exporter runs with hostNetwork and hostPID; Grafana from Docker Hub' },
  'batch-reports': {
    grade: 'D',
    verdict: 'ready-with-risks',
    why: 'default ServiceAccounts, Docker Hub and full-distribution images, no quota or policy',
  },
  'legacy-crm': {
    grade: 'F',
    verdict: 'not-ready',
    why: 'latest tags, privileged root containers, no probes or resources, cluster-admin binding',
  },
  default: { grade: 'F', verdict: 'not-ready', why: 'a forgotten debug shell in the namespace nobody owns: root, no probes, no resources' },
};
