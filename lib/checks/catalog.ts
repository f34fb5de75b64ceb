/**
 * The catalog: every check Shipshape runs, listed explicitly (no file-system glob), in the
 * order a review reads them.
 */

import { dedicatedServiceAccount } from './catalog/dedicated-service-account';
import { imageMinimalBase } from './catalog/image-minimal-base';
import { imagePullSecret } from './catalog/image-pull-secret';
import { imageTagPinned } from './catalog/image-tag-pinned';
import { imageTrustedRegistry } from './catalog/image-trusted-registry';
import { livenessProbe } from './catalog/liveness-probe';
import { memoryLimit } from './catalog/memory-limit';
import { namespaceLimitRange } from './catalog/namespace-limit-range';
import { namespaceResourceQuota } from './catalog/namespace-resource-quota';
import { networkDefaultDeny } from './catalog/network-default-deny';
import { noPrivilegeEscalation } from './catalog/no-privilege-escalation';
import { noPrivileged } from './catalog/no-privileged';
import { ownershipAnnotations } from './catalog/ownership-annotations';
import { podDisruptionBudget } from './catalog/pod-disruption-budget';
import { rbacClusterAdmin } from './catalog/rbac-cluster-admin';
import { rbacWildcards } from './catalog/rbac-wildcards';
import { readOnlyRootFilesystem } from './catalog/read-only-root-filesystem';
import { readinessProbe } from './catalog/readiness-probe';
import { recommendedLabels } from './catalog/recommended-labels';
import { replicasMinimum } from './catalog/replicas-minimum';
import { resourceRequests } from './catalog/resource-requests';
import { runAsNonRoot } from './catalog/run-as-non-root';
import { serviceAccountTokenAutomount } from './catalog/service-account-token-automount';
import { serviceSelectsPods } from './catalog/service-selects-pods';
import { workloadsOutsideDefault } from './catalog/workloads-outside-default';
import type { Check } from './types';

export const CATALOG: readonly Check[] = [
  // minimal-images
  imageMinimalBase,
  // trusted-registries
  imageTrustedRegistry,
  imageTagPinned,
  // registry-auth
  imagePullSecret,
  // namespaces
  namespaceResourceQuota,
  namespaceLimitRange,
  workloadsOutsideDefault,
  // no-defaults
  dedicatedServiceAccount,
  serviceAccountTokenAutomount,
  // labels
  recommendedLabels,
  serviceSelectsPods,
  // annotations
  ownershipAnnotations,
  // security-context
  runAsNonRoot,
  noPrivileged,
  noPrivilegeEscalation,
  readOnlyRootFilesystem,
  // resources
  resourceRequests,
  memoryLimit,
  // probes
  readinessProbe,
  livenessProbe,
  // availability
  replicasMinimum,
  podDisruptionBudget,
  // network
  networkDefaultDeny,
  // access-control
  rbacClusterAdmin,
  rbacWildcards,
];

export function checkById(id: string): Check | undefined {
  return CATALOG.find((check) => check.id === id);
}
